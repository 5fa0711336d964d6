// @vitest-environment jsdom
// History, copies to a drive and "Verify a package" in Hebrew: the words are Hebrew (with Hebrew
// plurals), while catalog ids, drive paths and hashes stay left to right inside the right-to-left
// page. Also: a refused Stop is explained in the copy's panel, in the UI's language.
import '@testing-library/jest-dom/vitest';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { appError } from '../../../../electron/shared/app-error.js';
import type {
  ExportSummary,
  PackageState,
  PackageSummary,
} from '../../../../electron/shared/ipc-contract.js';
import type { UiLanguage } from '../../../../electron/shared/ui-languages.js';
import { fail, ok, type Result } from '../../../../electron/shared/result.js';
import { translatorFor } from '../../../../renderer/i18n/translator.js';
import { exportProgressModel } from '../../../../renderer/views/export-model.js';
import { HistoryView } from '../../../../renderer/views/history-view.js';
import { createFakeBridge } from '../../../support/renderer-fake-bridge.js';
import {
  HEX_B,
  makeExportProgress,
  makeExportSummary,
  makePackageSummary,
} from '../../../support/renderer-fixtures.js';
import { renderWithStore } from '../../../support/renderer-render.js';

const ID = '1.field-nav@2.3.1';
const FOLDER = `/media/usb/${ID}`;
/** A string argument inside a right-to-left sentence, as the translator isolates it. */
const iso = (text: string) => `\u2068${text}\u2069`;

const pkg = (state: PackageState, overrides: Partial<PackageSummary> = {}): PackageSummary =>
  makePackageSummary({ state, totalBytes: 9 * 1024 * 1024, ...overrides });

/** setup.msi copied now, tiles.zip already on the drive, to FOLDER. */
const copied = (packageState: PackageState): ExportSummary =>
  makeExportSummary({ packageState, targetFolder: FOLDER });

function renderHistory(packages: PackageSummary[], language: UiLanguage = 'he') {
  const fake = createFakeBridge();
  fake.respond('listHistory', () => ok(packages));
  return renderWithStore(createElement(HistoryView), { fake, language });
}

describe('History in Hebrew', () => {
  it('names the page, columns and actions in Hebrew; the catalog id and size stay left to right', async () => {
    renderHistory([pkg('failed')]);
    const row = (await screen.findByRole('rowheader', { name: /^1\.field-nav/ })).closest('tr')!;
    expect(screen.getByRole('heading', { level: 1, name: 'היסטוריה' })).toBeInTheDocument();
    expect(screen.getByText('חבילות בתיקיית ההכנה, מוכנות להעתקה לכונן USB.')).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'חבילה' })).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'גודל' })).toBeInTheDocument();
    expect(within(row).getByText(ID, { selector: 'bdi' })).toHaveAttribute('dir', 'ltr');
    expect(within(row).getByText('9.00 MiB').tagName).toBe('BDI');
    expect(within(row).getByText(`מהשרת ${iso('http://127.0.0.1:7380')}`)).toBeInTheDocument();
    expect(within(row).getByText('נכשל')).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: `אימות חוזר ${ID}` })).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: `העתקה לכונן ${ID}` })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'אימות חבילה' })).toBeInTheDocument();
  });

  it('says in Hebrew that nothing is staged yet', async () => {
    renderHistory([]);
    expect(await screen.findByRole('heading', { name: 'עדיין אין חבילות מוכנות' })).toBeInTheDocument();
  });
});

describe('Copy to drive in Hebrew', () => {
  it('asks in Hebrew before copying a failed package, then words the result with a Hebrew plural', async () => {
    const { fake } = renderHistory([pkg('failed')]);
    fake.respond('exportPackage', () => ok(copied('failed')));
    await userEvent.click(await screen.findByRole('button', { name: `העתקה לכונן ${ID}` }));
    expect(screen.getByRole('heading', { name: /להעתיק לכונן\?/ })).toHaveFocus();
    expect(screen.getByRole('alert')).toHaveTextContent(`החבילה הזאת במצב "${iso('נכשל')}"`);
    expect(screen.getByRole('button', { name: `לא להעתיק ${ID}` })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: `להעתיק בכל זאת ${ID}` }));

    expect(
      await screen.findByText(`הועתקה חבילה במצב "${iso('נכשל')}" · שני הקבצים תואמים`),
    ).toBeInTheDocument();
    expect(screen.getByText(/^שני קבצים, .*הועתקו עכשיו 1, כבר היו בכונן 1/)).toBeInTheDocument();
    expect(screen.getByText(FOLDER)).toHaveAttribute('dir', 'ltr');
    const [cache, labelled] = screen.getAllByRole('note');
    expect(within(cache!).getByText(/מזיכרון המטמון של המחשב הזה/).tagName).toBe('STRONG');
    expect(within(cache!).getByText('אימות חבילה').tagName).toBe('STRONG');
    expect(labelled).toHaveTextContent('שני הקבצים שהחבילה מפרטת הועתקו');
    const table = screen.getByRole('table', { name: `תוצאות הקריאה החוזרת של ${iso(ID)} מהכונן` });
    expect(within(table).getByText('הועתק עכשיו')).toBeInTheDocument();
    expect(within(table).getByText('כבר היה בכונן')).toBeInTheDocument();
    expect(within(table).getByText(HEX_B)).toHaveAttribute('dir', 'ltr');
    expect(screen.getByRole('button', { name: `סגירה – תוצאות ההעתקה של ${iso(ID)}` })).toBeInTheDocument();
  });

  it('shows the copy under way in Hebrew: steps, phase and the bar’s name and value', async () => {
    const { fake, store } = renderHistory([pkg('verified')]);
    fake.respond('exportPackage', () => new Promise(() => undefined));
    await userEvent.click(await screen.findByRole('button', { name: `העתקה לכונן ${ID}` }));
    expect(screen.getByRole('status')).toHaveTextContent('ממתין לבחירת תיקייה להעתקה…');
    act(() => store.getState().applyExportProgress(makeExportProgress()));
    expect(screen.getByRole('status')).toHaveTextContent('מעתיק לכונן');
    const steps = screen.getByRole('list', { name: 'שלבים' });
    expect(within(steps).getByText(/בדיקה/)).toHaveTextContent('(הושלם)');
    const bar = screen.getByRole('progressbar', { name: `התקדמות ההעתקה של ${iso(ID)}` });
    expect(bar.getAttribute('aria-valuetext')).toContain('45%');
    expect(bar.getAttribute('aria-valuetext')).toContain('מתוך');
    expect(screen.getByLabelText('נותרו דקה ו־5 שניות')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: `עצירת ההעתקה ${ID}` })).toBeInTheDocument();
  });
});

describe('a refused Stop', () => {
  async function refusedStop(language: UiLanguage) {
    const { fake, store } = renderHistory([pkg('verified')], language);
    let answer: (result: Result<ExportSummary | null>) => void = () => undefined;
    fake.respond('exportPackage', () => new Promise((resolve) => (answer = resolve)));
    fake.respond('cancelExport', () =>
      fail(appError({ code: 'CLIENT.invalidRequest', message: 'no such export', retryable: false })),
    );
    const copy = language === 'he' ? 'העתקה לכונן' : 'Copy to drive';
    await userEvent.click(await screen.findByRole('button', { name: `${copy} ${ID}` }));
    act(() => store.getState().applyExportProgress(makeExportProgress()));
    const stop = language === 'he' ? 'עצירת ההעתקה' : 'Stop copying';
    await userEvent.click(screen.getByRole('button', { name: `${stop} ${ID}` }));
    return { store, answer: (result: Result<ExportSummary | null>) => act(async () => answer(result)) };
  }

  it('is explained in the copy’s panel while the copy goes on, and can be tried again', async () => {
    const { store, answer } = await refusedStop('en');
    expect(await screen.findByText('The copy could not be stopped.')).toBeInTheDocument();
    expect(screen.getByText('CLIENT.invalidRequest')).toBeInTheDocument();
    expect(store.getState().notices).toEqual([]);
    expect(screen.getByRole('button', { name: `Stop copying ${ID}` })).not.toHaveAttribute('aria-disabled');
    await answer(ok(copied('verified')));
    expect(screen.queryByText('The copy could not be stopped.')).toBeNull();
  });

  it('is worded in Hebrew on a Hebrew page', async () => {
    await refusedStop('he');
    expect(await screen.findByText('לא ניתן לעצור את ההעתקה.')).toBeInTheDocument();
  });
});

describe('Verify a package in Hebrew', () => {
  it('lists the packages on the drive with Hebrew plurals; the folder stays left to right', async () => {
    const { fake } = renderHistory([]);
    fake.respond('verifyFolderPicked', () =>
      ok({
        folder: '/media/usb',
        packages: [
          pkg('verified', { packageId: 'a', catalogId: '1.a@1.0.0', fileCount: 1 }),
          pkg('failed', { packageId: 'b', catalogId: '1.b@1.0.0', fileCount: 3 }),
        ],
      }),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'אימות חבילה' }));
    const list = await screen.findByRole('list', { name: /^שתי חבילות ב־\/media\/usb\. בחרו/ });
    expect(screen.getByText('/media/usb')).toHaveAttribute('dir', 'ltr');
    const [one, three] = within(list).getAllByRole('listitem');
    expect(one).toHaveTextContent('קובץ אחד');
    expect(three).toHaveTextContent('3 קבצים');
    expect(within(three!).getByText('1.b@1.0.0', { selector: 'bdi' })).toHaveAttribute('dir', 'ltr');
    expect(within(three!).getByRole('button', { name: 'אימות 1.b@1.0.0' })).toBeInTheDocument();
  });

  it('says in Hebrew when the drive holds no package', async () => {
    const { fake } = renderHistory([]);
    fake.respond('verifyFolderPicked', () => ok({ folder: '/media/usb', packages: [] }));
    await userEvent.click(await screen.findByRole('button', { name: 'אימות חבילה' }));
    expect(await screen.findByText(/לא נמצאה חבילת Courier ב־/)).toHaveTextContent('/media/usb');
  });
});

describe('the copy model in Hebrew', () => {
  it('words the progress without a folder yet, and the bytes done of the total', () => {
    const he = translatorFor('he');
    expect(exportProgressModel(he, null).phaseText).toBe('ממתין לבחירת תיקייה להעתקה…');
    const model = exportProgressModel(he, makeExportProgress({ phase: 'readBack' }));
    expect(model.phaseText).toBe('קורא חזרה מהכונן');
    expect(model.doneText).toBe(`${iso('45.0 MiB')} מתוך ${iso('100 MiB')}`);
  });
});
