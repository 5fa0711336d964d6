// An item's phase moves only along the one table (engine/job/item-phases.ts): the moves the engine
// makes are allowed, everything else is refused, and an ItemState asked for a refused move fails
// the item with CLIENT.internal naming it instead of taking the move.
import { describe, expect, test } from 'vitest';
import { ManualClock } from '../../../../electron/engine/clock.js';
import { ITEM_PHASE_MOVES, mayMoveItem } from '../../../../electron/engine/job/item-phases.js';
import { ItemState } from '../../../../electron/engine/job/job-state.js';
import type { PlannedItem } from '../../../../electron/engine/job/plan-items.js';
import type { ItemPhase } from '../../../../electron/shared/snapshots.js';

const PHASES = Object.keys(ITEM_PHASE_MOVES) as ItemPhase[];

function plannedItem(disposition: PlannedItem['disposition'] = 'download'): PlannedItem {
  return {
    itemKey: 'tool.bin',
    artifactType: 'software',
    disposition,
    fileName: 'tool.bin',
    url: null,
    size: 4,
    expectedHash: null,
    expectedHashText: null,
    signature: null,
    isExecutable: false,
    arguments: null,
    metaData: null,
    reference: null,
    error: null,
  };
}

describe('the item phase table', () => {
  test('the paths the engine takes are allowed', () => {
    const paths: ItemPhase[][] = [
      ['pending', 'downloading', 'verifying', 'done'], // downloaded and committed
      ['pending', 'done'], // reused (F7)
      ['pending', 'downloading', 'verifying', 'downloading', 'verifying', 'failed'], // fetched again (I1)
      ['pending', 'downloading', 'paused'], // paused mid-download
      ['pending', 'downloading', 'failed', 'paused'], // a full disk pauses the job (F1)
      ['pending', 'failed'], // an unsafe name
    ];
    for (const path of paths)
      for (let i = 1; i < path.length; i += 1)
        expect(mayMoveItem(path[i - 1]!, path[i]!), `${path[i - 1]} → ${path[i]}`).toBe(true);
  });

  test.each([
    ['done', 'downloading'],
    ['done', 'failed'],
    ['failed', 'done'],
    ['failed', 'downloading'],
    ['downloading', 'done'],
    ['pending', 'verifying'],
    ['paused', 'downloading'],
    ['notDownloadable', 'downloading'],
    ['rejected', 'done'],
  ] as const)('%s → %s is refused', (from, to) => {
    expect(mayMoveItem(from, to)).toBe(false);
  });

  test('staying in a phase is always allowed; the finished phases lead nowhere else', () => {
    for (const phase of PHASES) expect(mayMoveItem(phase, phase)).toBe(true);
    for (const end of ['done', 'notDownloadable', 'rejected'] as const)
      expect(PHASES.filter((to) => to !== end && mayMoveItem(end, to))).toEqual([]);
  });
});

describe('ItemState.moveTo', () => {
  test('an allowed move is taken', () => {
    const item = new ItemState(plannedItem(), new ManualClock());
    expect(item.phase).toBe('pending');
    item.moveTo('downloading');
    item.moveTo('verifying');
    expect(item.phase).toBe('verifying');
    expect(item.error).toBeNull();
  });

  test('a refused move fails the item with CLIENT.internal naming it and the move', () => {
    const item = new ItemState(plannedItem(), new ManualClock());
    item.moveTo('done');
    item.moveTo('downloading');
    expect(item.phase).toBe('failed');
    expect(item.outcome).toBe('failed');
    expect(item.error).toMatchObject({ code: 'CLIENT.internal', itemKey: 'tool.bin' });
    expect(item.error?.message).toMatch(/tool\.bin.*from done to downloading/);
  });

  test('an item planned as not downloadable never starts downloading', () => {
    const item = new ItemState(plannedItem('notDownloadable'), new ManualClock());
    item.moveTo('downloading');
    expect(item.phase).toBe('failed');
    expect(item.error?.code).toBe('CLIENT.internal');
  });
});
