// Notices (pushed by Courier or raised by the UI) and what the technician is looking at. Pure state:
// no bridge calls.
import type { StateCreator } from 'zustand/vanilla';
import type { CourierState, NoticesSlice, UiSlice } from './store-types.js';

/** Older notices drop off: this is a status line, not a log. */
const MAX_NOTICES = 4;

export const createNoticesSlice = (): StateCreator<CourierState, [], [], NoticesSlice> => {
  let nextId = 1;
  return (set) => ({
    notices: [],
    pushNotice: (notice) =>
      set((state) => {
        // The same message twice in a row (e.g. a flapping connection) is shown once.
        const last = state.notices[state.notices.length - 1];
        if (last && last.message === notice.message && last.level === notice.level) return state;
        const entry = { ...notice, id: nextId++, at: new Date().toISOString() };
        return { notices: [...state.notices, entry].slice(-MAX_NOTICES) };
      }),
    dismissNotice: (id) => set((state) => ({ notices: state.notices.filter((n) => n.id !== id) })),
  });
};

export const createUiSlice = (): StateCreator<CourierState, [], [], UiSlice> => (set) => ({
  view: 'jobs',
  selectedJobId: null,
  navigate: (view) => set({ view }),
  openJob: (jobId) => set({ view: 'job', selectedJobId: jobId }),
});
