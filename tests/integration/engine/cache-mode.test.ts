// The engine against the demo server in cache mode: start → inProgress (rising progress) → done, a
// cache-side error cured by one re-prepare, and the server's own hash failure. Server and engine
// share one fake clock; the test moves it.
import { afterEach, describe, expect, test } from 'vitest';
import { BUILTIN_IDS } from '../../../electron/demo-server/index.js';
import { ManualClock } from '../../../electron/engine/clock.js';
import type { JobSnapshot } from '../../../electron/shared/snapshots.js';
import { engineHarness, type EngineHarness } from '../../support/engine-harness.js';

let harness: EngineHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Moves the shared clock in half-second steps, letting real I/O run between steps, until the job ends. */
async function drive(h: EngineHarness, clock: ManualClock, catalogId: string): Promise<JobSnapshot> {
  const started = h.engine.start(catalogId);
  if (!started.ok) throw new Error(started.error.message);
  let result: JobSnapshot | undefined;
  void h.engine.settled(started.value.jobId).then((r) => (result = r.ok ? r.value : undefined));
  for (let step = 0; step < 2000 && !result; step += 1) {
    await clock.advance(500);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  if (!result) throw new Error('the job did not end');
  return result;
}

async function cacheHarness(failures?: Record<string, { code: string; times: number }>) {
  const clock = new ManualClock(Date.now());
  const h = await engineHarness({
    server: {
      mode: 'cache',
      now: () => clock.now(),
      cache: { prepareSeconds: 8, ...(failures ? { failures } : {}) },
    },
    config: { polling: { intervalMs: 2000, maxIntervalMs: 30_000 } },
    deps: { clock },
  });
  return { h, clock };
}

describe('cache mode', () => {
  test('P1: the server-side preparation progress is shown rising, then the package stages', async () => {
    const { h, clock } = await cacheHarness();
    harness = h;
    const job = await drive(h, clock, BUILTIN_IDS.fieldNav);
    expect([job.phase, job.verified]).toEqual(['staged', true]);
    const seen = h.events.flatMap((e) =>
      e.type === 'job' && e.job.serverProgress !== null ? [e.job.serverProgress] : [],
    );
    expect(seen.length).toBeGreaterThan(2);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(100);
    expect(h.events.some((e) => e.type === 'job' && e.job.serverStatus === 'inProgress')).toBe(true);
  });

  test('a cache-side DELIVERY.download error is cured by one re-prepare', async () => {
    const { h, clock } = await cacheHarness({
      [BUILTIN_IDS.b64Tools]: { code: 'DELIVERY.download', times: 1 },
    });
    harness = h;
    const job = await drive(h, clock, BUILTIN_IDS.b64Tools);
    expect([job.phase, job.verified]).toEqual(['staged', true]);
    expect(h.server.requestLog!.count('prepareDelivery', 'api')).toBe(2);
  });

  test("the server's own checksum failure ends as DELIVERY.notVerified after one re-prepare", async () => {
    const { h, clock } = await cacheHarness();
    harness = h;
    const job = await drive(h, clock, BUILTIN_IDS.tampered);
    expect(job.phase).toBe('failed');
    expect(job.error?.code).toBe('DELIVERY.notVerified');
    expect(h.server.requestLog!.count('prepareDelivery', 'api')).toBe(2);
    expect(h.server.requestLog!.count('', 'storage')).toBe(0);
  });
});
