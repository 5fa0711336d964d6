// Browser mode without dead ends, in Chromium against the real host, service and demo server: the
// signing key pasted as PEM text in Settings (no file picker to choose it with), Open folder showing
// the path with a copy button, Open report opening the report in a new tab (sandboxed, nothing but
// that report), and Verify a package listing the packages on the export target to choose one.
import { describe, expect, test } from 'vitest';
import { BUILTIN_IDS } from '../../electron/demo-server/index.js';
import { screenshot, useE2e } from '../support/e2e-harness.js';

const e2e = useE2e({ exportTarget: true });
const ID = BUILTIN_IDS.b64Tools;
const nav = (place: string) =>
  e2e.page
    .getByRole('navigation', { name: 'Courier' })
    .getByRole('button', { name: new RegExp(`^${place}`) });

describe.sequential('browser mode without dead ends', () => {
  test('the signing key is pasted as PEM text in Settings', { timeout: 120_000 }, async () => {
    const { page } = e2e;
    await nav('Settings').click();
    const key = page.getByRole('group', { name: 'Signing public key (cosign.pub)' });
    await key.getByText('--public-key FILE').waitFor();
    expect(await key.getByRole('button', { name: /Choose/ }).count()).toBe(0);
    await key.getByRole('button', { name: /Paste PEM…/ }).click();
    await key.getByLabel('PEM text for Signing public key (cosign.pub)').fill(e2e.demo.publicKeyPem);
    await screenshot(page, 'browser-settings-paste', { docs: false });
    await key.getByRole('button', { name: /Use this text/ }).click();
    await key.getByText('Pasted text', { exact: true }).waitFor();
    await key.getByText(/SHA-256 fingerprint/).waitFor();
    expect(await key.getByRole('textbox').count()).toBe(0);
  });

  test('Open folder shows the path with a copy button', { timeout: 180_000 }, async () => {
    const { page } = e2e;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Get a delivery' }).first().click();
    await page.getByLabel('Catalog ids').fill(ID);
    await page.getByRole('button', { name: 'Start delivery' }).click();
    const card = page.getByRole('listitem').filter({ hasText: ID });
    await card.getByText('Staged · all verified').waitFor({ timeout: 120_000 });
    await card.getByRole('button', { name: /^Details/ }).click();
    await page.getByRole('heading', { level: 1 }).filter({ hasText: ID }).waitFor();

    await page.getByRole('button', { name: `Open folder ${ID}` }).click();
    await page.getByText('Browser mode cannot open folders on this computer').waitFor();
    expect(await page.getByText(/CLIENT\.fileSystem|cannot be written/).count()).toBe(0);
    await page.getByRole('button', { name: 'Copy path of the package folder' }).click();
    await page.getByText('Copied.', { exact: true }).waitFor();
    await screenshot(page, 'browser-open-folder', { docs: false });
    // Evaluated in the page (a string: these tests are typed for Node, not the DOM).
    const copied = String(await page.evaluate('navigator.clipboard.readText()'));
    expect(copied.startsWith(e2e.stagingRoot)).toBe(true);
    expect(copied.endsWith(ID)).toBe(true);
  });

  test('Open report opens the report in a new tab, sandboxed', { timeout: 120_000 }, async () => {
    const { page } = e2e;
    const tabProblems: string[] = [];
    const reportPolicies: string[] = [];
    page.context().on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/report/'))
        reportPolicies.push(response.headers()['content-security-policy'] ?? '');
    });
    const [tab] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('button', { name: `Open report ${ID}` }).click(),
    ]);
    tab.on('console', (message) => {
      if (message.type() === 'error') tabProblems.push(message.text());
    });
    await tab.getByRole('heading', { level: 1, name: `Courier package: ${ID}` }).waitFor();
    expect(new URL(tab.url()).pathname).toMatch(/^\/report\/[A-Za-z0-9_-]{43}$/);
    expect(reportPolicies).toHaveLength(1);
    expect(reportPolicies[0]).toMatch(/(^|; )sandbox($|;)/);
    await tab
      .getByText(/VERIFIED/)
      .first()
      .waitFor();
    expect(tabProblems).toEqual([]);
    await tab.close();
    await page.getByRole('link', { name: 'Open the report' }).waitFor();
    expect(e2e.problems).toEqual([]);
  });

  test(
    'Verify a package lists the packages on the drive and checks the one chosen',
    { timeout: 120_000 },
    async () => {
      const { page } = e2e;
      await page.getByRole('button', { name: `Copy to drive ${ID}` }).click();
      await page.getByText('Copied and read back · the file matches').waitFor();
      await nav('History').click();
      await page.getByRole('button', { name: 'Verify a package' }).click();
      const region = page.getByRole('region', { name: 'Verify a package' });
      const list = region.getByRole('list', { name: /1 package in / });
      await list.getByRole('listitem').filter({ hasText: ID }).waitFor();
      expect(await list.getByRole('listitem').count()).toBe(1);
      await screenshot(page, 'verify-package-choice', { docs: false });
      await list.getByRole('button', { name: `Verify ${ID}` }).click();
      await region.getByText(/All 1 file intact/).waitFor();
      await region.getByRole('table', { name: `Files of ${ID} in the chosen folder` }).waitFor();
      expect(e2e.problems).toEqual([]);
    },
  );
});
