// @vitest-environment jsdom
// Settings › Appearance: light, dark or the system's scheme, saved at once through updateSettings
// and applied to the page (html[data-theme]); "the system's" leaves the page to prefers-color-scheme.
// The Language choice beside it is saved the same way (its switch is in settings-hebrew.test.ts).
import '@testing-library/jest-dom/vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { appError } from '../../../../electron/shared/app-error.js';
import { fail, ok } from '../../../../electron/shared/result.js';
import { App } from '../../../../renderer/app.js';
import type { CourierStore } from '../../../../renderer/store/store.js';
import { makeSettings } from '../../../support/renderer-fixtures.js';
import { renderWithStore } from '../../../support/renderer-render.js';

const withSettings = (overrides = {}) => ({
  prepare: (store: CourierStore) => {
    store.getState().applySettings(makeSettings(overrides));
    store.getState().navigate('settings');
  },
});

const pageTheme = () => document.documentElement.dataset.theme;

afterEach(() => {
  delete document.documentElement.dataset.theme;
});

describe('Appearance', () => {
  it('follows the system until a theme is chosen: the page has no theme of its own', () => {
    renderWithStore(createElement(App), withSettings());
    expect(screen.getByRole('radio', { name: 'Same as the system (light or dark)' })).toBeChecked();
    expect(pageTheme()).toBeUndefined();
  });

  it('saves Dark at once (no Save button) and the page turns dark; back to the system lets go', async () => {
    const { fake } = renderWithStore(createElement(App), withSettings());
    fake.respond('updateSettings', (update) => ok(makeSettings({ ...update })));
    await userEvent.click(screen.getByRole('radio', { name: 'Dark' }));
    expect(fake.requests('updateSettings')).toEqual([{ theme: 'dark' }]);
    expect(screen.getByRole('radio', { name: 'Dark' })).toBeChecked();
    expect(pageTheme()).toBe('dark');
    await userEvent.click(screen.getByRole('radio', { name: 'Same as the system (light or dark)' }));
    expect(fake.requests('updateSettings')).toEqual([{ theme: 'dark' }, { theme: 'system' }]);
    expect(pageTheme()).toBeUndefined();
  });

  it('applies a stored theme as soon as the settings arrive, on any page', () => {
    renderWithStore(createElement(App), {
      prepare: (store) => store.getState().applySettings(makeSettings({ theme: 'light' })),
    });
    expect(screen.getByRole('heading', { level: 1, name: 'Deliveries' })).toBeInTheDocument();
    expect(pageTheme()).toBe('light');
  });

  it('keeps the theme and says so when the choice is refused', async () => {
    const { fake } = renderWithStore(createElement(App), withSettings({ theme: 'light' }));
    fake.respond('updateSettings', () =>
      fail(
        appError({ code: 'CLIENT.fileSystem', message: 'settings.json cannot be written', retryable: false }),
      ),
    );
    await userEvent.click(screen.getByRole('radio', { name: 'Dark' }));
    expect(await screen.findByText('The colours were not changed.')).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Light' })).toBeChecked();
    expect(pageTheme()).toBe('light');
  });

  it('offers each language named in itself and says so when a language is refused', async () => {
    const { fake } = renderWithStore(createElement(App), withSettings());
    fake.respond('updateSettings', () =>
      fail(
        appError({ code: 'CLIENT.fileSystem', message: 'settings.json cannot be written', retryable: false }),
      ),
    );
    const group = screen.getByRole('group', { name: 'Language' });
    expect(
      within(group)
        .getAllByRole('radio')
        .map((radio) => radio.parentElement?.textContent),
    ).toEqual(['Same as the system', 'English', 'עברית']);
    await userEvent.click(within(group).getByRole('radio', { name: 'עברית' }));
    expect(fake.requests('updateSettings')).toEqual([{ language: 'he' }]);
    expect(await screen.findByText('The language was not changed.')).toBeInTheDocument();
    expect(within(group).getByRole('radio', { name: 'Same as the system' })).toBeChecked();
    expect(screen.getByRole('heading', { level: 1, name: 'Settings' })).toBeInTheDocument();
  });
});
