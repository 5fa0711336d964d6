// Renders renderer components for tests inside a StoreProvider with a fresh store over a fake
// bridge (JSX-free: the test files are .ts). Registers testing-library's cleanup for each test.
import { cleanup, render, type RenderResult } from '@testing-library/react';
import { createElement, type ReactElement } from 'react';
import { afterEach } from 'vitest';
import { createCourierStore, type CourierStore } from '../../renderer/store/store.js';
import { StoreProvider } from '../../renderer/store/store-context.js';
import { createFakeBridge, type FakeBridge } from './renderer-fake-bridge.js';

afterEach(() => cleanup());

export interface Rendered extends RenderResult {
  readonly store: CourierStore;
  readonly fake: FakeBridge;
}

export function renderWithStore(
  element: ReactElement,
  setup: { fake?: FakeBridge; store?: CourierStore; prepare?: (store: CourierStore) => void } = {},
): Rendered {
  const fake = setup.fake ?? createFakeBridge();
  const store = setup.store ?? createCourierStore(fake.bridge);
  // State set before the first render needs no act(): tests describe a moment, then look at it.
  setup.prepare?.(store);
  const result = render(createElement(StoreProvider, { store, children: element }));
  return { ...result, store, fake };
}
