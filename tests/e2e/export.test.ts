// Offline staging in browser mode: stage 1.field-nav@2.3.1 from the UI, copy it to a drive (the
// host's configured export target, browser mode having no folder picker), see every file read back,
// check the copy with `sha256sum -c`, and verify the package on the drive from History. Saves the
// README screenshots of the copy and of "Verify a package".
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { ExportPhase } from '../../electron/shared/ipc-contract.js';
import { screenshot, useE2e } from '../support/e2e-harness.js';
import { sha256sumCheck } from '../support/export-package.js';

const CATALOG_ID = '1.field-nav@2.3.1';
const FILES = [
  'field-nav-setup-2.3.1.msi',
  'field-nav-2.3.1-linux-x64.tar.gz',
  'field-nav-offline-tiles-2.3.1.zip',
];

const phases: ExportPhase[] = [];
const e2e = useE2e({ exportTarget: true }, (started) =>
  started.service.subscribe(({ event, payload }) => {
    if (event === 'exportProgress' && phases.at(-1) !== payload.phase) phases.push(payload.phase);
  }),
);

describe.sequential('copying a staged delivery to a drive from the UI', () => {
  test('1.field-nav@2.3.1 is staged through the UI', { timeout: 180_000 }, async () => {
    const { page } = e2e;
    await page.getByRole('button', { name: 'Get a delivery' }).first().click();
    await page.getByLabel('Catalog ids').fill(CATALOG_ID);
    await page.getByRole('button', { name: 'Start delivery' }).click();
    const card = page.getByRole('listitem', { name: CATALOG_ID });
    await card.getByText('Staged · all verified').waitFor({ timeout: 120_000 });
    await card.getByRole('button', { name: `Details of ${CATALOG_ID}` }).click();
    await page.getByRole('heading', { level: 1, name: CATALOG_ID }).waitFor();
  });

  test(
    'Copy to drive copies, reads every file back and shows the results per file',
    { timeout: 120_000 },
    async () => {
      const { page } = e2e;
      await page.getByRole('button', { name: `Copy to drive ${CATALOG_ID}` }).click();
      const panel = page.getByRole('region', { name: /Copied to drive/ });
      await panel.getByText('Copied and read back · all 3 files match').waitFor();
      expect(phases).toEqual(['preflight', 'copy', 'readBack', 'done']);

      const table = panel.getByRole('table', { name: `Read-back results of ${CATALOG_ID} on the drive` });
      for (const name of FILES) {
        const row = table.getByRole('row', { name: new RegExp(name.replace(/\./g, '\\.')) });
        await row.getByText('Copied now').waitFor();
        await row.getByText('Matches manifest').waitFor();
      }
      const target = join(e2e.exportRoot!, CATALOG_ID);
      await panel.getByText(target, { exact: true }).waitFor();
      await panel
        .getByRole('note')
        .getByText(/memory cache/)
        .waitFor();
      await panel
        .getByText(/Verify a package/)
        .first()
        .waitFor();

      // What the technician would run on the target machine.
      const sums = sha256sumCheck(target);
      expect(sums.output).toContain('field-nav-setup-2.3.1.msi: OK');
      expect(sums.status).toBe(0);

      // Framed from the delivery's heading down, so the whole copy panel is in the picture.
      await page.locator('header.page-head').evaluate((head) => {
        const main = head.closest('main');
        if (main) main.scrollTop += head.getBoundingClientRect().top - 8;
      });
      await screenshot(page, 'export');
    },
  );

  test(
    'History copies the package again (reusing what is on the drive) and verifies the drive',
    { timeout: 120_000 },
    async () => {
      const { page } = e2e;
      await page.getByRole('button', { name: 'History' }).click();
      const row = page.getByRole('row', { name: new RegExp(CATALOG_ID.replace(/\./g, '\\.')) }).first();
      await row.getByRole('button', { name: `Copy to drive ${CATALOG_ID}` }).click();
      const panel = page.getByRole('region', { name: /Copied to drive/ });
      await panel.getByText('Copied and read back · all 3 files match').waitFor();
      expect(await panel.getByText('Already there', { exact: true }).count()).toBe(3);
      expect(await panel.getByRole('note').count()).toBe(0);
      await screenshot(page, 'export-history', { docs: false });
      await panel.getByRole('button', { name: /Close the copy results/ }).click();

      await page.getByRole('button', { name: 'Verify a package' }).click();
      const check = page.getByRole('region', { name: 'Verify a package' });
      // Browser mode has no folder picker: it lists the packages on the export target to choose from.
      await check.getByRole('button', { name: `Verify ${CATALOG_ID}` }).click();
      await check.getByText(/All 3 files intact \(checksums and signatures re-checked\)/).waitFor();
      const table = check.getByRole('table', { name: `Files of ${CATALOG_ID} in the chosen folder` });
      expect(await table.getByText('Verified', { exact: true }).count()).toBe(3);
      await check.getByText(join(e2e.exportRoot!, CATALOG_ID), { exact: true }).waitFor();
      await screenshot(page, 'verify-package');
      expect(e2e.problems).toEqual([]);
    },
  );
});
