// @vitest-environment jsdom
// Connection and Settings in Hebrew, as a technician sees them: the Language choice turns the whole
// page (html[lang], html[dir], the headings) at once and back; headings, buttons, help and checks read
// in Hebrew while addresses, paths, file names and fingerprints stay left to right.
import '@testing-library/jest-dom/vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SettingsView as Settings } from '../../../../electron/shared/ipc-contract.js';
import { ok } from '../../../../electron/shared/result.js';
import { App } from '../../../../renderer/app.js';
import type { CourierStore } from '../../../../renderer/store/store.js';
import { ConnectView } from '../../../../renderer/views/connect-view.js';
import { SettingsView } from '../../../../renderer/views/settings-view.js';
import { makeSettings } from '../../../support/renderer-fixtures.js';
import { renderWithStore } from '../../../support/renderer-render.js';

const withSettings = (overrides: Partial<Settings> = {}, language?: Settings['language']) => ({
  prepare: (store: CourierStore) => {
    store.getState().applySettings(makeSettings(overrides));
    store.getState().navigate('settings');
  },
  ...(language && language !== 'system' ? { language } : {}),
});

const root = document.documentElement;

afterEach(() => {
  root.removeAttribute('dir');
  root.removeAttribute('lang');
});

describe('the Language choice', () => {
  it('turns the page Hebrew and right to left at once, and English turns it back', async () => {
    const { fake } = renderWithStore(createElement(App), withSettings());
    fake.respond('updateSettings', (update) => ok(makeSettings({ ...update })));
    expect(screen.getByRole('heading', { level: 1, name: 'Settings' })).toBeInTheDocument();
    const group = screen.getByRole('group', { name: 'Language' });
    expect(within(group).getByRole('radio', { name: 'Same as the system' })).toBeChecked();

    const hebrew = within(group).getByRole('radio', { name: 'עברית' });
    expect(hebrew.closest('label')).toHaveAttribute('lang', 'he');
    await userEvent.click(hebrew);
    expect(fake.requests('updateSettings')).toEqual([{ language: 'he' }]);
    expect(root).toHaveAttribute('dir', 'rtl');
    expect(root).toHaveAttribute('lang', 'he');
    expect(screen.getByRole('heading', { level: 1, name: 'הגדרות' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'עברית' })).toBeChecked();

    // The language's own name stays findable from a page in the other one.
    await userEvent.click(screen.getByRole('radio', { name: 'English' }));
    expect(fake.requests('updateSettings')).toEqual([{ language: 'he' }, { language: 'en' }]);
    expect(root).toHaveAttribute('dir', 'ltr');
    expect(root).toHaveAttribute('lang', 'en');
    expect(screen.getByRole('heading', { level: 1, name: 'Settings' })).toBeInTheDocument();
  });

  it('comes after the colours, which it leaves alone', () => {
    renderWithStore(createElement(SettingsView), withSettings({ theme: 'dark' }, 'he'));
    const colours = screen.getByRole('group', { name: 'צבעים' });
    const language = screen.getByRole('group', { name: 'שפה' });
    expect(colours.compareDocumentPosition(language) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(within(colours).getByRole('radio', { name: 'כהה' })).toBeChecked();
    expect(within(language).getByRole('radio', { name: 'עברית' })).toBeChecked();
  });
});

describe('Settings in Hebrew', () => {
  it('names its sections in Hebrew and keeps the key’s file name and fingerprint left to right', () => {
    renderWithStore(
      createElement(SettingsView),
      withSettings({ publicKey: { fileName: 'cosign.pub', fingerprint: 'ab12cd34ef56' } }, 'he'),
    );
    expect(screen.getByRole('heading', { name: 'הורדות' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'חתימות ואמון' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'שמירת הגדרות' })).toBeDisabled();
    expect(screen.getByText('cosign.pub')).toHaveAttribute('dir', 'ltr');
    expect(screen.getByText('AB12 CD34 EF56')).toHaveAttribute('dir', 'ltr');
    expect(screen.getByText('טביעת אצבע SHA-256', { exact: false })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^החלפה… \u2068?מפתח ציבורי/ })).toBeInTheDocument();
    expect(screen.getByLabelText('שרתי אחסון נוספים')).toHaveAttribute('dir', 'ltr');
    expect(screen.getByRole('checkbox', { name: /http:\/\// })).toHaveAccessibleName(
      'לאפשר הורדות \u2068http://\u2069 לא מוצפנות',
    );
  });

  it('refuses an out-of-range value in Hebrew', async () => {
    renderWithStore(createElement(SettingsView), withSettings({}, 'he'));
    const concurrency = screen.getByLabelText('הורדות במקביל');
    await userEvent.clear(concurrency);
    await userEvent.type(concurrency, '99');
    expect(screen.getByRole('alert')).toHaveTextContent('הורדות במקביל: 1 עד 16.');
  });

  it('says what Unverified means with the word the package shows', () => {
    renderWithStore(createElement(SettingsView), withSettings({}, 'he'));
    const help = screen.getByText(/כבוי \(מומלץ\)/);
    expect(within(help).getByText('לא מאומת').tagName).toBe('STRONG');
  });

  it('in browser mode names the npm run web flag left to right inside the Hebrew help', () => {
    renderWithStore(createElement(SettingsView), withSettings({ nativePickers: false }, 'he'));
    const key = screen.getByRole('group', { name: /^מפתח ציבורי לבדיקת חתימות/ });
    expect(key).toHaveTextContent('הדביקו את טקסט ה-PEM של הקובץ');
    expect(within(key).getByText('--public-key FILE')).toHaveAttribute('dir', 'ltr');
    expect(within(key).getByText('npm run web')).toHaveAttribute('dir', 'ltr');
  });
});

describe('Connection in Hebrew', () => {
  it('keeps the address, device id and staging folder left to right', () => {
    renderWithStore(createElement(ConnectView), withSettings({ mode: 'server', hasPassword: false }, 'he'));
    expect(screen.getByRole('heading', { name: 'שרת GetApp' })).toBeInTheDocument();
    const url = screen.getByLabelText('כתובת השרת');
    expect(url).toHaveAttribute('dir', 'ltr');
    expect(url).toHaveAttribute('placeholder', 'https://getapp.example.org/api');
    expect(screen.getByLabelText('מזהה מכשיר')).toHaveAttribute('dir', 'ltr');
    expect(screen.getByText('/home/tech/Courier')).toHaveAttribute('dir', 'ltr');
    expect(screen.getByLabelText('סיסמה')).toHaveAccessibleDescription('עדיין לא נשמרה סיסמה.');
    expect(screen.getByRole('radio', { name: 'שם משתמש וסיסמה' })).toBeChecked();
  });

  it('reports the connection test in Hebrew and the service’s own words as English', async () => {
    const { fake } = renderWithStore(createElement(ConnectView), withSettings({ mode: 'server' }, 'he'));
    fake.respond('testConnection', () =>
      ok({ reachable: true, signedIn: false, message: 'Signing in failed.', error: null }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'בדיקת חיבור' }));
    const result = await screen.findByRole('status', { name: 'תוצאת בדיקת החיבור' });
    expect(within(result).getByText('השרת זמין')).toBeInTheDocument();
    expect(within(result).getByText('לא מחובר')).toBeInTheDocument();
    expect(within(result).getByText(/^נבדק /)).toBeInTheDocument();
    const message = within(result).getByText('Signing in failed.');
    expect(message).toHaveAttribute('lang', 'en');
    expect(message).toHaveAttribute('dir', 'ltr');
  });

  it('names the client certificate files in Hebrew, the file names left to right', () => {
    renderWithStore(
      createElement(ConnectView),
      withSettings(
        { mode: 'server', authMode: 'clientCertificate', clientCertificate: { fileName: 'client.crt' } },
        'he',
      ),
    );
    const certificate = screen.getByRole('group', { name: 'תעודת לקוח' });
    expect(within(certificate).getByText('client.crt')).toHaveAttribute('dir', 'ltr');
    const key = screen.getByRole('group', { name: 'מפתח של תעודת הלקוח' });
    expect(key).toHaveTextContent('אין: בחרו את המפתח של התעודה.');
    expect(screen.getByRole('radio', { name: 'תעודת לקוח' })).toHaveAccessibleDescription(
      'השרת צריך לקבל את התעודה הזו (mTLS); לא נשלחת סיסמה.',
    );
  });
});
