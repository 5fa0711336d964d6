// The limit behind `concurrency` (issue 9): never more transfers than slots, a slot given back goes
// to the next in line, and an item fetched again waits for a slot like any other.
import { describe, expect, test } from 'vitest';
import { createTransferSlots, type TransferSlot } from '../../../../electron/engine/job/transfer-slots.js';

/** Settles pending promise callbacks, so a taker that could proceed has. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

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
    let retaken = false;
    void item.retake().then(() => (retaken = true));
    await settle();
    expect(retaken).toBe(false);
    other.release();
    await settle();
    expect(retaken).toBe(true);
    // Held again: its release lets the next taker through.
    let next = false;
    void slots.take().then(() => (next = true));
    await settle();
    expect(next).toBe(false);
    item.release();
    await settle();
    expect(next).toBe(true);
  });

  test('a slot still held is not taken twice by retake', async () => {
    const slots = createTransferSlots(1);
    const item = await slots.take();
    await item.retake();
    let other = false;
    void slots.take().then(() => (other = true));
    item.release();
    await settle();
    expect(other).toBe(true);
  });
});
