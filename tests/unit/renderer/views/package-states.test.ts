// @vitest-environment jsdom
// What a technician sees for each package verdict: History rows, "Verify again" and "Verify a
// package" show the state's label and meaning, green only for a verified package (never "All 0 files
// intact"), and a delivery that failed never wears a success badge in the Jobs view.
import '@testing-library/jest-dom/vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import type {
  PackageState,
  PackageSummary,
  PickedPackageCheck,
} from '../../../../electron/shared/ipc-contract.js';
import { PACKAGE_STATES, PACKAGE_STATE_TEXT } from '../../../../electron/shared/package-verdict.js';
import { ok } from '../../../../electron/shared/result.js';
import { packageStatus } from '../../../../renderer/format/status.js';
import { translatorFor } from '../../../../renderer/i18n/translator.js';
import { HistoryView } from '../../../../renderer/views/history-view.js';
import { JobsView } from '../../../../renderer/views/jobs-view.js';
import { createFakeBridge } from '../../../support/renderer-fake-bridge.js';
import {
  makeItem,
  makeJob,
  makePackageCheck,
  makePackageSummary,
} from '../../../support/renderer-fixtures.js';
import { renderWithStore } from '../../../support/renderer-render.js';

const summary = (catalogId: string, state: PackageState, fileCount: number): PackageSummary =>
  makePackageSummary({ packageId: catalogId, catalogId, state, fileCount, totalBytes: fileCount * 1024 });

const en = translatorFor('en');

const PACKAGES = [
  summary('7.tampered@1.0.0', 'failed', 0),
  summary('empty@1.0.0', 'empty', 0),
  summary('3.b64-tools@1.0.0', 'unverified', 1),
  summary('1.field-nav@2.3.1', 'verified', 3),
];

/** The badge holding `label` inside `scope`, and its tone class. */
const badge = (scope: HTMLElement, label: string) =>
  within(scope).getByText(label, { exact: true }).closest('.badge')!;
const successBadges = (scope: HTMLElement) => scope.querySelectorAll('.badge-success');
const rowOf = (catalogId: string) =>
  screen.getByRole('rowheader', { name: new RegExp(catalogId) }).closest('tr')!;

function renderHistory(packages: PackageSummary[] = PACKAGES) {
  const fake = createFakeBridge();
  fake.respond('listHistory', () => ok(packages));
  return renderWithStore(createElement(HistoryView), { fake });
}

describe('package states in words and tone', () => {
  it('gives every state its own label; success tone only for verified, danger for damage or failure', () => {
    const tones = Object.fromEntries(PACKAGE_STATES.map((s) => [s, packageStatus(en, s).tone]));
    expect(tones).toEqual({
      changed: 'danger',
      missing: 'danger',
      failed: 'danger',
      unlisted: 'warning',
      unverified: 'warning',
      incomplete: 'warning',
      empty: 'warning',
      verified: 'success',
    });
    for (const s of PACKAGE_STATES) expect(packageStatus(en, s).label).toBe(PACKAGE_STATE_TEXT[s].label);
  });
});

describe('History rows', () => {
  it('show failed, empty, unverified and verified packages by name, with the meaning of anything less', async () => {
    renderHistory();
    await screen.findByRole('rowheader', { name: /7\.tampered/ });
    expect(badge(rowOf('7\\.tampered'), 'Failed')).toHaveClass('badge-danger');
    expect(within(rowOf('7\\.tampered')).getByText(PACKAGE_STATE_TEXT.failed.meaning)).toBeInTheDocument();
    expect(badge(rowOf('empty@'), 'Empty')).toHaveClass('badge-warning');
    expect(badge(rowOf('3\\.b64'), 'Unverified')).toHaveClass('badge-warning');
    expect(badge(rowOf('1\\.field-nav'), 'Verified')).toHaveClass('badge-success');
    expect(within(rowOf('1\\.field-nav')).queryByText(PACKAGE_STATE_TEXT.verified.meaning)).toBeNull();
    // The only green in the table is the verified package's.
    for (const id of ['7\\.tampered', 'empty@', '3\\.b64']) expect(successBadges(rowOf(id))).toHaveLength(0);
  });
});

describe('Verify again', () => {
  async function verifyAgain(state: PackageState, files: number) {
    const { fake } = renderHistory([
      summary('pkg@1.0.0', state === 'verified' ? 'verified' : 'failed', files),
    ]);
    fake.respond('verifyPackage', () => ok(makePackageCheck(state, files)));
    await userEvent.click(await screen.findByRole('button', { name: 'Verify again pkg@1.0.0' }));
    return (await screen.findByText(/^\s*checked /)).closest('.recheck') as HTMLElement;
  }

  it('a failed package whose files are intact is still Failed, in red, never "all intact" in green', async () => {
    const result = await verifyAgain('failed', 2);
    expect(badge(result, 'Failed')).toHaveClass('badge-danger');
    expect(result).toHaveTextContent('2 files re-checked and intact (checksums and signatures)');
    expect(result).toHaveTextContent(PACKAGE_STATE_TEXT.failed.meaning);
    expect(result).not.toHaveTextContent(/All \d+ files? intact/);
    expect(successBadges(result)).toHaveLength(0);
  });

  it('an empty package is Empty with nothing to check, never "All 0 files intact"', async () => {
    const result = await verifyAgain('empty', 0);
    expect(badge(result, 'Empty')).toHaveClass('badge-warning');
    expect(result).toHaveTextContent('No file to check');
    expect(result).not.toHaveTextContent(/All 0 files intact/);
    expect(successBadges(result)).toHaveLength(0);
  });

  it('a verified package is Verified in green with every file intact', async () => {
    const result = await verifyAgain('verified', 3);
    expect(badge(result, 'Verified')).toHaveClass('badge-success');
    expect(result).toHaveTextContent('All 3 files intact (checksums and signatures re-checked)');
    expect(result).not.toHaveTextContent(PACKAGE_STATE_TEXT.verified.meaning);
  });
});

describe('Verify a package (a folder on a drive)', () => {
  it('says an unverified package is Unverified in amber, with what that means', async () => {
    const { fake } = renderHistory([]);
    const picked: PickedPackageCheck = { ...makePackageCheck('unverified', 1), folder: '/media/usb/x' };
    fake.respond('verifyFolderPicked', () => ok(picked));
    await userEvent.click(await screen.findByRole('button', { name: 'Verify a package' }));
    const region = await screen.findByRole('region', { name: 'Verify a package' });
    const verdict = within(region).getByRole('status');
    expect(badge(verdict, 'Unverified')).toHaveClass('badge-warning');
    expect(verdict).toHaveTextContent(PACKAGE_STATE_TEXT.unverified.meaning);
    expect(successBadges(verdict)).toHaveLength(0);
  });

  it('says an empty package on the drive is Empty, not intact', async () => {
    const { fake } = renderHistory([]);
    fake.respond('verifyFolderPicked', () => ok({ ...makePackageCheck('empty', 0), folder: '/media/usb/x' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Verify a package' }));
    const region = await screen.findByRole('region', { name: 'Verify a package' });
    expect(badge(region, 'Empty')).toHaveClass('badge-warning');
    expect(region).not.toHaveTextContent(/intact/);
    expect(successBadges(region)).toHaveLength(0);
  });
});

describe('Jobs view', () => {
  function renderJobs(...jobs: ReturnType<typeof makeJob>[]) {
    return renderWithStore(createElement(JobsView), {
      prepare: (store) => {
        store.getState().applyJobs(jobs);
        store.setState({ jobsLoaded: true });
      },
    });
  }
  const card = (catalogId: string) => screen.getByRole('listitem', { name: catalogId });

  it('a failed delivery that staged some files shows Failed in red, no success badge', () => {
    const items = [
      makeItem({ itemKey: 'a', fileName: 'a.bin', outcome: 'verified', phase: 'done' }),
      makeItem({ itemKey: 'b', fileName: 'b.bin', outcome: 'failed', phase: 'failed' }),
    ];
    renderJobs(makeJob({ catalogId: '1.field-nav@2.3.1', phase: 'failed', items }));
    const job = card('1.field-nav@2.3.1');
    expect(badge(job, 'Failed')).toHaveClass('badge-danger');
    expect(successBadges(job)).toHaveLength(0);
  });

  it('a staged delivery that is less than verified says so; an empty one is not green', () => {
    const incomplete = [
      makeItem({ itemKey: 'a', fileName: 'a.bin', outcome: 'verified', phase: 'done' }),
      makeItem({ itemKey: 'b', fileName: null, outcome: 'notDownloadable', phase: 'notDownloadable' }),
    ];
    renderJobs(
      makeJob({ catalogId: '5.mixed-stack@1.0.0', phase: 'staged', verified: true, items: incomplete }),
      makeJob({ catalogId: 'empty@1.0.0', phase: 'staged', verified: true, items: [] }),
    );
    expect(badge(card('5.mixed-stack@1.0.0'), 'Staged · Incomplete')).toHaveClass('badge-warning');
    expect(badge(card('empty@1.0.0'), 'Staged · Empty')).toHaveClass('badge-warning');
    expect(successBadges(card('empty@1.0.0'))).toHaveLength(0);
  });
});
