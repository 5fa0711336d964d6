// @vitest-environment jsdom
// The forms a technician fills in: starting deliveries from pasted ids, connection settings with
// secrets sent once and never kept, tuning values in human units, history with verify again.
import '@testing-library/jest-dom/vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { appError } from '../../../../electron/shared/app-error.js';
import { fail, ok } from '../../../../electron/shared/result.js';
import { App } from '../../../../renderer/app.js';
import type { CourierStore } from '../../../../renderer/store/store.js';
import { ConnectView } from '../../../../renderer/views/connect-view.js';
import { GetView } from '../../../../renderer/views/get-view.js';
import { HistoryView } from '../../../../renderer/views/history-view.js';
import { SettingsView } from '../../../../renderer/views/settings-view.js';
import { makeJob, makeProjectOffer, makeSettings } from '../../../support/renderer-fixtures.js';
import { renderWithStore } from '../../../support/renderer-render.js';

const withSettings = (overrides = {}) => ({
  prepare: (store: CourierStore) => store.getState().applySettings(makeSettings(overrides)),
});

describe('GetView', () => {
  it('starts every pasted id with the chosen item type and shows the deliveries', async () => {
    const { fake, store } = renderWithStore(createElement(GetView), withSettings());
    fake.respond('startJobs', (request) => ok(request.catalogIds.map((catalogId) => makeJob({ catalogId }))));
    await userEvent.type(screen.getByLabelText('Catalog ids'), '1.field-nav@2.3.1, 7.tampered@1.0.0{enter}');
    await userEvent.selectOptions(screen.getByLabelText('Item type'), 'map');
    await userEvent.click(screen.getByRole('button', { name: 'Start 2 deliveries' }));
    expect(fake.requests('startJobs')).toEqual([
      { catalogIds: ['1.field-nav@2.3.1', '7.tampered@1.0.0'], itemType: 'map' },
    ]);
    expect(store.getState().view).toBe('jobs');
    expect(store.getState().jobOrder).toHaveLength(2);
  });

  it('asks for the dependencies too when the box is ticked', async () => {
    const { fake } = renderWithStore(createElement(GetView), withSettings());
    fake.respond('startJobs', (request) => ok(request.catalogIds.map((catalogId) => makeJob({ catalogId }))));
    await userEvent.type(screen.getByLabelText('Catalog ids'), '5.mixed-stack@1.0.0');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Also stage its dependencies' }));
    await userEvent.click(screen.getByRole('button', { name: 'Start delivery' }));
    expect(fake.requests('startJobs')).toEqual([
      { catalogIds: ['5.mixed-stack@1.0.0'], itemType: 'software', withDependencies: true },
    ]);
  });

  it('explains a refused start where it happened', async () => {
    const { fake } = renderWithStore(createElement(GetView), withSettings());
    fake.respond('startJobs', () =>
      fail(appError({ code: 'CLIENT.invalidRequest', message: 'bad id', retryable: false })),
    );
    await userEvent.type(screen.getByLabelText('Catalog ids'), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Start delivery' }));
    expect(await screen.findByText('CLIENT.invalidRequest')).toBeInTheDocument();
    expect(screen.getByText('Starting x did not work.')).toBeInTheDocument();
  });

  it('words the id box in English as before: example, count, limit', async () => {
    renderWithStore(createElement(GetView), withSettings());
    const box = screen.getByLabelText('Catalog ids');
    expect(box).toHaveAttribute(
      'placeholder',
      'For example:\n1.field-nav@2.3.1\n2d6a4f0e-6b1c-4c8e-9f3a-5b7d2e1c0a94',
    );
    await userEvent.type(box, '1.a@1, 2.b@1');
    expect(box.closest('.field')?.querySelector('.help')).toHaveTextContent(
      /^One per line, or separated by commas\. 2 to start\.$/,
    );
    await userEvent.clear(box);
    await userEvent.paste(Array.from({ length: 51 }, (_, i) => `${i}.x@1`).join(','));
    expect(screen.getByText(/51 to start\. At most 50 at a time\./)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Start 51 deliveries' })).toBeDisabled();
  });

  it('lists offerings with release notes as text and gets one', async () => {
    const fake = (await import('../../../support/renderer-fake-bridge.js')).createFakeBridge();
    fake.respond('listProjects', () =>
      ok({
        projects: [makeProjectOffer({ releaseNotes: '<b>bold?</b>' })],
        total: 1,
        page: 1,
        perPage: 20,
      }),
    );
    fake.respond('startJobs', (request) => ok([makeJob({ catalogId: request.catalogIds[0]! })]));
    renderWithStore(createElement(GetView), { fake, ...withSettings() });
    expect(await screen.findByText('Field Navigator')).toBeInTheDocument();
    expect(screen.getByText('<b>bold?</b>')).toBeInTheDocument();
    expect(screen.getByText('3.00 MiB')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Get 1.field-nav@2.3.1' }));
    expect(fake.requests('startJobs')).toEqual([{ catalogIds: ['1.field-nav@2.3.1'], itemType: 'software' }]);
  });
});

describe('ConnectView', () => {
  it('says when the demo server is used and switches to a real server', async () => {
    const { fake } = renderWithStore(createElement(ConnectView), withSettings({ mode: 'demo' }));
    expect(screen.getByText('Using the built-in demo server')).toBeInTheDocument();
    fake.respond('updateSettings', (update) => ok(makeSettings({ ...update })));
    await userEvent.click(screen.getByRole('button', { name: 'Use a real server' }));
    expect(fake.requests('updateSettings')).toEqual([{ mode: 'server' }]);
    expect(await screen.findByLabelText('Server address')).toBeInTheDocument();
  });

  it('sends the password through setSecret once and clears the field', async () => {
    const { fake } = renderWithStore(
      createElement(ConnectView),
      withSettings({ mode: 'server', hasPassword: false }),
    );
    fake.respond('updateSettings', (update) => ok(makeSettings({ mode: 'server', ...update })));
    fake.respond('setSecret', () => ok(makeSettings({ mode: 'server', hasPassword: true })));
    fake.respond('testConnection', () =>
      ok({ reachable: true, signedIn: true, message: 'Signed in as technician.', error: null }),
    );
    const url = screen.getByLabelText('Server address');
    await userEvent.clear(url);
    await userEvent.type(url, 'https://getapp.example.org/api');
    await userEvent.type(screen.getByLabelText('Password'), 'hunter2');
    await userEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(fake.requests('updateSettings')).toEqual([{ apiUrl: 'https://getapp.example.org/api' }]);
    expect(fake.requests('setSecret')).toEqual([{ kind: 'password', value: 'hunter2' }]);
    expect(await screen.findByText('Signed in as technician.')).toBeInTheDocument();
    expect(screen.getByText('Server reachable')).toBeInTheDocument();
    expect(screen.getByLabelText('Password')).toHaveValue('');
    expect(screen.getByText(/A password is saved, encrypted/)).toBeInTheDocument();
  });

  it('signs in with a client certificate: no password fields, the two files, and the mode saved', async () => {
    const { fake } = renderWithStore(
      createElement(ConnectView),
      withSettings({ mode: 'server', hasPassword: false }),
    );
    fake.respond('updateSettings', (update) => ok(makeSettings({ mode: 'server', ...update })));
    expect(screen.getByLabelText('Password')).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Client certificate' })).not.toBeInTheDocument();
    const choice = screen.getByRole('radio', { name: 'Client certificate' });
    await userEvent.click(choice);
    expect(choice).toBeChecked();
    expect(screen.queryByLabelText('User name')).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Password')).not.toBeInTheDocument();
    // The radio is labelled "Device secret" too: only its secret input must be gone.
    expect(screen.queryByLabelText('Device secret', { selector: 'input#device-secret' })).toBeNull();
    expect(screen.getByRole('group', { name: 'Client certificate' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Client certificate key' })).toBeInTheDocument();
    expect(choice).toHaveAccessibleDescription(
      'The server must accept this certificate (mTLS); no password is sent.',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(fake.requests('updateSettings')).toEqual([{ authMode: 'clientCertificate' }]);
    expect(fake.requests('setSecret')).toEqual([]);
  });

  it('chooses the client certificate and key from the Connection page and names them', async () => {
    const { fake } = renderWithStore(
      createElement(ConnectView),
      withSettings({ mode: 'server', authMode: 'clientCertificate' }),
    );
    expect(screen.getByRole('radio', { name: 'Client certificate' })).toBeChecked();
    fake.respond('chooseFile', ({ purpose }) =>
      ok(
        makeSettings({
          mode: 'server',
          authMode: 'clientCertificate',
          clientCertificate: { fileName: 'client.crt' },
          clientKey: purpose === 'clientKey' ? { fileName: 'client.key' } : null,
        }),
      ),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Choose… Client certificate' }));
    await userEvent.click(screen.getByRole('button', { name: 'Choose… Client certificate key' }));
    expect(fake.requests('chooseFile')).toEqual([{ purpose: 'clientCertificate' }, { purpose: 'clientKey' }]);
    expect(await screen.findByText('client.key')).toBeInTheDocument();
    expect(screen.getByText('client.crt')).toBeInTheDocument();
  });

  it('asks main to choose the staging folder and shows it', async () => {
    const { fake } = renderWithStore(createElement(ConnectView), withSettings());
    fake.respond('chooseStagingFolder', () => ok(makeSettings({ stagingFolder: '/media/usb/Courier' })));
    await userEvent.click(screen.getByRole('button', { name: /Choose/ }));
    expect(await screen.findByText('/media/usb/Courier')).toBeInTheDocument();
  });
});

describe('SettingsView', () => {
  it('saves only what changed, in the units the service expects', async () => {
    const { fake } = renderWithStore(createElement(SettingsView), withSettings());
    fake.respond('updateSettings', (update) => ok(makeSettings({ ...update })));
    const concurrency = screen.getByLabelText('Parallel downloads');
    await userEvent.clear(concurrency);
    await userEvent.type(concurrency, '6');
    await userEvent.click(screen.getByLabelText('Limit bandwidth'));
    await userEvent.type(screen.getByLabelText('Bandwidth limit in MiB/s'), '2.5');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(fake.requests('updateSettings')).toEqual([{ concurrency: 6, bandwidthLimit: 2.5 * 1024 ** 2 }]);
    expect(await screen.findByText('Saved')).toBeInTheDocument();
  });

  it('refuses out-of-range values before sending them', async () => {
    const { fake } = renderWithStore(createElement(SettingsView), withSettings());
    const concurrency = screen.getByLabelText('Parallel downloads');
    await userEvent.clear(concurrency);
    await userEvent.type(concurrency, '99');
    expect(screen.getByRole('alert')).toHaveTextContent('Parallel downloads: 1 to 16.');
    expect(screen.getByRole('button', { name: 'Save settings' })).toBeDisabled();
    expect(fake.requests('updateSettings')).toEqual([]);
  });

  it('shows the signing key by file name and fingerprint', () => {
    renderWithStore(
      createElement(SettingsView),
      withSettings({ publicKey: { fileName: 'cosign.pub', fingerprint: 'ab12cd34ef56' } }),
    );
    expect(screen.getByText('cosign.pub')).toBeInTheDocument();
    expect(screen.getByText('AB12 CD34 EF56')).toBeInTheDocument();
  });
});

describe('HistoryView', () => {
  it('lists packages with their verified state in words and verifies one again', async () => {
    const fake = (await import('../../../support/renderer-fake-bridge.js')).createFakeBridge();
    fake.respond('listHistory', () =>
      ok([
        {
          packageId: 'field-nav',
          catalogId: '1.field-nav@2.3.1',
          stagedAt: '2026-07-02T08:10:00.000Z',
          state: 'verified',
          fileCount: 3,
          totalBytes: 9 * 1024 * 1024,
          server: 'http://127.0.0.1:7380',
        },
      ]),
    );
    const file = (name: string) => ({
      file: name,
      itemKey: `1.field-nav@2.3.1@${name}`,
      status: 'verified' as const,
      outcome: 'verified' as const,
      expectedSha256: 'a'.repeat(64),
      actualSha256: 'a'.repeat(64),
    });
    fake.respond('verifyPackage', () =>
      ok({
        state: 'verified',
        catalogId: '1.field-nav@2.3.1',
        files: [file('a.msi'), file('b.tar.gz'), file('c.zip')],
        extra: [],
        signaturesChecked: true,
      }),
    );
    renderWithStore(createElement(HistoryView), { fake });
    expect(await screen.findByText('Verified')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Verify again 1.field-nav@2.3.1' }));
    expect(fake.requests('verifyPackage')).toEqual([{ packageId: 'field-nav' }]);
    expect(await screen.findByText(/All 3 files intact/)).toBeInTheDocument();
  });
});

describe('App', () => {
  it('moves between views with the keyboard and marks the current one', async () => {
    renderWithStore(createElement(App), withSettings({ mode: 'demo' }));
    const history = screen.getByRole('button', { name: 'History' });
    history.focus();
    await userEvent.keyboard('{Enter}');
    expect(screen.getByRole('heading', { level: 1, name: 'History' })).toBeInTheDocument();
    expect(history).toHaveAttribute('aria-current', 'page');
    // Focus continues at the top of the new view, not on the page start.
    expect(screen.getByRole('main')).toHaveFocus();
    expect(screen.getByText('Using the built-in demo server')).toBeInTheDocument();
  });
});
