// @vitest-environment jsdom
// A delivery card: its phase in words, progress with accessible values, speed and time left, the
// controls its phase allows, and its error explained.
import '@testing-library/jest-dom/vitest';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { appError } from '../../../../electron/shared/app-error.js';
import { ok } from '../../../../electron/shared/result.js';
import { JobsView } from '../../../../renderer/views/jobs-view.js';
import { makeItem, makeJob } from '../../../support/renderer-fixtures.js';
import { renderWithStore } from '../../../support/renderer-render.js';

const MiB = 1024 * 1024;

function renderJobs(...jobs: ReturnType<typeof makeJob>[]) {
  return renderWithStore(createElement(JobsView), {
    prepare: (store) => {
      store.getState().applyJobs(jobs);
      store.setState({ jobsLoaded: true });
    },
  });
}

describe('JobRow', () => {
  it('shows a downloading delivery with its progress, speed and time left', () => {
    renderJobs(makeJob({ bytesDone: 3 * MiB, bytesTotal: 12 * MiB, speed: 2.5 * MiB, etaMs: 65_000 }));
    const card = screen.getByRole('listitem', { name: /1\.field-nav@2\.3\.1/ });
    expect(within(card).getByText('Downloading')).toBeInTheDocument();
    const bar = within(card).getByRole('progressbar', { name: 'Progress of 1.field-nav@2.3.1' });
    expect(bar).toHaveAttribute('value', '25');
    expect(bar).toHaveAttribute('aria-valuenow', '25');
    expect(bar).toHaveAttribute('aria-valuetext', '25% · 3.00 MiB of 12.0 MiB');
    expect(within(card).getByText('2.50 MiB/s')).toBeInTheDocument();
    expect(within(card).getByText(/01:05 left/)).toBeInTheDocument();
    expect(within(card).getByRole('button', { name: 'Pause 1.field-nav@2.3.1' })).toBeInTheDocument();
  });

  it('shows the server-side preparation progress in cache mode', () => {
    renderJobs(makeJob({ phase: 'preparing', serverStatus: 'inProgress', serverProgress: 40 }));
    expect(screen.getByText('Preparing on the server 40%')).toBeInTheDocument();
    const bar = screen.getByRole('progressbar');
    expect(bar).toHaveAttribute('aria-valuenow', '40');
    expect(bar).toHaveAttribute('aria-valuetext', '40% · Server preparing: 40% (copying into its cache)');
  });

  it('shows a failed delivery with its error code, title and remedy, and offers retry', () => {
    const error = appError({
      code: 'DELIVERY.notFound',
      message: 'No delivery 99.nope@1.0.0',
      retryable: false,
    });
    renderJobs(makeJob({ catalogId: '99.nope@1.0.0', phase: 'failed', error }));
    expect(screen.getByText('Failed')).toBeInTheDocument();
    expect(screen.getByText('DELIVERY.notFound')).toBeInTheDocument();
    expect(screen.getByText('The server does not know this delivery')).toBeInTheDocument();
    expect(screen.getByText(/Check the catalog id/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry 99.nope@1.0.0' })).toBeInTheDocument();
  });

  it('says a staged delivery is verified in words, not only colour', () => {
    const items = [makeItem({ outcome: 'verified', phase: 'done' })];
    renderJobs(makeJob({ phase: 'staged', verified: true, items, bytesDone: 12 * MiB }));
    expect(screen.getByText('Staged · all verified')).toBeInTheDocument();
    expect(screen.getByText('1 verified')).toBeInTheDocument();
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  });

  it('resumes a paused delivery through the bridge when the button is pressed', async () => {
    const job = makeJob({ phase: 'paused' });
    const { fake, store } = renderJobs(job);
    fake.respond('resumeJob', () =>
      ok({ ...job, phase: 'downloading', updatedAt: '2026-07-02T08:00:30.000Z' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Resume 1.field-nav@2.3.1' }));
    expect(fake.requests('resumeJob')).toEqual([{ jobId: job.jobId }]);
    expect(store.getState().jobs[job.jobId]?.phase).toBe('downloading');
    expect(await screen.findByRole('button', { name: 'Pause 1.field-nav@2.3.1' })).toBeInTheDocument();
  });

  it('invites to get a delivery when the list is empty', async () => {
    const { store } = renderWithStore(createElement(JobsView));
    await act(() => store.getState().loadJobs());
    expect(await screen.findByText('No deliveries yet')).toBeInTheDocument();
  });
});
