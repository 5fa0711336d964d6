// Package verdicts a technician sees in browser mode: a delivery whose one file is tampered (stages
// nothing), one where one of three files arrives corrupted (stages two), and one that verifies.
// History names the failed ones "Failed" and never shows green for them or for 0 files; Verify
// again keeps a failed package failed and shows a verified one green; Copy to drive of a failed
// package asks first and labels it Failed.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BUILTIN_IDS } from '../../electron/demo-server/index.js';
import { PACKAGE_STATE_TEXT } from '../../electron/shared/package-verdict.js';
import { screenshot, useE2e } from '../support/e2e-harness.js';

const e2e = useE2e({ exportTarget: true });
const { tampered, fieldNav, b64Tools } = BUILTIN_IDS;
const escape = (id: string) => new RegExp(id.replace(/[.@]/g, (c) => `\\${c}`));

const card = (id: string) => e2e.page.getByRole('listitem', { name: id });
const historyRow = (id: string) => e2e.page.getByRole('row', { name: escape(id) }).first();
/** Green badges that claim something about zero files: the bug this file guards against. */
const greenForNothing = () => e2e.page.locator('.badge-success', { hasText: /\b0 files?\b/ });

describe.sequential('package verdicts in Deliveries and History', () => {
  test(
    'three deliveries: tampered fails, one partly failing fails, one verifies',
    { timeout: 180_000 },
    async () => {
      const { page } = e2e;
      // Every response for one of field-nav's three files has a flipped byte: the other two stage.
      e2e.demo.faults!.storage('offline-tiles', { corruptByteAt: 1000 });
      await page.getByRole('button', { name: 'Get a delivery' }).first().click();
      await page.getByLabel('Catalog ids').fill(`${tampered}, ${fieldNav}, ${b64Tools}`);
      await page.getByRole('button', { name: 'Start 3 deliveries' }).click();

      await card(b64Tools).getByText('Staged · all verified').waitFor({ timeout: 120_000 });
      for (const id of [tampered, fieldNav]) {
        await card(id).getByText('Failed', { exact: true }).waitFor({ timeout: 120_000 });
        expect(await card(id).locator('.badge-success').count(), id).toBe(0);
      }
      await card(fieldNav).getByText('2 verified').waitFor();
      expect(await greenForNothing().count()).toBe(0);
    },
  );

  test(
    'History shows the failed packages as Failed, never green; the verified one as Verified',
    { timeout: 120_000 },
    async () => {
      const { page } = e2e;
      await page.getByRole('button', { name: 'History' }).click();
      await historyRow(b64Tools).getByText('Verified', { exact: true }).waitFor();

      const partly = historyRow(fieldNav);
      await partly.locator('.badge-danger', { hasText: 'Failed' }).waitFor();
      await partly.getByText(PACKAGE_STATE_TEXT.failed.meaning).waitFor();
      expect(await partly.locator('.badge-success').count()).toBe(0);

      // The tampered delivery staged nothing: listed as Failed, or not listed at all.
      const tamperedRows = page.getByRole('row', { name: escape(tampered) });
      if ((await tamperedRows.count()) > 0) {
        const row = tamperedRows.first();
        await row.locator('.badge-danger', { hasText: 'Failed' }).waitFor();
        expect(await row.locator('.badge-success').count()).toBe(0);
      }
      // The only green badge on the page is the verified package's.
      expect(await page.locator('.badge-success').allTextContents()).toEqual(['Verified']);
      expect(await greenForNothing().count()).toBe(0);
      await screenshot(page, 'history-states', { docs: false });
    },
  );

  test(
    'Verify again keeps the partly failed package Failed, though its two files are intact',
    { timeout: 120_000 },
    async () => {
      const { page } = e2e;
      await historyRow(fieldNav)
        .getByRole('button', { name: `Verify again ${fieldNav}` })
        .click();
      const result = page.locator('.recheck', { hasText: '2 files re-checked and intact' });
      await result.waitFor();
      await result.locator('.badge-danger', { hasText: 'Failed' }).waitFor();
      expect(await result.locator('.badge-success').count()).toBe(0);
      expect(await result.textContent()).not.toMatch(/All \d+ files? intact/);
    },
  );

  test('Verify again of the verified package is green and says Verified', { timeout: 120_000 }, async () => {
    const { page } = e2e;
    await historyRow(b64Tools)
      .getByRole('button', { name: `Verify again ${b64Tools}` })
      .click();
    const result = page.locator('.recheck', { hasText: /All 1 file intact/ });
    await result.waitFor();
    await result.locator('.badge-success', { hasText: 'Verified' }).waitFor();
    expect(e2e.problems).toEqual([]);
  });

  test(
    'Copy to drive of the failed package asks first, then labels it Failed',
    { timeout: 120_000 },
    async () => {
      const { page } = e2e;
      await historyRow(fieldNav)
        .getByRole('button', { name: `Copy to drive ${fieldNav}` })
        .click();
      const question = page.getByRole('alert').filter({ hasText: 'Copy it anyway?' });
      await question.getByText(/This package is Failed/).waitFor();
      await screenshot(page, 'export-confirm', { docs: false });
      await page.getByRole('button', { name: `Copy anyway ${fieldNav}` }).click();
      const panel = page.getByRole('region', { name: /Copied to drive/ });
      const verdict = panel.locator('.badge', { hasText: 'Failed package copied · all 2 files match' });
      await verdict.waitFor();
      expect(await verdict.getAttribute('class')).toContain('badge-danger');
      await panel.getByText(/labelled “Failed” on the drive/).waitFor();
      expect(await panel.getByText(/Copied and read back/).count()).toBe(0);
      await screenshot(page, 'export-failed-package', { docs: false });
      const copied = join(e2e.exportRoot!, fieldNav, 'manifest.json');
      await expect(access(copied)).resolves.toBeUndefined();
      expect(e2e.problems).toEqual([]);
    },
  );
});
