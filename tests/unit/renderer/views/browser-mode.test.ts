// @vitest-environment jsdom
// Browser mode without dead ends, as the technician sees it: Settings offers pasting PEM text where
// no file picker exists (and says which `npm run web` flag does the same); Open folder shows the
// path with a copy button; Open report leaves a link to the report page; Verify a package lists the
// packages on the export target and checks the one chosen.
import '@testing-library/jest-dom/vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appError } from '../../../../electron/shared/app-error.js';
import type { PackageSummary, PickedPackageCheck } from '../../../../electron/shared/ipc-contract.js';
import { ok } from '../../../../electron/shared/result.js';
import type { CourierStore } from '../../../../renderer/store/store.js';
import { HistoryView } from '../../../../renderer/views/history-view.js';
import { JobDetailView } from '../../../../renderer/views/job-detail-view.js';
import { SettingsView } from '../../../../renderer/views/settings-view.js';
import { HEX_A, makeJob, makeSettings } from '../../../support/renderer-fixtures.js';
import { renderWithStore } from '../../../support/renderer-render.js';

const KEY_PEM = '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----';

const inBrowser = (overrides = {}) => ({
  prepare: (store: CourierStore) =>
    store.getState().applySettings(makeSettings({ mode: 'server', nativePickers: false, ...overrides })),
});

describe('Settings: files as pasted PEM text', () => {
  it('in browser mode offers Paste instead of Choose, names the flag, and sends the text', async () => {
    const { fake } = renderWithStore(createElement(SettingsView), inBrowser());
    const key = screen.getByRole('group', { name: 'Signing public key (cosign.pub)' });
    expect(within(key).queryByRole('button', { name: /Choose/ })).toBeNull();
    expect(key).toHaveTextContent('Paste the file’s PEM text, or start npm run web with --public-key FILE.');

    fake.respond('pastePem', () =>
      ok(makeSettings({ nativePickers: false, publicKey: { fileName: 'Pasted text', fingerprint: 'ab12' } })),
    );
    await userEvent.click(within(key).getByRole('button', { name: /Paste PEM…/ }));
    const box = within(key).getByLabelText('PEM text for Signing public key (cosign.pub)');
    await userEvent.click(box);
    await userEvent.paste(KEY_PEM);
    await userEvent.click(within(key).getByRole('button', { name: /Use this text/ }));
    expect(fake.requests('pastePem')).toEqual([{ purpose: 'publicKey', pem: KEY_PEM }]);
    expect(fake.requests('chooseFile')).toEqual([]);
    expect(await within(key).findByText('Pasted text')).toBeInTheDocument();
    expect(within(key).queryByRole('textbox')).toBeNull();
  });

  it('a refused text stays in the box with the reason, to be corrected', async () => {
    const { fake } = renderWithStore(createElement(SettingsView), inBrowser());
    const ca = screen.getByRole('group', { name: 'Server CA bundle' });
    expect(ca).toHaveTextContent('--ca FILE');
    fake.respond('pastePem', () => ({
      ok: false,
      error: appError({
        code: 'CLIENT.invalidRequest',
        message:
          '"Pasted text" cannot be used as the certificate authority bundle: it holds no readable PEM certificate.',
        retryable: false,
      }),
    }));
    await userEvent.click(within(ca).getByRole('button', { name: /Paste PEM…/ }));
    await userEvent.click(within(ca).getByRole('textbox'));
    await userEvent.paste('not a certificate');
    await userEvent.click(within(ca).getByRole('button', { name: /Use this text/ }));
    expect(await within(ca).findByText(/holds no readable PEM certificate/)).toBeInTheDocument();
    expect(within(ca).getByRole('textbox')).toHaveValue('not a certificate');
  });

  it('on the desktop, Choose… opens the picker and Paste is there too', async () => {
    const { fake } = renderWithStore(createElement(SettingsView), {
      prepare: (store: CourierStore) => store.getState().applySettings(makeSettings()),
    });
    fake.respond('chooseFile', () => ok(makeSettings()));
    const key = screen.getByRole('group', { name: 'Signing public key (cosign.pub)' });
    expect(key).not.toHaveTextContent('--public-key');
    expect(within(key).getByRole('button', { name: /Paste PEM…/ })).toBeInTheDocument();
    await userEvent.click(within(key).getByRole('button', { name: /Choose…/ }));
    expect(fake.requests('chooseFile')).toEqual([{ purpose: 'publicKey' }]);
  });
});

describe('Job detail: Open folder and Open report in browser mode', () => {
  const job = makeJob({
    phase: 'staged',
    verified: true,
    folder: '/home/tech/courier-packages/1.field-nav@2.3.1',
  });
  const renderDetail = () =>
    renderWithStore(createElement(JobDetailView), {
      prepare: (store) => {
        store.getState().applyJob(job);
        store.getState().openJob(job.jobId);
      },
    });
  afterEach(() => vi.unstubAllGlobals());

  it('Open folder shows the path with a copy button, not an error', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const { fake } = renderDetail();
    fake.respond('openJobFolder', () => ok({ how: 'showPath', path: job.folder! }));
    await userEvent.click(screen.getByRole('button', { name: `Open folder ${job.catalogId}` }));
    expect(await screen.findByText(/Browser mode cannot open folders on this computer/)).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Copy path of the package folder' }));
    expect(writeText).toHaveBeenCalledWith(job.folder);
    expect(await screen.findByText('Copied.')).toBeInTheDocument();
  });

  it('a clipboard that refuses says how to copy by hand', async () => {
    vi.stubGlobal('navigator', {
      ...navigator,
      clipboard: { writeText: vi.fn(async () => Promise.reject(new Error('denied'))) },
    });
    const { fake } = renderDetail();
    fake.respond('openJobFolder', () => ok({ how: 'showPath', path: job.folder! }));
    await userEvent.click(screen.getByRole('button', { name: `Open folder ${job.catalogId}` }));
    await userEvent.click(await screen.findByRole('button', { name: 'Copy path of the package folder' }));
    expect(await screen.findByText('Select it and press Ctrl+C to copy it.')).toBeInTheDocument();
  });

  it('Open report leaves a link to the report page; anything but a report page is no link', async () => {
    const { fake } = renderDetail();
    const url = `/report/${'A'.repeat(43)}`;
    fake.respond('openJobReport', () => ok({ how: 'newTab', url }));
    await userEvent.click(screen.getByRole('button', { name: `Open report ${job.catalogId}` }));
    const link = await screen.findByRole('link', { name: 'Open the report' });
    expect(link).toHaveAttribute('href', url);
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');

    fake.respond('openJobReport', () => ok({ how: 'newTab', url: 'javascript:alert(1)' }));
    await userEvent.click(screen.getByRole('button', { name: `Open report ${job.catalogId}` }));
    await vi.waitFor(() => expect(screen.queryByRole('link', { name: 'Open the report' })).toBeNull());
  });
});

describe('History: Verify a package without a folder picker', () => {
  const summary = (packageId: string, state: PackageSummary['state']): PackageSummary => ({
    packageId,
    catalogId: `1.${packageId}@2.3.1`,
    stagedAt: '2026-07-02T08:10:00.000Z',
    state,
    fileCount: 3,
    totalBytes: 9 * 1024 * 1024,
    server: 'http://127.0.0.1:7380',
  });
  const check: PickedPackageCheck = {
    state: 'verified',
    catalogId: '1.maps@2.3.1',
    folder: '/media/usb/maps',
    files: [
      {
        file: 'tiles.zip',
        itemKey: '1.maps@2.3.1@tiles.zip',
        status: 'verified',
        outcome: 'verified',
        expectedSha256: HEX_A,
        actualSha256: HEX_A,
      },
    ],
    extra: [],
    signaturesChecked: true,
  };

  it('lists the packages on the export target and checks the one chosen, by its folder name', async () => {
    const { fake } = renderWithStore(createElement(HistoryView));
    fake.respond('verifyFolderPicked', () =>
      ok({ folder: '/media/usb', packages: [summary('field-nav', 'verified'), summary('maps', 'failed')] }),
    );
    fake.respond('verifyDrivePackage', () => ok(check));
    await userEvent.click(await screen.findByRole('button', { name: 'Verify a package' }));
    const list = await screen.findByRole('list', { name: /2 packages in \/media\/usb/ });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringContaining('1.field-nav@2.3.1'),
      expect.stringContaining('1.maps@2.3.1'),
    ]);
    expect(items[1]).toHaveTextContent('Failed');
    await userEvent.click(within(list).getByRole('button', { name: 'Verify 1.maps@2.3.1' }));
    expect(fake.requests('verifyDrivePackage')).toEqual([{ packageId: 'maps' }]);
    expect(
      await screen.findByRole('table', { name: /Files of 1\.maps@2\.3\.1 in the chosen folder/ }),
    ).toBeVisible();
  });

  it('an export target without packages says so', async () => {
    const { fake } = renderWithStore(createElement(HistoryView));
    fake.respond('verifyFolderPicked', () => ok({ folder: '/media/usb', packages: [] }));
    await userEvent.click(await screen.findByRole('button', { name: 'Verify a package' }));
    expect(await screen.findByText(/No Courier package found in/)).toHaveTextContent('/media/usb');
    expect(fake.requests('verifyDrivePackage')).toEqual([]);
  });
});
