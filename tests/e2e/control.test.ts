// Control and continuity: pause and resume a slow delivery from the UI, and reload the page in the
// middle of downloads: the list comes back from the service's snapshots as it was.
import type { Locator } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { BUILTIN_IDS } from '../../electron/demo-server/index.js';
import { UI_TIMEOUT, useE2e } from '../support/e2e-harness.js';

const e2e = useE2e();

const card = (catalogId: string) => e2e.page.getByRole('listitem', { name: catalogId });
const percentOf = (bar: Locator) => async () => Number((await bar.getAttribute('aria-valuenow')) ?? 'NaN');

async function start(catalogId: string) {
  const { page } = e2e;
  await page.getByRole('button', { name: 'Get a delivery' }).first().click();
  await page.getByLabel('Catalog ids').fill(catalogId);
  await page.getByRole('button', { name: 'Start delivery' }).click();
  await card(catalogId).waitFor();
}

describe.sequential('pause, resume and reload', () => {
  test(
    'a paused delivery stays paused across a reload and finishes after resume',
    { timeout: 180_000 },
    async () => {
      const { page } = e2e;
      // A slow link: the three files trickle in, so there is time to pause half way.
      e2e.demo.faults!.storage('field-nav', { dripBytesPerSecond: 150_000 });
      await start(BUILTIN_IDS.fieldNav);
      const job = card(BUILTIN_IDS.fieldNav);
      const bar = job.getByRole('progressbar');
      await expect.poll(percentOf(bar), { timeout: UI_TIMEOUT, interval: 100 }).toBeGreaterThan(0);

      await job.getByRole('button', { name: `Pause ${BUILTIN_IDS.fieldNav}` }).click();
      await job.getByText('Paused', { exact: true }).waitFor();
      await job.getByRole('button', { name: `Resume ${BUILTIN_IDS.fieldNav}` }).waitFor();

      await page.reload();
      const again = card(BUILTIN_IDS.fieldNav);
      await again.getByText('Paused', { exact: true }).waitFor();
      // What the page shows after the reload is what the service holds, part way through.
      const listed = await e2e.service.invoke('listJobs', undefined);
      const held = listed.ok ? listed.value.find((j) => j.catalogId === BUILTIN_IDS.fieldNav) : undefined;
      expect(held?.phase).toBe('paused');
      const heldPercent = Math.floor((held!.bytesDone / held!.bytesTotal!) * 100);
      expect(heldPercent).toBeGreaterThan(0);
      expect(heldPercent).toBeLessThan(100);
      expect(await percentOf(again.getByRole('progressbar'))()).toBe(heldPercent);

      e2e.demo.faults!.clear();
      await again.getByRole('button', { name: `Resume ${BUILTIN_IDS.fieldNav}` }).click();
      await again.getByText('Staged · all verified').waitFor({ timeout: 120_000 });
      expect(await again.getByText('3 verified').count()).toBe(1);
    },
  );

  test(
    'reloading mid-download restores the running delivery and its progress',
    { timeout: 180_000 },
    async () => {
      const { page } = e2e;
      e2e.demo.faults!.storage('b64-tools', { dripBytesPerSecond: 80_000, times: 1 });
      await start(BUILTIN_IDS.b64Tools);
      const bar = card(BUILTIN_IDS.b64Tools).getByRole('progressbar');
      await expect.poll(percentOf(bar), { timeout: UI_TIMEOUT, interval: 100 }).toBeGreaterThan(0);
      const before = await percentOf(bar)();

      await page.reload();
      const restored = card(BUILTIN_IDS.b64Tools);
      await restored.waitFor();
      // Both deliveries are back, newest first, the running one still counting up from where it was.
      expect(await page.getByRole('list', { name: 'Deliveries' }).getByRole('listitem').count()).toBe(2);
      expect(await percentOf(restored.getByRole('progressbar'))()).toBeGreaterThanOrEqual(before);
      await card(BUILTIN_IDS.fieldNav).getByText('Staged · all verified').waitFor();
      await restored.getByText('Staged · all verified').waitFor({ timeout: 120_000 });
      expect(e2e.problems).toEqual([]);
    },
  );
});
