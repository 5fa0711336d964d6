// Creates the renderer's zustand store from its slices, and wires it to Courier's pushes: subscribe
// first, then load the snapshots, so nothing that happens in between is lost.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CourierBridge } from '../../electron/shared/ipc-contract.js';
import { createCatalogSlice } from './catalog-slice.js';
import { createExportSlice } from './export-slice.js';
import { createHistorySlice } from './history-slice.js';
import { createJobsSlice } from './jobs-slice.js';
import { createSettingsSlice } from './settings-slice.js';
import type { CourierState } from './store-types.js';
import { createNoticesSlice, createUiSlice } from './ui-slices.js';

export type CourierStore = StoreApi<CourierState>;

export function createCourierStore(bridge: CourierBridge): CourierStore {
  return createStore<CourierState>()((...args) => ({
    ...createSettingsSlice(bridge)(...args),
    ...createJobsSlice(bridge)(...args),
    ...createCatalogSlice(bridge)(...args),
    ...createHistorySlice(bridge)(...args),
    ...createExportSlice(bridge)(...args),
    ...createNoticesSlice()(...args),
    ...createUiSlice()(...args),
  }));
}

/** Subscribes to every push event, then loads settings and jobs. Returns the unsubscribe. */
export function connectStore(store: CourierStore, bridge: CourierBridge): () => void {
  const state = () => store.getState();
  const unsubscribers = [
    bridge.onJob((job) => state().applyJob(job)),
    bridge.onJobRemoved(({ jobId }) => state().forgetJob(jobId)),
    bridge.onSettings((settings) => state().applySettings(settings)),
    bridge.onNotice((notice) => state().pushNotice(notice)),
    bridge.onExportProgress((event) => state().applyExportProgress(event)),
  ];
  void state().loadSettings();
  void state().loadJobs();
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}
