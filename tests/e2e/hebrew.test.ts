// Hebrew, right to left, in browser mode: a browser whose system language is Hebrew (he-IL) opens
// Courier in Hebrew with the page running right to left and the navigation on the right; two
// deliveries are started and checked in Hebrew; every view passes axe-core (no serious or critical
// violation, headings in order) in light, and in dark at 800×600 with nothing clipped; no catalog
// id, hash or path inside right-to-left text is left un-isolated (it would scramble); choosing
// English in Settings turns the page round at once. Saves the README's Hebrew screenshots.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { BUILTIN_IDS } from '../../electron/demo-server/index.js';
import type { MessageKey } from '../../renderer/i18n/messages.js';
import {
  blockingAxeViolations,
  clippedContent,
  pageBackground,
  unisolatedValues,
  type AxeFinding,
} from '../support/e2e-axe.js';
import { screenshot, useE2e } from '../support/e2e-harness.js';
import { uiText } from '../support/e2e-text.js';

const e2e = useE2e({ exportTarget: true, locale: 'he-IL' });
const he = { text: uiText('he') };
const { fieldNav, tampered } = BUILTIN_IDS;
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const card = (id: string) => e2e.page.getByRole('listitem', { name: id });
const nav = (place: MessageKey, page: Page = e2e.page) =>
  page
    .getByRole('navigation', { name: 'Courier' })
    .getByRole('button', { name: new RegExp(`^${escaped(he.text(place))}`) });
/** "Details of <id>": the words, then the id (isolated from them by invisible marks). */
const details = (id: string) =>
  card(id).getByRole('button', {
    name: new RegExp(`^${escaped(he.text('deliveries.detailsOf', { name: '' }).trim())}\\W*${escaped(id)}`),
  });

async function page(): Promise<{ lang: string; dir: string; navLeft: number; mainLeft: number }> {
  return e2e.page.evaluate(() => {
    const { document } = globalThis as unknown as {
      document: {
        documentElement: { lang: string; dir: string };
        querySelector(s: string): { getBoundingClientRect(): { left: number } };
      };
    };
    return {
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      navLeft: document.querySelector('nav.side-nav').getBoundingClientRect().left,
      mainLeft: document.querySelector('main').getBoundingClientRect().left,
    };
  });
}

interface View {
  readonly name: string;
  open(page: Page): Promise<void>;
}

const VIEWS: readonly View[] = [
  {
    name: 'deliveries',
    async open(page) {
      await nav('common.place.jobs').click();
      await card(fieldNav).getByText(he.text('status.stagedAllVerified')).waitFor();
      await page.getByRole('heading', { level: 1, name: he.text('common.place.jobs') }).waitFor();
    },
  },
  {
    name: 'job-detail',
    async open(page) {
      await nav('common.place.jobs').click();
      await details(fieldNav).click();
      await page.getByRole('columnheader', { name: he.text('deliveries.col.resultRecheck') }).waitFor();
    },
  },
  {
    name: 'error-hash-mismatch',
    async open(page) {
      await nav('common.place.jobs').click();
      await details(tampered).click();
      await page.getByText(he.text('deliveries.hashBad')).first().waitFor();
    },
  },
  {
    name: 'get-delivery',
    async open(page) {
      await nav('common.place.get').click();
      await page.getByRole('heading', { level: 1, name: he.text('common.place.get') }).waitFor();
      await page
        .getByRole('rowheader', { name: /Field Navigator/ })
        .first()
        .waitFor();
    },
  },
  {
    name: 'history',
    async open(page) {
      await nav('common.place.history').click();
      await page.getByRole('heading', { level: 1, name: he.text('common.place.history') }).waitFor();
      await page.getByRole('button', { name: he.text('history.verifyPackage') }).click();
      await page.getByRole('region', { name: he.text('history.verifyPackage') }).waitFor();
    },
  },
  {
    name: 'connect',
    async open(page) {
      await nav('common.place.connect').click();
      await page.getByRole('status', { name: he.text('settings.result.label') }).waitFor();
    },
  },
  {
    name: 'settings',
    async open(page) {
      await nav('common.place.settings').click();
      await page.getByRole('group', { name: he.text('settings.appearance.language') }).waitFor();
    },
  },
];

/** Per view: what axe found that may not be there, what is clipped (when asked) and what scrambles. */
async function checkEveryView(
  page: Page,
  options: { clipping?: boolean; shots?: string } = {},
): Promise<Record<string, (AxeFinding | string)[]>> {
  const report: Record<string, (AxeFinding | string)[]> = {};
  for (const view of VIEWS) {
    await view.open(page);
    const found: (AxeFinding | string)[] = [
      ...(await blockingAxeViolations(page)),
      ...(await unisolatedValues(page)),
    ];
    if (options.clipping) found.push(...(await clippedContent(page)));
    if (found.length > 0) report[view.name] = found;
    if (options.shots !== undefined) await screenshot(page, `${view.name}${options.shots}`);
  }
  return report;
}

describe.sequential('Hebrew, right to left, from the system language', () => {
  test(
    'opens in Hebrew, right to left; two deliveries started and checked in Hebrew',
    { timeout: 240_000 },
    async () => {
      const { page: p } = e2e;
      await p.emulateMedia({ colorScheme: 'light' });
      await p.getByRole('heading', { level: 1, name: he.text('common.place.jobs') }).waitFor();
      const shape = await page();
      expect({ lang: shape.lang, dir: shape.dir }).toEqual({ lang: 'he', dir: 'rtl' });
      // The navigation column sits on the right of the content, as a Hebrew reader expects.
      expect(shape.navLeft).toBeGreaterThan(shape.mainLeft);

      await nav('common.place.get').click();
      await p.getByLabel(he.text('get.catalogIds')).fill(`${fieldNav}\n${tampered}`);
      await p.getByRole('button', { name: he.text('get.start', { count: 2 }) }).click();
      await card(fieldNav).getByText(he.text('status.stagedAllVerified')).waitFor({ timeout: 120_000 });
      await card(tampered).getByText(he.text('status.failed'), { exact: true }).waitFor({ timeout: 120_000 });

      await details(fieldNav).click();
      await p
        .getByRole('button', { name: new RegExp(`^${escaped(he.text('deliveries.action.verify'))}`) })
        .click();
      await p.getByText(he.text('deliveries.check.stillIntact')).first().waitFor();
      await p
        .getByRole('button', { name: new RegExp(`^${escaped(he.text('history.copyToDrive'))}`) })
        .click();
      await p.getByRole('region', { name: new RegExp(escaped(he.text('history.title.done'))) }).waitFor();
      await nav('common.place.connect').click();
      await p.getByRole('button', { name: he.text('settings.connect.test') }).click();
      await p.getByText(he.text('settings.result.signedIn'), { exact: true }).waitFor();
    },
  );

  test(
    'light: every view without a serious violation or a scrambled value',
    { timeout: 180_000 },
    async () => {
      expect(await checkEveryView(e2e.page, { shots: '-he' })).toEqual({});
    },
  );

  test('dark at 800×600: nothing clipped, nothing hidden, no violation', { timeout: 240_000 }, async () => {
    const { page: p } = e2e;
    await p.emulateMedia({ colorScheme: 'dark' });
    await p.setViewportSize({ width: 800, height: 600 });
    try {
      expect(await pageBackground(p)).toBe('rgb(15, 21, 28)');
      expect(await checkEveryView(p, { clipping: true })).toEqual({});
      await screenshot(p, 'settings-he-dark');
    } finally {
      await p.emulateMedia({ colorScheme: 'light' });
      await p.setViewportSize({ width: 1280, height: 800 });
    }
  });

  test(
    'English chosen in Settings turns the page round at once, and back',
    { timeout: 120_000 },
    async () => {
      const { page: p } = e2e;
      await nav('common.place.settings').click();
      const language = p.getByRole('group', { name: he.text('settings.appearance.language') });
      await language.getByRole('radio', { name: 'English' }).click();
      await p.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
      expect(await page()).toMatchObject({ lang: 'en', dir: 'ltr' });
      const english = { text: uiText('en') };
      await p
        .getByRole('group', { name: english.text('settings.appearance.language') })
        .getByRole('radio', {
          name: new RegExp(`^${escaped(english.text('settings.appearance.languageSystem'))}`),
        })
        .click();
      await p.getByRole('heading', { level: 1, name: he.text('common.place.settings') }).waitFor();
      expect(await page()).toMatchObject({ lang: 'he', dir: 'rtl' });
      expect(e2e.problems).toEqual([]);
    },
  );
});
