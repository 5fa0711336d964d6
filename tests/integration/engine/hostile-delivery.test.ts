// Whole-job checks of the hazards that only show across a run: nothing is ever executed (M9),
// an item the server changed between runs is never spliced onto old bytes (M10), and a staging
// drive pulled mid-download ends the job with "destination disappeared", writing nothing elsewhere (F3).
import type * as ChildProcess from 'node:child_process';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { BUILTIN_IDS } from '../../../electron/demo-server/index.js';
import { engineHarness, untilWritten, type EngineHarness } from '../../support/engine-harness.js';
import { skipReason, useMounts } from '../../support/export-mounts.js';

const spawned = vi.hoisted(() => [] as string[]);
vi.mock('node:child_process', async (original) => {
  const real = await original<typeof ChildProcess>();
  const record =
    <F extends (...args: never[]) => unknown>(name: string, fn: F) =>
    (...args: Parameters<F>) => {
      spawned.push(`${name} ${String(args[0])}`);
      return fn(...args);
    };
  return {
    ...real,
    spawn: record('spawn', real.spawn),
    exec: record('exec', real.exec),
    execFile: record('execFile', real.execFile),
    fork: record('fork', real.fork),
    spawnSync: record('spawnSync', real.spawnSync),
    execSync: record('execSync', real.execSync),
    execFileSync: record('execFileSync', real.execFileSync),
  };
});

const TILES = 'field-nav-offline-tiles-2.3.1.zip';
let harness: EngineHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('a whole delivery, hostile or unlucky', () => {
  test('M9/X1: staging an executable with arguments runs nothing; the arguments stay data', async () => {
    harness = await engineHarness();
    spawned.length = 0;
    const job = await harness.fetch(BUILTIN_IDS.fieldNav);
    expect(job.verified).toBe(true);
    expect(job.items.find((i) => i.isExecutable)?.arguments).toBe('/quiet /norestart');
    expect(spawned).toEqual([]);
  });

  test('M10: an item whose signature changed between runs restarts from zero instead of resuming', async () => {
    harness = await engineHarness({ config: { concurrency: 1 } });
    harness.server.faults!.storage(TILES, { stallAfterBytes: 1_500_000, times: 1 });
    const started = harness.engine.start(BUILTIN_IDS.fieldNav);
    const jobId = started.ok ? started.value.jobId : '';
    await untilWritten(harness, TILES, 1_500_000);
    harness.engine.pause(jobId);
    await harness.engine.settled(jobId);

    // The server now describes the same item with another signature: another file as far as we know.
    const swap = (body: unknown) => {
      const delivery = body as { artifacts?: { itemKey: string; signature?: string | null }[] };
      const first = delivery.artifacts?.[0];
      for (const artifact of delivery.artifacts ?? []) {
        if (artifact.itemKey.endsWith(TILES)) artifact.signature = first?.signature ?? null;
      }
      return body;
    };
    harness.server.faults!.api('delivery/', { transform: swap });
    harness.engine.resume(jobId);
    const done = await harness.engine.settled(jobId);
    const tiles = harness.server.requestLog!.entries.filter((e) => e.url.includes(TILES));
    // From zero, then (a bad signature is fetched once more, I1) from zero again.
    expect(tiles.map((e) => e.headers.range)).toEqual([undefined, undefined, undefined]);
    const item = done.ok ? done.value.items.find((i) => i.fileName === TILES) : undefined;
    expect(item?.error?.code).toBe('CLIENT.signatureInvalid');
  });

  const reason = skipReason('tmpfs');
  const mounts = useMounts();
  test.skipIf(reason !== undefined)(
    `F3: the staging drive pulled mid-download ends as CLIENT.targetRemoved${reason ? ` (${reason})` : ''}`,
    async () => {
      const parent = join(tmpdir(), `courier-f3-${process.pid}-${Date.now()}`);
      const root = join(parent, 'usb');
      await mkdir(parent);
      try {
        await mounts.tmpfs(root, '256m'); // room for the job plus the 64 MiB free-space margin (F1)
        harness = await engineHarness({ config: { stagingRoot: root, concurrency: 1 } });
        harness.server.faults!.storage(TILES, { stallAfterBytes: 1_500_000, times: 1 });
        const started = harness.engine.start(BUILTIN_IDS.fieldNav);
        const jobId = started.ok ? started.value.jobId : '';
        await untilWritten(harness, TILES, 1_500_000);
        harness.engine.pause(jobId);
        await harness.engine.settled(jobId);
        mounts.lazyUnmount(root);
        harness.engine.resume(jobId);
        const ended = await harness.engine.settled(jobId);
        expect(ended.ok && ended.value.phase).toBe('failed');
        expect(ended.ok && ended.value.error?.code).toBe('CLIENT.targetRemoved');
        // Nothing landed on the laptop's own disk where the drive used to be.
        expect(await readdir(parent)).toEqual(['usb']);
        expect(await readdir(root)).toEqual([]);
      } finally {
        await harness?.close();
        harness = undefined;
        await rm(parent, { recursive: true, force: true }).catch(() => undefined);
      }
    },
  );
});
