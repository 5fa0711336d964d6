// Cache mode: the server prepares the delivery in the background first; the UI shows that
// preparation with the server's own percentage before any byte is downloaded.
import { expect, test } from 'vitest';
import { BUILTIN_IDS } from '../../electron/demo-server/index.js';
import { screenshot, UI_TIMEOUT, useE2e } from '../support/e2e-harness.js';

const e2e = useE2e({ demo: { mode: 'cache', cache: { prepareSeconds: 6 } } });

test(
  'the server-side preparation progress shows, then the delivery downloads and verifies',
  {
    timeout: 180_000,
  },
  async () => {
    const { page } = e2e;
    await page.getByRole('button', { name: 'Get a delivery' }).first().click();
    await page.getByLabel('Catalog ids').fill(BUILTIN_IDS.b64Tools);
    await page.getByRole('button', { name: 'Start delivery' }).click();

    const card = page.getByRole('listitem', { name: BUILTIN_IDS.b64Tools });
    const bar = card.getByRole('progressbar');
    await card.getByText(/^Preparing on the server \d+%$/).waitFor();
    const percent = async () => Number((await bar.getAttribute('aria-valuenow')) ?? 'NaN');
    await expect.poll(percent, { timeout: UI_TIMEOUT, interval: 100 }).toBeGreaterThan(0);
    expect(await bar.getAttribute('aria-valuetext')).toMatch(/Server preparing: \d+%/);
    await screenshot(page, 'jobs-preparing');

    await card.getByText('Staged · all verified').waitFor({ timeout: 120_000 });
    expect(e2e.problems).toEqual([]);
  },
);
