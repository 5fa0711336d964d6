// Offerings from the server (listProjects) for the "Get a delivery" picker. Talks to Courier only
// through the injected bridge.
import type { StateCreator } from 'zustand/vanilla';
import type { CourierBridge } from '../../electron/shared/ipc-contract.js';
import type { CatalogSlice, CourierState } from './store-types.js';

export const OFFERS_PER_PAGE = 20;

export const createCatalogSlice =
  (bridge: CourierBridge): StateCreator<CourierState, [], [], CatalogSlice> =>
  (set) => {
    let latest = 0;
    return {
      offers: null,
      offersQuery: '',
      offersLoading: false,
      offersError: null,
      async loadOffers(query, page) {
        // Typing in the search box fires overlapping calls: only the newest answer is shown.
        const ticket = ++latest;
        set({ offersLoading: true, offersQuery: query });
        const result = await bridge.listProjects({ query, page, perPage: OFFERS_PER_PAGE });
        if (ticket !== latest) return;
        set(
          result.ok
            ? { offers: result.value, offersError: null, offersLoading: false }
            : { offersError: result.error, offersLoading: false },
        );
      },
    };
  };
