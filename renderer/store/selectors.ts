// Derived numbers for the views, as pure functions of snapshots (cheap, testable, memo-friendly):
// counts per outcome, overall progress, and which actions a job allows. No React, no bridge.
import { isActiveJob } from '../../electron/shared/job-phases.js';
import type { ItemSnapshot, JobSnapshot } from '../../electron/shared/snapshots.js';
import { percentOf } from '../format/units.js';
import type { CourierState, JobAction } from './store-types.js';

export interface ItemCounts {
  readonly total: number;
  readonly verified: number;
  readonly unverified: number;
  readonly notDownloadable: number;
  readonly failed: number;
  readonly inProgress: number;
}

const countCache = new WeakMap<readonly ItemSnapshot[], ItemCounts>();

/** Memoised on the items array, which the store keeps identical while no item changed. */
export function countItems(items: readonly ItemSnapshot[]): ItemCounts {
  const cached = countCache.get(items);
  if (cached) return cached;
  const counts = {
    total: items.length,
    verified: 0,
    unverified: 0,
    notDownloadable: 0,
    failed: 0,
    inProgress: 0,
  };
  for (const item of items) {
    if (item.outcome === 'verified') counts.verified += 1;
    else if (item.outcome === 'unverified') counts.unverified += 1;
    else if (item.outcome === 'notDownloadable') counts.notDownloadable += 1;
    else if (item.outcome === 'failed' || item.outcome === 'rejected') counts.failed += 1;
    else counts.inProgress += 1;
  }
  countCache.set(items, counts);
  return counts;
}

/** Overall progress 0..100 of a job, or null while it cannot be known (preparing, no sizes). */
export function jobPercent(job: JobSnapshot): number | null {
  if (job.phase === 'preparing' || job.phase === 'queued') return job.serverProgress;
  if (job.phase === 'staged') return 100;
  return percentOf(job.bytesDone, job.bytesTotal);
}

/** The one rule of electron/shared/job-phases.ts, under the name the views use. */
export const isActive = isActiveJob;

/** The controls a job offers in its current phase, in display order. */
export function jobActions(job: JobSnapshot): readonly JobAction[] {
  switch (job.phase) {
    case 'queued':
    case 'preparing':
    case 'downloading':
    case 'verifying':
      return ['pause', 'cancel'];
    case 'paused':
      return ['resume', 'cancel'];
    case 'failed':
    case 'cancelled':
      return ['retry', 'remove'];
    case 'staged':
      return ['remove'];
  }
}

export const selectActiveCount = (state: CourierState): number =>
  state.jobOrder.reduce((n, id) => {
    const job = state.jobs[id];
    return job && isActive(job) ? n + 1 : n;
  }, 0);

export const selectSelectedJob = (state: CourierState): JobSnapshot | undefined =>
  state.selectedJobId ? state.jobs[state.selectedJobId] : undefined;
