// Renders renderer components for tests inside a StoreProvider with a fresh store over a fake
// bridge, in the UI's language (English unless the store's settings choose one). JSX-free: the
// test files are .ts. Registers testing-library's cleanup for each test.
import { cleanup, render, type RenderResult } from '@testing-library/react';
import { createElement, type ReactElement } from 'react';
import { afterEach } from 'vitest';
import { createCourierStore, type CourierStore } from '../../renderer/store/store.js';
import { I18nProvider } from '../../renderer/i18n/i18n-provider.js';
import { StoreProvider } from '../../renderer/store/store-context.js';
import type { UiLanguage } from '../../electron/shared/ui-languages.js';
import { createFakeBridge, type FakeBridge } from './renderer-fake-bridge.js';
import { makeSettings } from './renderer-fixtures.js';

afterEach(() => cleanup());

export interface Rendered extends RenderResult {
  readonly store: CourierStore;
  readonly fake: FakeBridge;
}

export function renderWithStore(
  element: ReactElement,
  setup: {
    fake?: FakeBridge;
    store?: CourierStore;
    prepare?: (store: CourierStore) => void;
    /** The UI language chosen in Settings (after prepare, so it holds whatever settings it set). */
    language?: UiLanguage;
  } = {},
): Rendered {
  const fake = setup.fake ?? createFakeBridge();
  const store = setup.store ?? createCourierStore(fake.bridge);
  // State set before the first render needs no act(): tests describe a moment, then look at it.
  setup.prepare?.(store);
  const { language } = setup;
  if (language) store.setState({ settings: { ...(store.getState().settings ?? makeSettings()), language } });
  const result = render(
    createElement(StoreProvider, { store, children: createElement(I18nProvider, { children: element }) }),
  );
  return { ...result, store, fake };
}
