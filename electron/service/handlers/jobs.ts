// Job handlers: start, pause, resume, cancel, retry and remove, over the current engine or over the
// snapshots an earlier engine left behind.
import type { JobSnapshot } from '../../shared/snapshots.js';
import { ok, type Result } from '../../shared/result.js';
import type { Engine } from '../../engine/index.js';
import { invalidRequest, unknownJob, type ServiceContext } from '../context.js';
import { isActiveJob } from '../../shared/job-phases.js';
import type { JobEntry } from '../job-book.js';
import type { InvokeHandlers } from '../types.js';

type JobHandlers = Pick<
  InvokeHandlers,
  'startJobs' | 'listJobs' | 'pauseJob' | 'resumeJob' | 'cancelJob' | 'retryJob' | 'removeJob'
>;

/** Records a snapshot the service produced itself and announces it (and any job it supersedes). */
export function recordJob(ctx: ServiceContext, engine: Engine, job: JobSnapshot, unhide: boolean): void {
  for (const jobId of ctx.jobs.update(engine, job, { unhide })) {
    ctx.throttle.forget(jobId);
    ctx.push({ event: 'jobRemoved', payload: { jobId } });
  }
  if (!ctx.jobs.isHidden(job.jobId)) ctx.throttle.push(job);
}

export function jobHandlers(ctx: ServiceContext): JobHandlers {
  const find = (jobId: string): Result<JobEntry> => {
    const entry = ctx.jobs.get(jobId);
    return entry ? ok(entry) : unknownJob();
  };
  const isLive = (entry: JobEntry) => entry.engine === ctx.slot.current();

  const act = (entry: JobEntry, action: 'pause' | 'resume' | 'cancel'): Result<JobSnapshot> => {
    const done = entry.engine[action](entry.snapshot.jobId);
    if (done.ok) recordJob(ctx, entry.engine, done.value, false);
    return done;
  };

  /** A job of a retired engine runs again on the current one, resuming what is on disk. */
  const restart = async (entry: JobEntry): Promise<Result<JobSnapshot>> => {
    const engine = await ctx.slot.get();
    if (!engine.ok) return engine;
    const started = engine.value.start(entry.snapshot.catalogId, entry.snapshot.itemType);
    if (started.ok) recordJob(ctx, engine.value, started.value, true);
    return started;
  };

  const rerun = async (jobId: string, what: 'resume' | 'retry'): Promise<Result<JobSnapshot>> => {
    const entry = find(jobId);
    if (!entry.ok) return entry;
    const { phase } = entry.value.snapshot;
    if (phase === 'staged') return invalidRequest('This job is already staged.');
    if (what === 'retry' && isActiveJob(entry.value.snapshot))
      return invalidRequest('This job is still running.');
    if (!isLive(entry.value)) return restart(entry.value);
    // A run that just failed or paused may still be winding down (journal, reports, lock): a resume
    // issued now would be swallowed by it, so wait for it to end first.
    if (!isActiveJob(entry.value.snapshot)) await entry.value.engine.settled(jobId);
    return act(entry.value, 'resume');
  };

  return {
    async startJobs({ catalogIds, itemType, withDependencies }) {
      const engine = await ctx.slot.get();
      if (!engine.ok) return engine;
      const started: JobSnapshot[] = [];
      for (const catalogId of catalogIds) {
        const job = engine.value.start(catalogId, itemType, { withDependencies: withDependencies === true });
        if (!job.ok) return job; // the ones already started keep running and show up as they go
        recordJob(ctx, engine.value, job.value, true);
        started.push(job.value);
      }
      return ok(started);
    },

    listJobs: async () => ok(ctx.jobs.list()),

    async pauseJob({ jobId }) {
      const entry = find(jobId);
      if (!entry.ok) return entry;
      // A retired engine paused its jobs when it closed: nothing runs there any more.
      return isLive(entry.value) ? act(entry.value, 'pause') : ok(entry.value.snapshot);
    },

    resumeJob: async ({ jobId }) => rerun(jobId, 'resume'),
    retryJob: async ({ jobId }) => rerun(jobId, 'retry'),

    async cancelJob({ jobId }) {
      const entry = find(jobId);
      if (!entry.ok) return entry;
      if (isLive(entry.value)) return act(entry.value, 'cancel');
      const { snapshot } = entry.value;
      if (snapshot.phase === 'staged' || snapshot.phase === 'failed') return ok(snapshot);
      const cancelled: JobSnapshot = { ...snapshot, phase: 'cancelled', speed: 0, etaMs: null };
      ctx.jobs.replace(cancelled);
      ctx.throttle.push(cancelled);
      return ok(cancelled);
    },

    async removeJob({ jobId }) {
      const entry = find(jobId);
      if (!entry.ok) return entry;
      if (isActiveJob(entry.value.snapshot))
        return invalidRequest(
          'This job is still running. Pause or cancel it before removing it from the list.',
        );
      // The current engine keeps its runner (starting the same delivery again brings it back).
      if (isLive(entry.value)) ctx.jobs.hide(jobId);
      else ctx.jobs.drop(jobId);
      ctx.throttle.forget(jobId);
      ctx.push({ event: 'jobRemoved', payload: { jobId } });
      return ok(ctx.jobs.list());
    },
  };
}
