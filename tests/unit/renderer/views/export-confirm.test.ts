// @vitest-environment jsdom
// "Copy to drive" of a package that is not verified: the user is asked first (state, meaning, "Copy
// it anyway?") and only "Copy anyway" sends the request with acceptUnverified; changed packages
// offer no copy; the result is green only for a verified package, else says how it is labelled.
import '@testing-library/jest-dom/vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { appError } from '../../../../electron/shared/app-error.js';
import type { ExportSummary, PackageState } from '../../../../electron/shared/ipc-contract.js';
import { PACKAGE_STATE_TEXT } from '../../../../electron/shared/package-verdict.js';
import { fail, ok } from '../../../../electron/shared/result.js';
import { HistoryView } from '../../../../renderer/views/history-view.js';
import { JobDetailView } from '../../../../renderer/views/job-detail-view.js';
import { createFakeBridge } from '../../../support/renderer-fake-bridge.js';
import {
  makeChangedFile,
  makeExportSummary,
  makeItem,
  makeJob,
  makePackageCheck,
  makePackageSummary,
} from '../../../support/renderer-fixtures.js';
import { renderWithStore } from '../../../support/renderer-render.js';

const ID = '1.field-nav@2.3.1';
/** Both files copied in this run and read straight from the drive (no cache note). */
const copied = (packageState: PackageState): ExportSummary =>
  makeExportSummary({
    packageState,
    files: makeExportSummary().files.map((file) => ({ ...file, how: 'copied' })),
    filesCopied: 2,
    filesReused: 0,
    bytesCopied: 2048,
    readBackMayBeCached: false,
  });

function renderHistory(state: PackageState) {
  const fake = createFakeBridge();
  fake.respond('listHistory', () => ok([makePackageSummary({ state })]));
  return renderWithStore(createElement(HistoryView), { fake });
}

const copyButton = () => screen.findByRole('button', { name: `Copy to drive ${ID}` });
const verdictBadge = () => screen.getByText(/package copied|Copied and read back/).closest('.badge')!;

describe('Copy to drive of a package that is not verified', () => {
  it('asks first, naming the state and its meaning; nothing is sent until "Copy anyway"', async () => {
    const { fake } = renderHistory('failed');
    fake.respond('exportPackage', () => ok(copied('failed')));
    await userEvent.click(await copyButton());
    expect(fake.requests('exportPackage')).toEqual([]);
    const question = screen.getByRole('alert');
    expect(question).toHaveTextContent(
      `This package is Failed: ${PACKAGE_STATE_TEXT.failed.meaning} Copy it anyway? It will be labelled as such on the drive.`,
    );
    expect(screen.getByRole('heading', { name: /Copy to drive\?/ })).toHaveFocus();
    await userEvent.click(screen.getByRole('button', { name: `Copy anyway ${ID}` }));
    expect(fake.requests('exportPackage')).toEqual([{ packageId: ID, acceptUnverified: true }]);
  });

  it('then says what was copied and that it is labelled Failed on the drive, in red, not green', async () => {
    const { fake } = renderHistory('failed');
    fake.respond('exportPackage', () => ok(copied('failed')));
    await userEvent.click(await copyButton());
    await userEvent.click(screen.getByRole('button', { name: `Copy anyway ${ID}` }));
    expect(await screen.findByText('Failed package copied · all 2 files match')).toBeInTheDocument();
    expect(verdictBadge()).toHaveClass('badge-danger');
    expect(screen.queryByText(/Copied and read back/)).toBeNull();
    const note = screen.getByRole('note');
    expect(note).toHaveTextContent('The 2 files this package lists were copied');
    expect(note).toHaveTextContent('labelled “Failed” on the drive');
  });

  it('an unverified package copied by choice is amber and labelled Unverified', async () => {
    const { fake } = renderHistory('unverified');
    fake.respond('exportPackage', () => ok(copied('unverified')));
    await userEvent.click(await copyButton());
    expect(screen.getByRole('alert')).toHaveTextContent('This package is Unverified');
    await userEvent.click(screen.getByRole('button', { name: `Copy anyway ${ID}` }));
    expect(await screen.findByText('Unverified package copied · all 2 files match')).toBeInTheDocument();
    expect(verdictBadge()).toHaveClass('badge-warning');
  });

  it('"Don\'t copy" sends nothing and takes the question away', async () => {
    const { fake } = renderHistory('empty');
    await userEvent.click(await copyButton());
    expect(screen.getByRole('alert')).toHaveTextContent(
      `This package is Empty: ${PACKAGE_STATE_TEXT.empty.meaning}`,
    );
    await userEvent.click(screen.getByRole('button', { name: `Don't copy ${ID}` }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(fake.requests('exportPackage')).toEqual([]);
  });

  it('asks when Courier refuses a copy this window thought verified (CLIENT.unverified)', async () => {
    const { fake } = renderHistory('verified');
    fake.respond('exportPackage', (request) =>
      request.acceptUnverified
        ? ok(copied('incomplete'))
        : fail(
            appError({
              code: 'CLIENT.unverified',
              message: 'not verified',
              retryable: false,
              detail: { packageState: 'incomplete' },
            }),
          ),
    );
    await userEvent.click(await copyButton());
    expect(await screen.findByRole('alert')).toHaveTextContent('This package is Incomplete');
    expect(screen.queryByText('CLIENT.unverified')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: `Copy anyway ${ID}` }));
    expect(fake.requests('exportPackage')).toEqual([
      { packageId: ID },
      { packageId: ID, acceptUnverified: true },
    ]);
    expect(await screen.findByText('Incomplete package copied · all 2 files match')).toBeInTheDocument();
  });
});

describe('Copy to drive of a verified package', () => {
  it('copies at once with a plain request and shows the result in green', async () => {
    const { fake } = renderHistory('verified');
    fake.respond('exportPackage', () => ok(copied('verified')));
    await userEvent.click(await copyButton());
    expect(screen.queryByRole('alert')).toBeNull();
    expect(fake.requests('exportPackage')).toEqual([{ packageId: ID }]);
    expect(await screen.findByText('Copied and read back · all 2 files match')).toBeInTheDocument();
    expect(verdictBadge()).toHaveClass('badge-success');
    expect(screen.queryByRole('note')).toBeNull();
  });
});

describe('no copy of a changed package', () => {
  it('a job whose re-check found a changed file offers no Copy to drive', async () => {
    const item = makeItem({ fileName: 'a.bin', itemKey: 'k-a', outcome: 'verified', phase: 'done' });
    const job = makeJob({ catalogId: ID, phase: 'staged', verified: true, items: [item] });
    const { fake } = renderWithStore(createElement(JobDetailView), {
      prepare: (store) => {
        store.getState().applyJob(job);
        store.getState().openJob(job.jobId);
      },
    });
    expect(await copyButton()).toBeInTheDocument();
    fake.respond('verifyJob', () => ok(makePackageCheck('changed', [makeChangedFile()], { catalogId: ID })));
    await userEvent.click(screen.getByRole('button', { name: `Verify again ${ID}` }));
    const verdict = await screen.findByText('1 of 1 file failed the re-check');
    expect(
      within(verdict.closest('.recheck') as HTMLElement)
        .getByText('Changed')
        .closest('.badge'),
    ).toHaveClass('badge-danger');
    expect(screen.queryByRole('button', { name: `Copy to drive ${ID}` })).toBeNull();
  });
});
