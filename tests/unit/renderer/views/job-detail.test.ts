// @vitest-environment jsdom
// The artifact table of a delivery: expected and actual hash with the mismatch called out, server
// text (arguments) rendered inert, references of non-file items, errors explained, re-check results.
import '@testing-library/jest-dom/vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { ok } from '../../../../electron/shared/result.js';
import { JobDetailView } from '../../../../renderer/views/job-detail-view.js';
import {
  HEX_A,
  HEX_B,
  makeChangedFile,
  makeItem,
  makeJob,
  makePackageCheck,
  makeTamperedItem,
} from '../../../support/renderer-fixtures.js';
import { renderWithStore } from '../../../support/renderer-render.js';

function renderDetail(job: ReturnType<typeof makeJob>) {
  return renderWithStore(createElement(JobDetailView), {
    prepare: (store) => {
      store.getState().applyJob(job);
      store.getState().openJob(job.jobId);
    },
  });
}

const row = (name: string) => screen.getByRole('rowheader', { name: new RegExp(name) }).closest('tbody')!;

describe('JobDetailView', () => {
  it('shows expected and actual hash of a tampered file and says they do not match', () => {
    renderDetail(makeJob({ catalogId: '7.tampered@1.0.0', phase: 'failed', items: [makeTamperedItem()] }));
    const tbody = row('payload.bin');
    expect(within(tbody).getByText('Hash mismatch')).toBeInTheDocument();
    expect(within(tbody).getByText(HEX_A)).toBeInTheDocument();
    expect(within(tbody).getByText(HEX_B)).toHaveClass('hash-bad');
    expect(within(tbody).getByText(/Does not match the published value/)).toBeInTheDocument();
    expect(within(tbody).getByText('CLIENT.hashMismatch')).toBeInTheDocument();
    expect(within(tbody).getByText('A file does not match its published checksum')).toBeInTheDocument();
  });

  it('renders executable arguments from the server as inert text', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const item = makeItem({
      fileName: 'setup.msi',
      isExecutable: true,
      arguments: hostile,
      outcome: 'verified',
    });
    const { container } = renderDetail(makeJob({ items: [item] }));
    expect(screen.getByText(hostile)).toBeInTheDocument();
    expect(screen.getAllByText('Runs on install')).toHaveLength(2);
    expect(container.querySelector('img')).toBeNull();
    // Collapsing and opening again re-renders the same inert text.
    const toggle = screen.getByRole('button', { name: 'Details of setup.msi' });
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    expect(screen.getByText(hostile)).toBeInTheDocument();
  });

  it('shows a not-downloadable item with its reference instead of a progress bar', () => {
    const item = makeItem({
      itemKey: '5.mixed-stack@1.0.0@registry.example.org/tools:1.0',
      fileName: null,
      artifactType: 'docker_image',
      phase: 'notDownloadable',
      outcome: 'notDownloadable',
      size: null,
      reference: 'registry.example.org/tools:1.0',
    });
    renderDetail(makeJob({ catalogId: '5.mixed-stack@1.0.0', items: [item] }));
    const tbody = row('registry.example.org');
    expect(within(tbody).getByText('Container image')).toBeInTheDocument();
    expect(within(tbody).getByText('Not a file')).toBeInTheDocument();
    expect(within(tbody).getByText('Not downloaded')).toBeInTheDocument();
    expect(within(tbody).getAllByText('registry.example.org/tools:1.0').length).toBeGreaterThan(0);
    expect(within(tbody).queryByRole('progressbar')).toBeNull();
  });

  it('gives each artifact a named progress bar with its value', () => {
    const item = makeItem({
      fileName: 'maps.gpkg',
      phase: 'downloading',
      size: 1000,
      bytesDone: 420,
      speed: 2e6,
    });
    renderDetail(makeJob({ items: [item] }));
    const bar = screen.getByRole('progressbar', { name: 'Progress of maps.gpkg' });
    expect(bar).toHaveAttribute('aria-valuenow', '42');
    expect(bar).toHaveAttribute('aria-valuetext', '42% · 420 B of 1000 B');
  });

  it('shows verify-again results in the same table', async () => {
    const item = makeItem({ fileName: 'a.bin', itemKey: 'k-a', outcome: 'verified', phase: 'done' });
    const job = makeJob({ phase: 'staged', verified: true, items: [item] });
    const { fake } = renderDetail(job);
    fake.respond('verifyJob', () =>
      ok(
        makePackageCheck('changed', [makeChangedFile()], { catalogId: job.catalogId, extra: ['stray.txt'] }),
      ),
    );
    await userEvent.click(screen.getByRole('button', { name: `Verify again ${job.catalogId}` }));
    expect(await screen.findByRole('columnheader', { name: 'Result · re-check' })).toBeInTheDocument();
    expect(within(row('a.bin')).getByText('Changed on disk')).toBeInTheDocument();
    expect(screen.getByText('1 of 1 file failed the re-check')).toBeInTheDocument();
    expect(screen.getByText('stray.txt')).toBeInTheDocument();
  });
});
