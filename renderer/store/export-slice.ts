// Copies to a drive (a staged job's package, or a History package) with their pushed progress, and
// "Verify a package" on a folder picked in main. Talks to Courier only through the injected bridge;
// the UI sends ids, never folders: the drive is chosen in main.
import type { StateCreator } from 'zustand/vanilla';
import type { AppError } from '../../electron/shared/app-error.js';
import type { CourierBridge, ExportProgressEvent, PackageState } from '../../electron/shared/ipc-contract.js';
import { PACKAGE_STATES } from '../../electron/shared/package-verdict.js';
import type { CourierState, ExportOutcome, ExportSlice, ExportTarget } from './store-types.js';

export const exportKey = (target: ExportTarget): string =>
  'jobId' in target ? `job:${target.jobId}` : `package:${target.packageId}`;

const eventKey = (event: ExportProgressEvent): string =>
  event.jobId !== null ? `job:${event.jobId}` : `package:${event.packageId}`;

type Exports = CourierState['exports'];

/** Changed or missing files are never copied: there is nothing to accept. */
export const canCopy = (state: PackageState): boolean => state !== 'changed' && state !== 'missing';

/** The state Courier refused to copy without acceptance (CLIENT.unverified), if that is the error. */
function refusedState(error: AppError): Exclude<PackageState, 'verified'> | null {
  const state = error.detail?.['packageState'];
  if (error.code !== 'CLIENT.unverified' || typeof state !== 'string') return null;
  const known = PACKAGE_STATES.find((s) => s === state);
  return known && known !== 'verified' && canCopy(known) ? known : null;
}

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

    async requestExport(target, packageState) {
      const key = exportKey(target);
      if (get().exports[key]?.state === 'running' || !canCopy(packageState)) return;
      if (packageState === 'verified') return get().startExport(target);
      set((state) => ({ exports: withOutcome(state.exports, key, { state: 'confirm', packageState }) }));
    },

    async startExport(target, acceptance = {}) {
      const key = exportKey(target);
      const current = get().exports[key];
      if (current?.state === 'running') return;
      // Asking again is not something to come back to when the picker is cancelled.
      const previous = current?.state === 'confirm' ? undefined : current;
      set((state) => ({
        exports: withOutcome(state.exports, key, {
          state: 'running',
          progress: null,
          stopping: false,
          stopError: null,
        }),
      }));
      const accepted = acceptance.acceptUnverified === true;
      // Sent only when accepted: a plain request is exactly what it was before acceptance existed.
      const extra = accepted ? { acceptUnverified: true } : {};
      const result =
        'jobId' in target
          ? await bridge.exportJob({ ...target, ...extra })
          : await bridge.exportPackage({ ...target, ...extra });
      set((state) => {
        const current = state.exports[key];
        const progress = current?.state === 'running' ? current.progress : null;
        const refused = !result.ok && !accepted ? refusedState(result.error) : null;
        let next: ExportOutcome | undefined;
        // Courier knew better than this window what the package is worth: ask about that instead.
        if (refused) next = { state: 'confirm', packageState: refused };
        else if (!result.ok) next = { state: 'error', error: result.error, progress };
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
      set((state) => ({
        exports: { ...state.exports, [key]: { ...current, stopping: true, stopError: null } },
      }));
      const result = await bridge.cancelExport(target);
      // The export's own answer (CLIENT.cancelled) ends the panel; only a refused stop is news, shown
      // in the copy's panel (which words it), while the copy goes on.
      if (!result.ok) {
        const stopError = result.error;
        set((state) => {
          const now = state.exports[key];
          return now?.state === 'running'
            ? { exports: { ...state.exports, [key]: { ...now, stopping: false, stopError } } }
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
            : 'packages' in result.value
              ? { state: 'choose', choice: result.value }
              : { state: 'done', check: result.value, at: new Date().toISOString() },
      });
    },

    async verifyDrivePackage(packageId) {
      if (get().driveCheck?.state !== 'choose') return;
      set({ driveCheck: { state: 'running' } });
      const result = await bridge.verifyDrivePackage({ packageId });
      set({
        driveCheck: result.ok
          ? { state: 'done', check: result.value, at: new Date().toISOString() }
          : { state: 'error', error: result.error },
      });
    },

    dismissDriveCheck() {
      if (get().driveCheck?.state !== 'running') set({ driveCheck: null });
    },
  });
