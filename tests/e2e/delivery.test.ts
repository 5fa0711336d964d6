// A technician's main path in browser mode: test the connection to the built-in demo server, start
// 1.field-nav@2.3.1 from the UI, watch it download, see every artifact verified, verify it again,
// and find it in History. Also saves the README screenshots of those views.
import { describe, expect, test } from 'vitest';
import { screenshot, UI_TIMEOUT, useE2e } from '../support/e2e-harness.js';

const e2e = useE2e();

describe.sequential('a delivery from the UI', () => {
  test('the connection to the built-in demo server tests good', { timeout: 120_000 }, async () => {
    const { page } = e2e;
    await page.getByRole('button', { name: 'Connection' }).click();
    await page.getByText('Using the built-in demo server').first().waitFor();
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('Signed in', { exact: true }).waitFor();
    expect(await page.getByText('Server reachable').count()).toBe(1);
    await screenshot(page, 'connect');
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Parallel downloads').waitFor();
    await screenshot(page, 'settings');
  });

  test(
    '1.field-nav@2.3.1 downloads with moving progress and ends with every artifact verified',
    {
      timeout: 180_000,
    },
    async () => {
      const { page } = e2e;
      // Slow the demo server's bytes so the progress of a few megabytes on loopback is visible at all.
      e2e.demo.faults!.storage('field-nav', { dripBytesPerSecond: 700_000 });
      await page.getByRole('button', { name: 'Get a delivery' }).first().click();
      await page
        .getByRole('rowheader', { name: /Field Navigator/ })
        .first()
        .waitFor();
      await screenshot(page, 'get-delivery');
      await page.getByLabel('Catalog ids').fill('1.field-nav@2.3.1');
      await page.getByRole('button', { name: 'Start delivery' }).click();

      const card = page.getByRole('listitem', { name: '1.field-nav@2.3.1' });
      const bar = card.getByRole('progressbar', { name: 'Progress of 1.field-nav@2.3.1' });
      await card.getByText('Downloading').waitFor();
      const percent = async () => Number((await bar.getAttribute('aria-valuenow')) ?? 'NaN');
      await expect.poll(percent, { timeout: UI_TIMEOUT, interval: 100 }).toBeGreaterThan(0);
      expect(await percent()).toBeLessThan(100);
      await expect.poll(percent, { timeout: UI_TIMEOUT, interval: 100 }).toBeGreaterThanOrEqual(30);
      await screenshot(page, 'jobs-downloading');

      await card.getByText('Staged · all verified').waitFor({ timeout: 120_000 });
      expect(await percent()).toBe(100);
      expect(await card.getByText('3 verified').count()).toBe(1);

      await card.getByRole('button', { name: 'Details of 1.field-nav@2.3.1' }).click();
      await page.getByRole('heading', { level: 1, name: '1.field-nav@2.3.1' }).waitFor();
      const rows = page.locator('table.items > tbody');
      expect(await rows.count()).toBe(3);
      for (const name of [
        'field-nav-setup-2.3.1.msi',
        'field-nav-2.3.1-linux-x64.tar.gz',
        'field-nav-offline-tiles-2.3.1.zip',
      ]) {
        const row = rows.filter({
          has: page.getByRole('rowheader', { name: new RegExp(name.replace(/\./g, '\\.')) }),
        });
        await row.getByText('Verified', { exact: true }).waitFor();
        await row.getByText('Signature valid').first().waitFor();
      }
      // The installer's command line is shown as data.
      await page.getByText('/quiet /norestart').first().waitFor();
    },
  );

  test('verify again re-checks the staged files in the same table', { timeout: 120_000 }, async () => {
    const { page } = e2e;
    await page.getByRole('button', { name: 'Verify again 1.field-nav@2.3.1' }).click();
    await page.getByText(/All 3 files intact/).waitFor();
    await page.getByRole('columnheader', { name: 'Result · re-check' }).waitFor();
    expect(await page.getByText('Still intact').count()).toBe(3);
    await screenshot(page, 'job-detail');
    // The smallest and a large screen the tool must read well on (looked at, not committed).
    for (const [width, height] of [
      [1024, 700],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await screenshot(page, `job-detail-${width}`, { docs: false });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  test('History lists the package as Verified and verifies it again', { timeout: 120_000 }, async () => {
    const { page } = e2e;
    await page.getByRole('button', { name: 'History' }).click();
    const row = page.getByRole('row', { name: /1\.field-nav@2\.3\.1/ });
    await row.getByText('Verified', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Verify again 1.field-nav@2.3.1' }).click();
    await page.getByText(/All 3 files intact/).waitFor();
    await screenshot(page, 'history');
    expect(e2e.problems).toEqual([]);
  });
});
