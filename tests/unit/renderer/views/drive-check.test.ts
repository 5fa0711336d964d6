// @vitest-environment jsdom
// History's drive actions: "Verify a package" shows every file of the picked package in words
// (verified, missing, changed, signature invalid, extra), and "Copy to drive" on a row sends the
// package id only and shows its progress and results under that row.
import '@testing-library/jest-dom/vitest';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import type { PackageSummary, PickedPackageCheck } from '../../../../electron/shared/ipc-contract.js';
import { ok } from '../../../../electron/shared/result.js';
import { HistoryView } from '../../../../renderer/views/history-view.js';
import { createFakeBridge } from '../../../support/renderer-fake-bridge.js';
import { HEX_A, HEX_B } from '../../../support/renderer-fixtures.js';
import { renderWithStore } from '../../../support/renderer-render.js';

const pkg: PackageSummary = {
  packageId: '1.field-nav@2.3.1',
  catalogId: '1.field-nav@2.3.1',
  stagedAt: '2026-07-02T08:10:00.000Z',
  state: 'verified',
  fileCount: 4,
  totalBytes: 9 * 1024 * 1024,
  server: 'http://127.0.0.1:7380',
};

const file = (
  name: string,
  status: PickedPackageCheck['files'][number]['status'],
  actual: string | null,
) => ({
  file: name,
  itemKey: `1.field-nav@2.3.1@${name}`,
  status,
  outcome: 'verified' as const,
  expectedSha256: HEX_A,
  actualSha256: actual,
});

const picked: PickedPackageCheck = {
  state: 'changed',
  catalogId: '1.field-nav@2.3.1',
  folder: '/media/usb/1.field-nav@2.3.1',
  files: [
    file('setup.msi', 'verified', HEX_A),
    file('tiles.zip', 'missing', null),
    file('linux.tar.gz', 'changed', HEX_B),
    file('maps.pkg', 'signatureInvalid', HEX_A),
  ],
  extra: ['notes.txt'],
  signaturesChecked: true,
};

function renderHistory() {
  const fake = createFakeBridge();
  fake.respond('listHistory', () => ok([pkg]));
  return renderWithStore(createElement(HistoryView), { fake });
}

describe('Verify a package', () => {
  it('shows each file of the picked folder with its result in words, and the extra file', async () => {
    const { fake } = renderHistory();
    fake.respond('verifyFolderPicked', () => ok(picked));
    await userEvent.click(await screen.findByRole('button', { name: 'Verify a package' }));
    expect(fake.requests('verifyFolderPicked')).toEqual([undefined]);
    const table = await screen.findByRole('table', {
      name: /Files of 1\.field-nav@2\.3\.1 in the chosen folder/,
    });
    const result = (name: string) =>
      within(
        within(table)
          .getByRole('rowheader', { name: new RegExp(`^${name}`) })
          .closest('tr')!,
      ).getAllByRole('cell')[0];
    expect(result('setup.msi')).toHaveTextContent('Verified');
    expect(result('tiles.zip')).toHaveTextContent('Missing');
    expect(result('linux.tar.gz')).toHaveTextContent('Changed on disk');
    expect(result('maps.pkg')).toHaveTextContent('Signature invalid');
    expect(result('notes.txt')).toHaveTextContent('Not in manifest');
    expect(within(table).getByText(HEX_B)).toHaveClass('hash-bad');
    expect(screen.getByText('3 of 4 files failed the re-check')).toBeInTheDocument();
    expect(screen.getByText('/media/usb/1.field-nav@2.3.1')).toBeInTheDocument();
  });

  it('an intact file that was staged unverified is never shown as Verified', async () => {
    const { fake } = renderHistory();
    const unverified = { ...file('setup.msi', 'verified', HEX_A), outcome: 'unverified' as const };
    fake.respond('verifyFolderPicked', () =>
      ok({ ...picked, state: 'unverified' as const, files: [unverified], extra: [] }),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Verify a package' }));
    const table = await screen.findByRole('table', { name: /in the chosen folder/ });
    const cell = within(
      within(table)
        .getByRole('rowheader', { name: /^setup\.msi/ })
        .closest('tr')!,
    ).getAllByRole('cell')[0]!;
    expect(cell).toHaveTextContent('Intact, unverified');
    expect(cell).not.toHaveTextContent(/^Verified/);
  });

  it('keeps what was shown when the picker is cancelled', async () => {
    const { fake } = renderHistory();
    let answer = ok<PickedPackageCheck | null>(picked);
    fake.respond('verifyFolderPicked', () => answer);
    const button = await screen.findByRole('button', { name: 'Verify a package' });
    await userEvent.click(button);
    await screen.findByRole('table', { name: /in the chosen folder/ });
    answer = ok(null);
    await userEvent.click(button);
    expect(screen.getByRole('table', { name: /in the chosen folder/ })).toBeInTheDocument();
  });
});

describe('Copy to drive from History', () => {
  it('sends the package id and shows progress, then the results, under the row', async () => {
    const { fake, store } = renderHistory();
    let finish: (value: ReturnType<typeof ok>) => void = () => undefined;
    fake.respond('exportPackage', () => new Promise((resolve) => (finish = resolve as never)));
    await userEvent.click(await screen.findByRole('button', { name: 'Copy to drive 1.field-nav@2.3.1' }));
    expect(fake.requests('exportPackage')).toEqual([{ packageId: '1.field-nav@2.3.1' }]);
    act(() =>
      store.getState().applyExportProgress({
        jobId: null,
        packageId: '1.field-nav@2.3.1',
        targetFolder: '/media/usb/1.field-nav@2.3.1',
        phase: 'preflight',
        bytesDone: 0,
        bytesTotal: 100,
        speed: 0,
        etaMs: null,
        error: null,
      }),
    );
    expect(screen.getByRole('status')).toHaveTextContent('Checking the package and the drive');
    await act(async () =>
      finish(
        ok({
          catalogId: '1.field-nav@2.3.1',
          packageId: '1.field-nav@2.3.1',
          targetFolder: '/media/usb/1.field-nav@2.3.1',
          files: [{ file: 'setup.msi', itemKey: 'k', size: 10, sha256: HEX_A, how: 'copied' }],
          filesCopied: 1,
          filesReused: 0,
          bytesTotal: 10,
          bytesCopied: 10,
          verified: true,
          packageState: 'verified',
          readBackMayBeCached: true,
          fileSystem: 'exfat',
        }),
      ),
    );
    expect(screen.getByText('Copied and read back · the file matches')).toBeInTheDocument();
    expect(screen.getByRole('table', { name: /Read-back results/ })).toBeInTheDocument();
  });
});
