// Staged packages found in the staging folder and their verify-again results. Talks to Courier
// only through the injected bridge.
import type { StateCreator } from 'zustand/vanilla';
import type { CourierBridge } from '../../electron/shared/ipc-contract.js';
import { checkOutcome } from './check-outcome.js';
import type { CourierState, HistorySlice } from './store-types.js';

export const createHistorySlice =
  (bridge: CourierBridge): StateCreator<CourierState, [], [], HistorySlice> =>
  (set, get) => ({
    packages: null,
    historyLoading: false,
    historyError: null,
    packageChecks: {},
    async loadHistory() {
      if (get().historyLoading) return;
      set({ historyLoading: true });
      const result = await bridge.listHistory();
      set(
        result.ok
          ? { packages: result.value, historyError: null, historyLoading: false }
          : { historyError: result.error, historyLoading: false },
      );
    },
    async verifyPackage(packageId) {
      if (get().packageChecks[packageId]?.state === 'running') return;
      set((state) => ({ packageChecks: { ...state.packageChecks, [packageId]: { state: 'running' } } }));
      const result = await bridge.verifyPackage({ packageId });
      set((state) => ({
        packageChecks: {
          ...state.packageChecks,
          [packageId]: checkOutcome(result),
        },
      }));
    },
  });
