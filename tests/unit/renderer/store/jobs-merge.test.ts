// Applying snapshots: idempotent, independent of arrival order, and keeping unchanged items'
// identity so memoised rows do not re-render on a progress tick.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { translatorFor } from '../../../../renderer/i18n/translator.js';
import { mergeSnapshot, orderJobs } from '../../../../renderer/store/jobs-merge.js';
import { createCourierStore } from '../../../../renderer/store/store.js';
import { jobDetailModel } from '../../../../renderer/views/job-detail-model.js';
import { createFakeBridge } from '../../../support/renderer-fake-bridge.js';
import { makeItem, makeJob } from '../../../support/renderer-fixtures.js';

const at = (second: number) => new Date(Date.UTC(2026, 6, 2, 8, 0, second)).toISOString();

function timeline() {
  const base = makeJob({ phase: 'preparing', updatedAt: at(0) });
  const items = [makeItem({ itemKey: 'a' }), makeItem({ itemKey: 'b' })];
  return [
    base,
    { ...base, phase: 'downloading' as const, items, bytesDone: 10, updatedAt: at(1) },
    { ...base, phase: 'downloading' as const, items, bytesDone: 500, updatedAt: at(2) },
    { ...base, phase: 'staged' as const, items, bytesDone: 1000, verified: true, updatedAt: at(3) },
  ];
}

describe('mergeSnapshot', () => {
  it('keeps the newer snapshot whichever arrives first', () => {
    const [, , older, newer] = timeline();
    expect(mergeSnapshot(older, newer!)).toBe(newer);
    expect(mergeSnapshot(newer, older!)).toBe(newer);
  });

  it('returns the current object when the same snapshot is applied again', () => {
    const job = timeline()[2]!;
    const copy = JSON.parse(JSON.stringify(job)) as typeof job;
    expect(mergeSnapshot(job, copy)).toBe(job);
  });

  it('reuses unchanged items and replaces only the one that moved', () => {
    const a = makeItem({ itemKey: 'a', phase: 'downloading', bytesDone: 1 });
    const b = makeItem({ itemKey: 'b', phase: 'done', outcome: 'verified', hashCheck: 'verified' });
    const first = makeJob({ items: [a, b], updatedAt: at(1) });
    const next = JSON.parse(JSON.stringify({ ...first, updatedAt: at(2) })) as typeof first;
    const moved = { ...next, items: [{ ...next.items[0]!, bytesDone: 2 }, next.items[1]!] };
    const merged = mergeSnapshot(first, moved);
    expect(merged.items[1]).toBe(b);
    expect(merged.items[0]).not.toBe(a);
    expect(merged.items[0]!.bytesDone).toBe(2);
  });

  it('ends in the same state for any arrival order, with duplicates', () => {
    const snapshots = timeline();
    fc.assert(
      fc.property(
        fc.shuffledSubarray([...snapshots, ...snapshots], { minLength: 8, maxLength: 8 }),
        (order) => {
          const store = createCourierStore(createFakeBridge().bridge);
          for (const snapshot of order) store.getState().applyJob(snapshot);
          const final = store.getState().jobs[snapshots[0]!.jobId]!;
          expect(final.phase).toBe('staged');
          expect(final.bytesDone).toBe(1000);
          expect(store.getState().jobOrder).toEqual([snapshots[0]!.jobId]);
        },
      ),
    );
  });
});

describe('a progress tick in a 500-artifact delivery', () => {
  it('keeps 499 row models and rebuilds only the one that moved', () => {
    const items = Array.from({ length: 500 }, (_, i) =>
      makeItem({ itemKey: `k${i}`, fileName: `f${i}.bin`, phase: 'downloading', size: 1000, bytesDone: 10 }),
    );
    const store = createCourierStore(createFakeBridge().bridge);
    const first = makeJob({ items, updatedAt: at(1) });
    store.getState().applyJob(first);
    const before = jobDetailModel(translatorFor('en'), store.getState().jobs[first.jobId]!);
    // The wire delivers a whole new snapshot: every object is new, one item actually changed.
    const wire = JSON.parse(JSON.stringify({ ...first, updatedAt: at(2) })) as typeof first;
    const tick = {
      ...wire,
      items: wire.items.map((item, i) => (i === 7 ? { ...item, bytesDone: 500 } : item)),
    };
    store.getState().applyJob(tick);
    const after = jobDetailModel(translatorFor('en'), store.getState().jobs[first.jobId]!);
    const rebuilt = after.rows.filter((row, i) => row !== before.rows[i]);
    expect(rebuilt.map((row) => row.key)).toEqual(['k7']);
    expect(rebuilt[0]!.percent).toBe(50);
  });
});

describe('orderJobs', () => {
  it('lists the newest delivery first, ties broken by id', () => {
    const old = makeJob({ jobId: 'b', startedAt: at(1) });
    const young = makeJob({ jobId: 'c', startedAt: at(5) });
    const twin = makeJob({ jobId: 'a', startedAt: at(5) });
    expect(orderJobs({ b: old, c: young, a: twin })).toEqual(['a', 'c', 'b']);
  });
});
