// Which job phases are "active": the job is still working, so pause and cancel apply, it keeps the
// computer awake, it counts as running on screen, and its engine is not replaced under it. The one
// definition the service, the desktop shell and the renderer all read. Pure.
import type { JobPhase, JobSnapshot } from './snapshots.js';

export const ACTIVE_JOB_PHASES = [
  'queued',
  'preparing',
  'downloading',
  'verifying',
] as const satisfies readonly JobPhase[];

const active: ReadonlySet<JobPhase> = new Set(ACTIVE_JOB_PHASES);

/** True while the job is queued, preparing on the server, downloading or verifying. */
export const isActiveJob = (job: Pick<JobSnapshot, 'phase'>): boolean => active.has(job.phase);
