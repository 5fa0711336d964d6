// @vitest-environment jsdom
// "Copy to drive" on a staged delivery: the steps and bar follow the pushed progress (accessible
// name and value, speed, time left), Stop asks by id, then the read-back results show per file with
// the cache note; a cancelled picker leaves nothing behind, a failure is explained.
import '@testing-library/jest-dom/vitest';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { appError } from '../../../../electron/shared/app-error.js';
import type { ExportProgressEvent, ExportSummary } from '../../../../electron/shared/ipc-contract.js';
import { fail, ok, type Result } from '../../../../electron/shared/result.js';
import { JobDetailView } from '../../../../renderer/views/job-detail-view.js';
import {
  HEX_A,
  HEX_B,
  makeExportProgress,
  makeExportSummary,
  makeItem,
  makeJob,
} from '../../../support/renderer-fixtures.js';
import { renderWithStore } from '../../../support/renderer-render.js';

const job = makeJob({
  catalogId: '1.field-nav@2.3.1',
  phase: 'staged',
  verified: true,
  folder: '/home/tech/courier-packages/1.field-nav@2.3.1',
  items: [makeItem({ fileName: 'setup.msi', outcome: 'verified' })],
});
const target = '/media/usb/1.field-nav@2.3.1';

/** This job's copy to `target` under way: copying, 45 of 100 MiB, 1 min 5 s left. */
const progress = (overrides: Partial<ExportProgressEvent> = {}): ExportProgressEvent =>
  makeExportProgress({ jobId: job.jobId, targetFolder: target, ...overrides });

/** setup.msi (3 MiB) copied now, tiles.zip (4 MiB) already on the vfat drive. */
const summary = (overrides: Partial<ExportSummary> = {}): ExportSummary =>
  makeExportSummary({
    targetFolder: target,
    files: [
      { file: 'setup.msi', itemKey: 'k1', size: 3 * 1024 * 1024, sha256: HEX_A, how: 'copied' },
      { file: 'tiles.zip', itemKey: 'k2', size: 4 * 1024 * 1024, sha256: HEX_B, how: 'reused' },
    ],
    bytesTotal: 7 * 1024 * 1024,
    bytesCopied: 3 * 1024 * 1024,
    fileSystem: 'vfat',
    ...overrides,
  });

/** Renders the detail view with exportJob held open until the test answers it. */
function renderCopy() {
  let answer: (result: Result<ExportSummary | null>) => void = () => undefined;
  const rendered = renderWithStore(createElement(JobDetailView), {
    prepare: (store) => {
      store.getState().applyJob(job);
      store.getState().openJob(job.jobId);
    },
  });
  rendered.fake.respond('exportJob', () => new Promise((resolve) => (answer = resolve)));
  rendered.fake.respond('cancelExport', () => ok(undefined));
  const push = (event: ExportProgressEvent) =>
    act(() => rendered.store.getState().applyExportProgress(event));
  const finish = (result: Result<ExportSummary | null>) => act(async () => answer(result));
  return { ...rendered, push, finish };
}

const copyButton = () => screen.getByRole('button', { name: 'Copy to drive 1.field-nav@2.3.1' });

describe('Copy to drive', () => {
  it('shows the phase in words, an accessible bar, speed and time left; Stop asks by job id', async () => {
    const { fake, push } = renderCopy();
    await userEvent.click(copyButton());
    expect(fake.requests('exportJob')).toEqual([{ jobId: job.jobId }]);
    const busy = screen.getByRole('button', { name: /Copying… 1\.field-nav/ });
    expect(busy).toHaveAttribute('aria-disabled', 'true');
    expect(busy).toHaveFocus(); // still there for a keyboard user; a second press does nothing
    await userEvent.keyboard('{Enter}');
    expect(fake.requests('exportJob')).toHaveLength(1);
    expect(screen.getByText('Waiting for a folder to copy to…')).toBeInTheDocument();

    push(progress());
    const bar = screen.getByRole('progressbar', { name: 'Copy progress of 1.field-nav@2.3.1' });
    expect(bar).toHaveAttribute('aria-valuenow', '45');
    expect(bar).toHaveAttribute('aria-valuetext', 'Copying to the drive: 45% · 45.0 MiB of 100 MiB');
    expect(screen.getByRole('status')).toHaveTextContent('Copying to the drive');
    expect(screen.getByText('12.5 MiB/s')).toBeInTheDocument();
    expect(screen.getByLabelText('1 min 5 s left')).toHaveTextContent('01:05');
    const steps = screen.getByRole('list', { name: 'Steps' });
    expect(within(steps).getByText(/Checking/)).toHaveTextContent('(done)');
    expect(
      within(steps)
        .getByText(/Copying/)
        .closest('li'),
    ).toHaveAttribute('aria-current', 'step');
    expect(screen.getByText(target)).toBeInTheDocument();

    push(progress({ phase: 'readBack', bytesDone: 10, bytesTotal: 100 }));
    expect(screen.getByRole('status')).toHaveTextContent('Reading back from the drive');

    await userEvent.click(screen.getByRole('button', { name: 'Stop copying 1.field-nav@2.3.1' }));
    expect(fake.requests('cancelExport')).toEqual([{ jobId: job.jobId }]);
    expect(screen.getByRole('button', { name: /Stopping…/ })).toHaveAttribute('aria-disabled', 'true');
  });

  it('then shows the read-back result of every file and the cache note', async () => {
    const { push, finish } = renderCopy();
    await userEvent.click(copyButton());
    push(progress());
    await finish(ok(summary()));
    expect(screen.queryByRole('progressbar', { name: /Copy progress/ })).toBeNull();
    expect(screen.getByText('Copied and read back · all 2 files match')).toBeInTheDocument();
    const table = screen.getByRole('table', { name: /Read-back results of 1\.field-nav@2\.3\.1/ });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByRole('rowheader')).toHaveTextContent('setup.msi');
    expect(within(rows[0]!).getByText('Copied now')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('Already there')).toBeInTheDocument();
    expect(within(table).getAllByText('Matches manifest')).toHaveLength(2);
    expect(within(rows[1]!).getByText(HEX_B)).toBeInTheDocument();
    expect(screen.getByText(/file system vfat/)).toBeInTheDocument();
    const note = screen.getByRole('note');
    expect(note).toHaveTextContent(/may have come from this computer's memory cache/);
    expect(note).toHaveTextContent(/plug it in again, then use Verify a package/);
    // A late progress push after the answer changes nothing.
    push(progress({ phase: 'copy' }));
    expect(screen.queryByRole('progressbar', { name: /Copy progress/ })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: /Close the copy results/ }));
    expect(screen.queryByRole('table', { name: /Read-back results/ })).toBeNull();
  });

  it('has no cache note when nothing was copied in this run (every file read from the drive)', async () => {
    const { finish } = renderCopy();
    await userEvent.click(copyButton());
    await finish(ok(summary({ readBackMayBeCached: false, filesCopied: 0, filesReused: 2 })));
    expect(screen.getByText(/0 copied now, 2 already on the drive/)).toBeInTheDocument();
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('leaves nothing behind when the picker is cancelled', async () => {
    const { finish } = renderCopy();
    await userEvent.click(copyButton());
    await finish(ok(null));
    expect(screen.queryByRole('region', { name: /Copy/ })).toBeNull();
    expect(screen.queryByText(/Waiting for a folder/)).toBeNull();
    expect(copyButton()).toBeEnabled();
  });

  it('explains a failure where it happened', async () => {
    const { finish } = renderCopy();
    await userEvent.click(copyButton());
    await finish(
      fail(
        appError({
          code: 'CLIENT.diskFull',
          message: 'Not enough free space on the destination',
          retryable: false,
        }),
      ),
    );
    expect(screen.getByText('CLIENT.diskFull')).toBeInTheDocument();
    expect(screen.getByText('The copy to the drive did not finish.')).toBeInTheDocument();
  });

  it('says a stopped copy stopped, in words, and keeps keyboard focus in the panel', async () => {
    const { finish, push } = renderCopy();
    await userEvent.click(copyButton());
    push(progress());
    const stop = screen.getByRole('button', { name: 'Stop copying 1.field-nav@2.3.1' });
    stop.focus();
    await userEvent.keyboard('{Enter}');
    expect(screen.getByRole('button', { name: /Stopping…/ })).toHaveFocus();
    await finish(
      fail(appError({ code: 'CLIENT.cancelled', message: 'The export was stopped.', retryable: true })),
    );
    expect(screen.queryByText('CLIENT.cancelled')).toBeNull();
    // The Stop button is gone: focus moves to the panel's heading, not to the top of the page.
    expect(screen.getByRole('heading', { name: /Copy to drive/ })).toHaveFocus();
    expect(screen.getByText('Copy stopped')).toBeInTheDocument();
    expect(screen.getByText('The export was stopped.')).toBeInTheDocument();
  });
});
