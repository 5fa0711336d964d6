// @vitest-environment jsdom
// "Get a delivery" for a technician who reads Hebrew: the words in Hebrew with Hebrew plurals, the
// catalog ids left to right (the pasted list, the offered ids, ids inside sentences), and the demo
// banner's way out.
import '@testing-library/jest-dom/vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { appError } from '../../../../electron/shared/app-error.js';
import { fail, ok } from '../../../../electron/shared/result.js';
import type { CourierStore } from '../../../../renderer/store/store.js';
import { DemoBanner } from '../../../../renderer/views/demo-banner.js';
import { GetView } from '../../../../renderer/views/get-view.js';
import { createFakeBridge } from '../../../support/renderer-fake-bridge.js';
import { makeJob, makeProjectOffer, makeSettings } from '../../../support/renderer-fixtures.js';
import { renderWithStore } from '../../../support/renderer-render.js';

const inHebrew = (overrides = {}) => ({
  prepare: (store: CourierStore) =>
    store.getState().applySettings(makeSettings({ ...overrides, language: 'he' })),
});

/** An id inside a right-to-left sentence, isolated so it keeps its own order. */
const isolated = (id: string) => `\u2068${id}\u2069`;

function fakeWithOffers() {
  const fake = createFakeBridge();
  fake.respond('listProjects', () =>
    ok({
      projects: [
        makeProjectOffer({ releaseNotes: 'תיקוני באגים' }),
        {
          projectId: 2,
          projectName: 'old-maps',
          displayName: null,
          catalogId: null,
          version: null,
          size: null,
          releaseNotes: null,
          releasedAt: null,
        },
      ],
      total: 45,
      page: 1,
      perPage: 20,
    }),
  );
  return fake;
}

describe('GetView in Hebrew', () => {
  it('asks for catalog ids in Hebrew and keeps the pasted ids left to right', async () => {
    renderWithStore(createElement(GetView), inHebrew());
    expect(screen.getByRole('heading', { level: 1, name: 'קבלת משלוח' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'לפי מזהה קטלוג' })).toBeInTheDocument();
    const box = screen.getByLabelText('מזהי קטלוג');
    expect(box).toHaveAttribute('dir', 'ltr');
    expect(box).toHaveAttribute('placeholder', expect.stringMatching(/^לדוגמה:.*\n1\.field-nav@2\.3\.1\n/));
    expect(screen.getByRole('button', { name: 'התחלת משלוח' })).toBeDisabled();
    const type = screen.getByLabelText('סוג פריט');
    expect(
      within(type)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(expect.arrayContaining(['תוכנה', 'מפה']));
  });

  it('counts the ids by Hebrew plural rules on the help line and the button', async () => {
    const { fake } = renderWithStore(createElement(GetView), inHebrew());
    fake.respond('startJobs', (request) => ok(request.catalogIds.map((catalogId) => makeJob({ catalogId }))));
    const box = screen.getByLabelText('מזהי קטלוג');
    await userEvent.type(box, '1.field-nav@2.3.1');
    expect(screen.getByText(/יתחיל משלוח אחד\./)).toBeInTheDocument();
    await userEvent.type(box, ', 7.tampered@1.0.0');
    expect(screen.getByText(/יתחילו שני משלוחים\./)).toBeInTheDocument();
    await userEvent.type(box, ', 3.a@1, 4.b@1, 5.c@1');
    expect(screen.getByText(/יתחילו 5 משלוחים\./)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'התחלת 5 משלוחים' }));
    expect(fake.requests('startJobs')).toHaveLength(1);
  });

  it('says which ids did not start in a Hebrew sentence with the ids isolated', async () => {
    const { fake } = renderWithStore(createElement(GetView), inHebrew());
    fake.respond('startJobs', () =>
      fail(appError({ code: 'CLIENT.invalidRequest', message: 'bad id', retryable: false })),
    );
    await userEvent.type(screen.getByLabelText('מזהי קטלוג'), '99.nope@1.0.0');
    await userEvent.click(screen.getByRole('button', { name: 'התחלת משלוח' }));
    expect(await screen.findByText(`לא ניתן להתחיל את ${isolated('99.nope@1.0.0')}.`)).toBeInTheDocument();
  });

  it('lists the server’s offerings in Hebrew with ids, sizes and versions kept apart', async () => {
    const fake = fakeWithOffers();
    fake.respond('startJobs', (request) => ok([makeJob({ catalogId: request.catalogIds[0]! })]));
    renderWithStore(createElement(GetView), { fake, ...inHebrew() });
    expect(await screen.findByText('Field Navigator')).toHaveAttribute('dir', 'auto');
    expect(screen.getByRole('heading', { level: 2, name: 'הקטלוג בשרת' })).toBeInTheDocument();
    for (const name of ['פרויקט', 'גרסה', 'גודל', 'פורסם'])
      expect(screen.getByRole('columnheader', { name })).toBeInTheDocument();
    expect(screen.getByText('1.field-nav@2.3.1')).toHaveAttribute('dir', 'ltr');
    expect(screen.getByText('3.00 MiB').tagName).toBe('BDI');
    expect(screen.getByText('2.3.1').tagName).toBe('BDI');
    expect(screen.getByText('הערות גרסה')).toBeInTheDocument();
    expect(screen.getByText('אין גרסה')).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'עמודי הקטלוג' })).toHaveTextContent('עמוד 1 מתוך 3');
    await userEvent.click(screen.getByRole('button', { name: `הורדה של ${isolated('1.field-nav@2.3.1')}` }));
    expect(fake.requests('startJobs')).toEqual([{ catalogIds: ['1.field-nav@2.3.1'], itemType: 'software' }]);
  });

  it('says in Hebrew when nothing on the server matches', async () => {
    const fake = createFakeBridge();
    fake.respond('listProjects', () => ok({ projects: [], total: 0, page: 1, perPage: 20 }));
    renderWithStore(createElement(GetView), { fake, ...inHebrew() });
    expect(await screen.findByText('אין תוצאות מתאימות.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'חיפוש' })).toBeInTheDocument();
  });
});

describe('DemoBanner in Hebrew', () => {
  it('says the demo server is in use and offers a real server', async () => {
    const { fake } = renderWithStore(createElement(DemoBanner), inHebrew({ mode: 'demo' }));
    const note = screen.getByRole('note', { name: 'מצב הדגמה' });
    expect(note).toHaveTextContent('עובדים מול שרת ההדגמה המובנה');
    expect(note).toHaveTextContent(/מקטלוג ההדגמה של Courier/);
    fake.respond('updateSettings', (update) => ok(makeSettings({ ...update, language: 'he' })));
    await userEvent.click(screen.getByRole('button', { name: 'מעבר לשרת אמיתי' }));
    expect(fake.requests('updateSettings')).toEqual([{ mode: 'server' }]);
  });
});
