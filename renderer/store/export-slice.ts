// Copies to a drive (a staged job's package, or a History package) with their pushed progress, and
// "Verify a package" on a folder picked in main. Talks to Courier only through the injected bridge;
// the UI sends ids, never folders: the drive is chosen in main.
import type { StateCreator } from 'zustand/vanilla';
import type { CourierBridge, ExportProgressEvent } from '../../electron/shared/ipc-contract.js';
import type { CourierState, ExportOutcome, ExportSlice, ExportTarget } from './store-types.js';

export const exportKey = (target: ExportTarget): string =>
  'jobId' in target ? `job:${target.jobId}` : `package:${target.packageId}`;

const eventKey = (event: ExportProgressEvent): string =>
  event.jobId !== null ? `job:${event.jobId}` : `package:${event.packageId}`;

type Exports = CourierState['exports'];

const withOutcome = (exports: Exports, key: string, outcome: ExportOutcome | undefined): Exports => {
  const { [key]: _old, ...rest } = exports;
  return outcome ? { ...rest, [key]: outcome } : rest;
};

export const createExportSlice =
  (bridge: CourierBridge): StateCreator<CourierState, [], [], ExportSlice> =>
  (set, get) => ({
    exports: {},
    driveCheck: null,

    applyExportProgress(event) {
      const key = eventKey(event);
      set((state) => {
        const current = state.exports[key];
        // Only the export this window is waiting for: a late push after its answer changes nothing.
        if (current?.state !== 'running') return state;
        return { exports: { ...state.exports, [key]: { ...current, progress: event } } };
      });
    },

    async startExport(target) {
      const key = exportKey(target);
      const previous = get().exports[key];
      if (previous?.state === 'running') return;
      set((state) => ({
        exports: withOutcome(state.exports, key, { state: 'running', progress: null, stopping: false }),
      }));
      const result = 'jobId' in target ? await bridge.exportJob(target) : await bridge.exportPackage(target);
      set((state) => {
        const current = state.exports[key];
        const progress = current?.state === 'running' ? current.progress : null;
        let next: ExportOutcome | undefined;
        if (!result.ok) next = { state: 'error', error: result.error, progress };
        // The picker was cancelled: nothing happened, so whatever was shown before stays.
        else if (result.value === null) next = previous;
        else next = { state: 'done', summary: result.value, at: new Date().toISOString() };
        return { exports: withOutcome(state.exports, key, next) };
      });
    },

    async cancelExport(target) {
      const key = exportKey(target);
      const current = get().exports[key];
      if (current?.state !== 'running' || current.stopping) return;
      set((state) => ({ exports: { ...state.exports, [key]: { ...current, stopping: true } } }));
      const result = await bridge.cancelExport(target);
      // The export's own answer (CLIENT.cancelled) ends the panel; only a refused stop is news.
      if (!result.ok) {
        get().pushNotice({
          level: 'error',
          message: `The copy could not be stopped: ${result.error.message}`,
        });
        set((state) => {
          const now = state.exports[key];
          return now?.state === 'running'
            ? { exports: { ...state.exports, [key]: { ...now, stopping: false } } }
            : state;
        });
      }
    },

    dismissExport(target) {
      const key = exportKey(target);
      if (get().exports[key]?.state === 'running') return;
      set((state) => ({ exports: withOutcome(state.exports, key, undefined) }));
    },

    async verifyPickedFolder() {
      const previous = get().driveCheck;
      if (previous?.state === 'running') return;
      set({ driveCheck: { state: 'running' } });
      const result = await bridge.verifyFolderPicked();
      set({
        driveCheck: !result.ok
          ? { state: 'error', error: result.error }
          : result.value === null
            ? previous
            : { state: 'done', check: result.value, at: new Date().toISOString() },
      });
    },

    dismissDriveCheck() {
      if (get().driveCheck?.state !== 'running') set({ driveCheck: null });
    },
  });
