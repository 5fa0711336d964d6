// The limit behind `concurrency` (issue 9): never more transfers than slots, a slot given back goes
// to the next in line, and an item fetched again waits for a slot like any other.
import { describe, expect, test } from 'vitest';
import { createTransferSlots, type TransferSlot } from '../../../../electron/engine/job/transfer-slots.js';

/** Settles pending promise callbacks, so a taker that could proceed has. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Whether `waiting` has resolved, after `release` ran and pending callbacks settled. */
async function through(waiting: { done: boolean }, release?: () => void): Promise<boolean> {
  release?.();
  await settle();
  return waiting.done;
}

function watch(promise: Promise<unknown>): { done: boolean } {
  const state = { done: false };
  void promise.then(() => (state.done = true));
  return state;
}

describe('transfer slots', () => {
  test('a third taker waits for one of two slots, and a double release frees only one', async () => {
    const slots = createTransferSlots(2);
    const first = await slots.take();
    await slots.take();
    const got: TransferSlot[] = [];
    void slots.take().then((slot) => got.push(slot));
    void slots.take().then((slot) => got.push(slot));
    await settle();
    expect(got).toHaveLength(0);
    first.release();
    first.release();
    await settle();
    expect(got).toHaveLength(1);
  });

  test('an item fetched again waits until a slot is free', async () => {
    const slots = createTransferSlots(1);
    const item = await slots.take();
    item.release();
    const other = await slots.take();
    const retaken = watch(item.retake());
    expect(await through(retaken)).toBe(false);
    expect(await through(retaken, () => other.release())).toBe(true);
    // Held again: its release lets the next taker through.
    const next = watch(slots.take());
    expect(await through(next)).toBe(false);
    expect(await through(next, () => item.release())).toBe(true);
  });

  test('a slot still held is not taken twice by retake', async () => {
    const slots = createTransferSlots(1);
    const item = await slots.take();
    await item.retake();
    const other = watch(slots.take());
    expect(await through(other, () => item.release())).toBe(true);
  });
});
