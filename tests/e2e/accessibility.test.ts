// Accessibility locked by tests, in browser mode: every view (deliveries, a delivery's detail with a
// re-check and a copy to a drive, a failed one, Get a delivery, History with its checks, Connection
// for the demo and for a real server, Settings) checked by axe-core in light, in dark chosen in
// Settings, and at 800×600 in both themes as the system sets them: no serious or critical
// violation, headings in order, and at 800×600 no table or action pushed out of sight. The
// deliveries are started and the theme is chosen with the keyboard alone. Saves the README's
// dark screenshots.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { BUILTIN_IDS } from '../../electron/demo-server/index.js';
import {
  blockingAxeViolations,
  clippedContent,
  focusedControl,
  pageBackground,
  pageTheme,
  type AxeFinding,
} from '../support/e2e-axe.js';
import { screenshot, useE2e } from '../support/e2e-harness.js';

const e2e = useE2e({ exportTarget: true });
const { fieldNav, tampered } = BUILTIN_IDS;
const UNKNOWN = '99.nope@1.0.0';
/** The page background of each theme (base.css --bg), as the browser resolves it. */
const BACKGROUND = { light: 'rgb(242, 244, 247)', dark: 'rgb(15, 21, 28)' };

const card = (id: string) => e2e.page.getByRole('listitem', { name: id });
const nav = (place: string) =>
  e2e.page
    .getByRole('navigation', { name: 'Courier' })
    .getByRole('button', { name: new RegExp(`^${place}`) });

const focusedName = async (page: Page) => (await focusedControl(page)).name;

/** Presses Tab until the focused element's name matches, and insists the focus can be seen there. */
async function tabTo(page: Page, name: RegExp): Promise<void> {
  for (let presses = 0; presses < 80; presses += 1) {
    await page.keyboard.press('Tab');
    const focused = await focusedControl(page);
    if (name.test(focused.name)) {
      expect(focused.ringShown, `focus ring on ${focused.name}`).toBe(true);
      return;
    }
  }
  throw new Error(`Tab never reached ${String(name)}`);
}

interface View {
  readonly name: string;
  open(page: Page): Promise<void>;
  /** What the view's screenshot at 800×600 should show: scrolled to the top of this. */
  readonly frame?: string;
}

const VIEWS: readonly View[] = [
  {
    name: 'deliveries',
    async open(page) {
      await nav('Deliveries').click();
      await card(UNKNOWN).locator('code.error-code').waitFor();
      await card(fieldNav).getByText('Staged · all verified').waitFor();
      await page.getByRole('heading', { level: 1, name: 'Deliveries' }).waitFor();
    },
  },
  {
    name: 'job-detail',
    frame: 'table.items',
    async open(page) {
      await nav('Deliveries').click();
      await card(fieldNav)
        .getByRole('button', { name: `Details of ${fieldNav}` })
        .click();
      await page.getByRole('region', { name: /Copied to drive/ }).waitFor();
      await page.getByRole('columnheader', { name: 'Result · re-check' }).waitFor();
    },
  },
  {
    name: 'error-hash-mismatch',
    frame: 'table.items',
    async open(page) {
      await nav('Deliveries').click();
      await card(tampered)
        .getByRole('button', { name: `Details of ${tampered}` })
        .click();
      await page.getByText('Does not match the published value').waitFor();
    },
  },
  {
    name: 'get-delivery',
    async open(page) {
      await nav('Get a delivery').click();
      await page
        .getByRole('rowheader', { name: /Field Navigator/ })
        .first()
        .waitFor();
    },
  },
  {
    name: 'history',
    async open(page) {
      await nav('History').click();
      await page.getByRole('region', { name: 'Verify a package' }).waitFor();
      await page
        .getByText(/All 3 files intact/)
        .first()
        .waitFor();
    },
  },
  {
    name: 'connect',
    async open(page) {
      await nav('Connection').click();
      await page.getByRole('status', { name: 'Connection test result' }).waitFor();
    },
  },
  {
    name: 'settings',
    async open(page) {
      await nav('Settings').click();
      await page.getByRole('group', { name: 'Colours' }).waitFor();
    },
  },
];

/**
 * Opens every view and returns, per view, what axe found that may not be there and (when asked)
 * what the window clips. Views with nothing to report are left out, so all is well when it is {}.
 */
async function checkEveryView(
  page: Page,
  options: { clipping?: boolean; shots?: string } = {},
): Promise<Record<string, (AxeFinding | string)[]>> {
  const report: Record<string, (AxeFinding | string)[]> = {};
  for (const view of VIEWS) {
    await view.open(page);
    const found: (AxeFinding | string)[] = await blockingAxeViolations(page);
    if (options.clipping) found.push(...(await clippedContent(page)));
    if (found.length > 0) report[view.name] = found;
    if (options.shots === undefined) continue;
    if (view.frame)
      await page
        .locator(view.frame)
        .first()
        .evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, `${view.name}${options.shots}`, { docs: false });
  }
  return report;
}

const THEME_CHOICE = /^(Same as the system|Light$|Dark$)/;

/** Chooses a theme on the Settings page with the keyboard: Tab into the group, arrows to the choice. */
async function chooseTheme(page: Page, label: RegExp): Promise<void> {
  await nav('Settings').click();
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  const group = page.getByRole('group', { name: 'Colours' });
  await tabTo(page, THEME_CHOICE);
  for (let i = 0; i < 3 && !label.test(await focusedName(page)); i += 1)
    await page.keyboard.press('ArrowDown');
  await expect.poll(() => group.getByRole('radio', { name: label }).isChecked()).toBe(true);
}

describe.sequential('accessibility in every view, light, dark and 800×600', () => {
  test(
    'three deliveries started with the keyboard alone: one verifies, two fail',
    { timeout: 240_000 },
    async () => {
      const { page } = e2e;
      await page.emulateMedia({ colorScheme: 'light' });
      await page.locator('body').click({ position: { x: 1, y: 1 } });
      await tabTo(page, /^Get a delivery$/);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Get a delivery' }).waitFor();
      await tabTo(page, /^Catalog ids$/);
      await page.keyboard.type(`${fieldNav}, ${tampered}, ${UNKNOWN}`);
      await tabTo(page, /^Start 3 deliveries$/);
      await page.keyboard.press('Enter');

      await card(fieldNav).getByText('Staged · all verified').waitFor({ timeout: 120_000 });
      for (const id of [tampered, UNKNOWN])
        await card(id).getByText('Failed', { exact: true }).waitFor({ timeout: 120_000 });

      // The extras the views show: a re-check and a copy on the delivery, both again in History.
      await card(fieldNav)
        .getByRole('button', { name: `Details of ${fieldNav}` })
        .click();
      await page.getByRole('button', { name: `Verify again ${fieldNav}` }).click();
      await page.getByText(/All 3 files intact/).waitFor();
      await page.getByRole('button', { name: `Copy to drive ${fieldNav}` }).click();
      await page.getByText('Copied and read back · all 3 files match').waitFor();
      await nav('History').click();
      const row = page.getByRole('row', { name: /1\.field-nav@2\.3\.1/ }).first();
      await row.getByRole('button', { name: `Verify again ${fieldNav}` }).click();
      await page.getByRole('button', { name: 'Verify a package' }).click();
      await page.getByRole('region', { name: 'Verify a package' }).waitFor();
      await nav('Connection').click();
      await page.getByRole('button', { name: 'Test connection' }).click();
      await page.getByText('Signed in', { exact: true }).waitFor();
      expect(await pageBackground(page)).toBe(BACKGROUND.light);
    },
  );

  test('light: no serious or critical violation, headings in order', { timeout: 180_000 }, async () => {
    expect(await checkEveryView(e2e.page)).toEqual({});
  });

  test(
    'dark, chosen in Settings with the keyboard while the system is light',
    { timeout: 180_000 },
    async () => {
      const { page } = e2e;
      await chooseTheme(page, /^Dark$/);
      await expect.poll(() => pageTheme(page)).toBe('dark');
      expect(await pageBackground(page)).toBe(BACKGROUND.dark);
      expect(await checkEveryView(page)).toEqual({});
      // The README's dark screenshots, taken as the checks above left each view.
      for (const view of VIEWS.filter(({ name }) => name !== 'connect')) {
        await view.open(page);
        await screenshot(page, `${view.name}-dark`);
      }
    },
  );

  test(
    '800×600 following the system, light then dark: nothing clipped, nothing hidden, no violation',
    { timeout: 240_000 },
    async () => {
      const { page } = e2e;
      await chooseTheme(page, /^Same as the system/);
      await expect.poll(() => pageTheme(page)).toBeUndefined();
      await page.setViewportSize({ width: 800, height: 600 });
      try {
        expect(await checkEveryView(page, { clipping: true, shots: '-800' })).toEqual({});
        await page.emulateMedia({ colorScheme: 'dark' });
        expect(await pageBackground(page)).toBe(BACKGROUND.dark);
        expect(await checkEveryView(page, { clipping: true, shots: '-800-dark' })).toEqual({});
      } finally {
        await page.emulateMedia({ colorScheme: 'light' });
        await page.setViewportSize({ width: 1280, height: 800 });
      }
    },
  );

  test('a real server’s connection form, in both themes and at 800×600', { timeout: 120_000 }, async () => {
    const { page } = e2e;
    await nav('Connection').click();
    await page.getByRole('button', { name: 'Use a real server' }).click();
    await page.getByLabel('Server address').waitFor();
    const report: Record<string, (AxeFinding | string)[]> = {};
    for (const [scheme, width, height] of [
      ['light', 1280, 800],
      ['dark', 1280, 800],
      ['light', 800, 600],
      ['dark', 800, 600],
    ] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height });
      const found = [...(await blockingAxeViolations(page)), ...(await clippedContent(page))];
      if (found.length > 0) report[`${scheme} ${width}`] = found;
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(report).toEqual({});
    await page.getByRole('button', { name: 'Use the built-in demo server instead' }).click();
    await page.getByText('Using the built-in demo server').first().waitFor();
    expect(e2e.problems).toEqual([]);
  });
});
