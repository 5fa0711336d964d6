// Failures a technician must understand at a glance: a tampered file (CLIENT.hashMismatch with the
// published and the actual SHA-256 side by side) and an unknown catalog id (DELIVERY.notFound),
// each with its code, meaning and remedy.
import { describe, expect, test } from 'vitest';
import { BUILTIN_IDS } from '../../electron/demo-server/index.js';
import { ERROR_TEXT } from '../../electron/shared/error-meanings.js';
import { screenshot, useE2e } from '../support/e2e-harness.js';

const e2e = useE2e();

describe.sequential('errors explained', () => {
  test(
    'two ids pasted at once both start; the unknown one fails with DELIVERY.notFound explained',
    {
      timeout: 120_000,
    },
    async () => {
      const { page } = e2e;
      await page.getByRole('button', { name: 'Get a delivery' }).first().click();
      await page.getByLabel('Catalog ids').fill(`${BUILTIN_IDS.tampered}, 99.nope@1.0.0`);
      await page.getByRole('button', { name: 'Start 2 deliveries' }).click();

      const nope = page.getByRole('listitem', { name: '99.nope@1.0.0' });
      await nope.getByText('Failed', { exact: true }).waitFor();
      await nope.locator('code.error-code', { hasText: 'DELIVERY.notFound' }).waitFor();
      await nope.getByText(ERROR_TEXT['DELIVERY.notFound'].title).waitFor();
      await nope.getByText(ERROR_TEXT['DELIVERY.notFound'].remedy).waitFor();
      await nope.getByRole('button', { name: 'Retry 99.nope@1.0.0' }).waitFor();
      await page
        .getByRole('listitem', { name: BUILTIN_IDS.tampered })
        .getByText('Failed', { exact: true })
        .waitFor();
      await screenshot(page, 'error-not-found');
    },
  );

  test(
    '7.tampered@1.0.0 shows CLIENT.hashMismatch with the expected and the actual SHA-256',
    {
      timeout: 120_000,
    },
    async () => {
      const { page } = e2e;
      const card = page.getByRole('listitem', { name: BUILTIN_IDS.tampered });
      await card.getByRole('button', { name: `Details of ${BUILTIN_IDS.tampered}` }).click();
      await page.getByRole('heading', { level: 1, name: BUILTIN_IDS.tampered }).waitFor();

      const row = page
        .locator('table.items > tbody')
        .filter({ has: page.getByRole('rowheader', { name: /tampered-1\.0\.0\.bin/ }) });
      await row.getByText('Hash mismatch').waitFor();
      await row.getByText('CLIENT.hashMismatch').waitFor();
      await row.getByText(ERROR_TEXT['CLIENT.hashMismatch'].title).waitFor();
      await row.getByText(ERROR_TEXT['CLIENT.hashMismatch'].remedy).waitFor();
      await row.getByText('Does not match the published value').waitFor();

      const artifact = e2e.demo.catalog.deliveries.get(BUILTIN_IDS.tampered)!.artifacts[0]!;
      const published = artifact.file!.sha256.toString('hex');
      const hashes = await row.locator('code.hash').allTextContents();
      expect(hashes[0]).toBe(published);
      expect(hashes[1]).toMatch(/^[0-9a-f]{64}$/);
      expect(hashes[1]).not.toBe(published);
      await screenshot(page, 'error-hash-mismatch');
      expect(e2e.problems).toEqual([]);
    },
  );

  test(
    'a real server with nothing set up yet: the connection test says what is missing',
    {
      timeout: 120_000,
    },
    async () => {
      const { page } = e2e;
      await page.getByRole('button', { name: 'Connection' }).click();
      await page.getByRole('button', { name: 'Use a real server' }).click();
      await page.getByLabel('Server address').fill('https://getapp.example.invalid/api');
      await page.getByLabel('User name', { exact: true }).fill('technician');
      await page.getByRole('button', { name: 'Test connection' }).click();
      const result = page.getByRole('status', { name: 'Connection test result' });
      await result.getByText('Not signed in').waitFor();
      await result.locator('code.error-code', { hasText: 'CLIENT.auth' }).waitFor();
      await result.getByText(ERROR_TEXT['CLIENT.auth'].remedy).waitFor();
      // The password field never shows a stored secret, and nothing was saved for it.
      expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
      await screenshot(page, 'connect-server');
      await page.getByRole('button', { name: 'Use the built-in demo server instead' }).click();
      await page.getByText('Using the built-in demo server').first().waitFor();
    },
  );
});
