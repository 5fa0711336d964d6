// Deliveries: job snapshots merged idempotently by jobId, their order, per-job action state and the
// results of "verify again". Talks to Courier only through the injected bridge.
import type { StateCreator } from 'zustand/vanilla';
import type { CourierBridge } from '../../electron/shared/ipc-contract.js';
import type { JobSnapshot } from '../../electron/shared/snapshots.js';
import { checkOutcome } from './check-outcome.js';
import { mergeSnapshot, orderJobs, sameOrder } from './jobs-merge.js';
import type { CourierState, JobsSlice } from './store-types.js';

const CONTROL_METHODS = {
  pause: 'pauseJob',
  resume: 'resumeJob',
  cancel: 'cancelJob',
  retry: 'retryJob',
} as const;

type JobsState = Pick<CourierState, 'jobs' | 'jobOrder' | 'removedJobs'>;

/** The next jobs state, or the same object when nothing changed (so no subscriber re-renders). */
function withSnapshots(state: JobsState, snapshots: readonly JobSnapshot[]): Partial<JobsState> | JobsState {
  let jobs = state.jobs;
  for (const snapshot of snapshots) {
    if (state.removedJobs[snapshot.jobId]) continue;
    const current = jobs[snapshot.jobId];
    const merged = mergeSnapshot(current, snapshot);
    if (merged === current) continue;
    if (jobs === state.jobs) jobs = { ...state.jobs };
    (jobs as Record<string, JobSnapshot>)[snapshot.jobId] = merged;
  }
  if (jobs === state.jobs) return state;
  const order = orderJobs(jobs);
  return { jobs, jobOrder: sameOrder(order, state.jobOrder) ? state.jobOrder : order };
}

export const createJobsSlice =
  (bridge: CourierBridge): StateCreator<CourierState, [], [], JobsSlice> =>
  (set, get) => ({
    jobs: {},
    jobOrder: [],
    removedJobs: {},
    jobsLoaded: false,
    jobsError: null,
    busy: {},
    actionErrors: {},
    jobChecks: {},
    jobOpenings: {},
    applyJob: (snapshot) => set((state) => withSnapshots(state, [snapshot])),
    applyJobs: (snapshots) => set((state) => withSnapshots(state, snapshots)),
    forgetJob: (jobId) =>
      set((state) => {
        const { [jobId]: _gone, ...jobs } = state.jobs;
        return {
          jobs,
          jobOrder: state.jobOrder.filter((id) => id !== jobId),
          removedJobs: { ...state.removedJobs, [jobId]: true },
          selectedJobId: state.selectedJobId === jobId ? null : state.selectedJobId,
          view: state.view === 'job' && state.selectedJobId === jobId ? 'jobs' : state.view,
        };
      }),
    async loadJobs() {
      const result = await bridge.listJobs();
      if (result.ok) {
        get().applyJobs(result.value);
        set({ jobsLoaded: true, jobsError: null });
      } else set({ jobsLoaded: true, jobsError: result.error });
    },
    async startJobs(catalogIds, itemType, withDependencies = false) {
      const result = await bridge.startJobs({
        catalogIds,
        itemType,
        ...(withDependencies ? { withDependencies } : {}),
      });
      if (result.ok) get().applyJobs(result.value);
      return result;
    },
    async runJobAction(jobId, action) {
      if (get().busy[jobId]) return;
      set((state) => ({
        busy: { ...state.busy, [jobId]: action },
        actionErrors: { ...state.actionErrors, [jobId]: undefined },
        ...(action === 'verify' ? { jobChecks: { ...state.jobChecks, [jobId]: { state: 'running' } } } : {}),
      }));
      const request = { jobId };
      let error = null;
      switch (action) {
        case 'pause':
        case 'resume':
        case 'cancel':
        case 'retry': {
          const method = CONTROL_METHODS[action];
          const result = await bridge[method](request);
          if (result.ok) get().applyJob(result.value);
          else error = result.error;
          break;
        }
        case 'remove': {
          const result = await bridge.removeJob(request);
          if (result.ok) {
            get().forgetJob(jobId);
            get().applyJobs(result.value);
          } else error = result.error;
          break;
        }
        case 'verify': {
          const result = await bridge.verifyJob(request);
          set((state) => ({
            jobChecks: {
              ...state.jobChecks,
              [jobId]: checkOutcome(result),
            },
          }));
          break;
        }
        case 'folder':
        case 'report': {
          const result = await bridge[action === 'folder' ? 'openJobFolder' : 'openJobReport'](request);
          if (!result.ok) error = result.error;
          // Browser mode: the folder's path to show, or the report page (opened by the bridge).
          const opening = result.ok && result.value.how !== 'opened' ? result.value : undefined;
          set((state) => ({ jobOpenings: { ...state.jobOpenings, [jobId]: opening } }));
          break;
        }
      }
      set((state) => ({
        busy: { ...state.busy, [jobId]: undefined },
        actionErrors: { ...state.actionErrors, [jobId]: error ?? undefined },
      }));
    },
  });
