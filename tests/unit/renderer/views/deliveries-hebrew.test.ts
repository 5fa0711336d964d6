// @vitest-environment jsdom
// The deliveries views in Hebrew: Hebrew words and plurals, while catalog ids, hashes, paths and file
// names stay left to right (their own dir="ltr" element or <bdi>), so a right-to-left page never
// scrambles them. The English wording is covered by job-row, job-detail and package-states tests.
import '@testing-library/jest-dom/vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { appError } from '../../../../electron/shared/app-error.js';
import { ok } from '../../../../electron/shared/result.js';
import { translatorFor } from '../../../../renderer/i18n/translator.js';
import { fileCheckStatus, packageCheckSummary } from '../../../../renderer/views/check-status.js';
import { JobDetailView } from '../../../../renderer/views/job-detail-view.js';
import { jobDetailModel, jobProgressText } from '../../../../renderer/views/job-detail-model.js';
import { JobsView } from '../../../../renderer/views/jobs-view.js';
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

const he = translatorFor('he');
const en = translatorFor('en');
const MiB = 1024 * 1024;
const FSI = '\u2068';
const PDI = '\u2069';

function renderJobs(...jobs: ReturnType<typeof makeJob>[]) {
  return renderWithStore(createElement(JobsView), {
    language: 'he',
    prepare: (store) => {
      store.getState().applyJobs(jobs);
      store.setState({ jobsLoaded: true });
    },
  });
}

function renderDetail(job: ReturnType<typeof makeJob>) {
  return renderWithStore(createElement(JobDetailView), {
    language: 'he',
    prepare: (store) => {
      store.getState().applyJob(job);
      store.getState().openJob(job.jobId);
    },
  });
}

describe('the deliveries list in Hebrew', () => {
  it('words a downloading delivery in Hebrew and keeps its catalog id left to right', () => {
    const items = [
      makeItem({ itemKey: 'a', fileName: 'a.bin', outcome: 'verified', phase: 'done' }),
      makeItem({ itemKey: 'b', fileName: 'b.bin', phase: 'downloading' }),
    ];
    renderJobs(makeJob({ items, bytesDone: 3 * MiB, speed: 2.5 * MiB, etaMs: 65_000 }));
    const card = screen.getByRole('listitem', { name: /1\.field-nav@2\.3\.1/ });
    expect(within(card).getByText('בהורדה')).toBeInTheDocument();
    expect(within(card).getByText('שני קבצים')).toBeInTheDocument();
    expect(within(card).getByText('1 מאומת')).toBeInTheDocument();
    expect(within(card).getByText(`נותרו ${FSI}01:05${PDI}`)).toBeInTheDocument();
    expect(within(card).getByRole('button', { name: '1.field-nav@2.3.1' })).toHaveAttribute('dir', 'ltr');
    expect(within(card).getByRole('button', { name: /^השהיה/ })).toBeInTheDocument();
    expect(within(card).getByRole('button', { name: /^פרטים של/ })).toHaveTextContent('פרטים');
    expect(within(card).getByRole('progressbar', { name: /^התקדמות/ })).toHaveAttribute(
      'aria-valuetext',
      `25% · ${FSI}${FSI}3.00 MiB${PDI} מתוך ${FSI}12.0 MiB${PDI}${PDI}`,
    );
  });

  it('invites to get a delivery in Hebrew when the list is empty', () => {
    renderJobs();
    expect(screen.getByRole('heading', { level: 1, name: 'משלוחים' })).toBeInTheDocument();
    expect(screen.getByText('אין עדיין משלוחים')).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: /קבלת משלוח/ }).length).toBeGreaterThan(0);
  });
});

describe('a delivery’s page in Hebrew', () => {
  it('names the columns in Hebrew and shows the hashes, file name and folder left to right', () => {
    const item = makeTamperedItem({
      error: appError({ code: 'CLIENT.hashMismatch', message: 'SHA-256 differs', retryable: true }),
    });
    renderDetail(makeJob({ catalogId: '7.tampered@1.0.0', phase: 'failed', items: [item] }));
    expect(screen.getByRole('heading', { level: 1 }).querySelector('[dir="ltr"]')).toHaveTextContent(
      '7.tampered@1.0.0',
    );
    for (const name of ['קובץ', 'גודל', 'התקדמות', 'בדיקות', 'תוצאה'])
      expect(screen.getByRole('columnheader', { name })).toBeInTheDocument();
    const tbody = screen.getByRole('rowheader', { name: /payload\.bin/ }).closest('tbody')!;
    expect(within(tbody).getByText('payload.bin').tagName).toBe('BDI');
    expect(within(tbody).getByText('הגיבוב לא תואם')).toBeInTheDocument();
    expect(within(tbody).getByText(/לא תואם לערך שפורסם/)).toBeInTheDocument();
    expect(within(tbody).getByText(HEX_A)).toHaveAttribute('dir', 'ltr');
    expect(within(tbody).getByText(HEX_B)).toHaveAttribute('dir', 'ltr');
    expect(screen.getByText('/staging/1.field-nav@2.3.1')).toHaveAttribute('dir', 'ltr');
    expect(screen.getByRole('button', { name: /^כל המשלוחים/ })).toBeInTheDocument();
  });

  it('shows a verify-again result in Hebrew, with the stray file left to right', async () => {
    const item = makeItem({ fileName: 'a.bin', itemKey: 'k-a', outcome: 'verified', phase: 'done' });
    const job = makeJob({ phase: 'staged', verified: true, items: [item] });
    const { fake } = renderDetail(job);
    fake.respond('verifyJob', () =>
      ok(
        makePackageCheck('changed', [makeChangedFile()], { catalogId: job.catalogId, extra: ['stray.txt'] }),
      ),
    );
    await userEvent.click(screen.getByRole('button', { name: /^אימות חוזר/ }));
    expect(await screen.findByRole('columnheader', { name: 'תוצאה · בדיקה חוזרת' })).toBeInTheDocument();
    expect(screen.getAllByText('השתנה בדיסק').length).toBeGreaterThan(0);
    expect(screen.getByText('קובץ אחד מתוך 1 נכשל בבדיקה החוזרת')).toBeInTheDocument();
    expect(screen.getByText('stray.txt')).toHaveAttribute('dir', 'ltr');
  });
});

describe('the deliveries models in Hebrew', () => {
  it('counts re-checked files by Hebrew plural rules', () => {
    expect(packageCheckSummary(he, makePackageCheck('verified', 1)).detail).toBe(
      'הקובץ תקין (הגיבובים והחתימות נבדקו שוב)',
    );
    expect(packageCheckSummary(he, makePackageCheck('verified', 2)).detail).toBe(
      'שני הקבצים תקינים (הגיבובים והחתימות נבדקו שוב)',
    );
    expect(packageCheckSummary(he, makePackageCheck('verified', 3)).detail).toBe(
      'כל 3 הקבצים תקינים (הגיבובים והחתימות נבדקו שוב)',
    );
    expect(packageCheckSummary(en, makePackageCheck('verified', 3)).detail).toBe(
      'All 3 files intact (checksums and signatures re-checked)',
    );
    expect(fileCheckStatus(he, 'verified', 'unverified').label).toBe('תקין, לא מאומת');
  });

  it('words the server’s preparation in Hebrew, an unknown status isolated as sent', () => {
    const preparing = makeJob({ phase: 'preparing', serverStatus: 'inProgress', serverProgress: 40 });
    expect(jobProgressText(he, preparing)).toBe(`השרת מכין: 40% (${FSI}מועתק למטמון של השרת${PDI})`);
    expect(jobProgressText(en, preparing)).toBe('Server preparing: 40% (copying into its cache)');
    const odd = makeJob({ phase: 'queued', serverStatus: 'mystery', serverProgress: null });
    expect(jobProgressText(he, odd)).toBe(`ממתין לשרת (${FSI}mystery${PDI})`);
  });

  it('keeps one row model per language, so switching language rewords every row', () => {
    const job = makeJob({ items: [makeItem({ phase: 'downloading', bytesDone: MiB })] });
    const english = jobDetailModel(en, job).rows[0]!;
    const hebrew = jobDetailModel(he, job).rows[0]!;
    expect(jobDetailModel(en, job).rows[0]).toBe(english);
    expect(english.progressText).toBe('25% · 1.00 MiB of 4.00 MiB');
    expect(hebrew.progressText).toBe(`25% · ${FSI}1.00 MiB${PDI} מתוך ${FSI}4.00 MiB${PDI}`);
    expect(hebrew.typeLabel).toBe('קובץ');
  });
});
