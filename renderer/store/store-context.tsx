// Hands the store to components (a context, so tests render with their own store and fake bridge)
// and the one hook they read it with. Components never see the bridge.
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { CourierStore } from './store.js';
import type { CourierState } from './store-types.js';

const StoreContext = createContext<CourierStore | null>(null);

export function StoreProvider({ store, children }: { store: CourierStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** Selectors must return stable values (state fields, primitives, or memoised derivations). */
export function useCourier<T>(selector: (state: CourierState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useCourier needs a StoreProvider above it.');
  return useStore(store, selector);
}
