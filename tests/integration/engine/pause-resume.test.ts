// Pause, resume, cancel and restart: nothing downloaded is thrown away (T2, C1 within a process,
// goal 4), and a new engine on the same folder continues from the journal.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { BUILTIN_IDS } from '../../../electron/demo-server/index.js';
import { createEngine } from '../../../electron/engine/index.js';
import type { EngineEvent, JobSnapshot } from '../../../electron/shared/snapshots.js';
import { engineHarness, untilWritten, type EngineHarness } from '../../support/engine-harness.js';

/** Resolves once `done` holds (real I/O; no timing assumed). */
async function until(done: () => boolean | undefined): Promise<void> {
  for (let i = 0; i < 5000 && !done(); i += 1) await new Promise((resolve) => setTimeout(resolve, 2));
  if (!done()) throw new Error('the condition never held');
}

const TILES = 'field-nav-offline-tiles-2.3.1.zip';
const TILES_SIZE = 4_194_311;
const STALL_AT = 1_500_000;

let harness: EngineHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('pause, resume and restart', () => {
  test('T2: a paused download keeps its bytes and resumes with Range where it stopped', async () => {
    harness = await engineHarness({ config: { concurrency: 1 } });
    harness.server.faults!.storage(TILES, { stallAfterBytes: STALL_AT, times: 1 });
    const started = harness.engine.start(BUILTIN_IDS.fieldNav);
    const jobId = started.ok ? started.value.jobId : '';
    await untilWritten(harness, TILES, STALL_AT);
    harness.engine.pause(jobId);
    const paused = await harness.engine.settled(jobId);
    expect(paused.ok && paused.value.phase).toBe('paused');
    const folder = paused.ok ? paused.value.folder! : '';
    const journal = JSON.parse(await readFile(join(folder, '.courier', 'journal.json'), 'utf8'));
    const offset = journal.items.find((i: { itemKey: string }) => i.itemKey.endsWith(TILES)).offset as number;
    expect(offset).toBe(STALL_AT);
    expect((await stat(join(folder, '.courier', 'parts', `${TILES}.part`))).size).toBe(STALL_AT);

    harness.engine.resume(jobId);
    const done = await harness.engine.settled(jobId);
    expect(done.ok && done.value.phase).toBe('staged');
    expect(done.ok && done.value.verified).toBe(true);
    const ranges = harness.server
      .requestLog!.entries.filter((e) => e.url.includes(TILES))
      .map((e) => e.headers.range);
    expect(ranges).toEqual([undefined, `bytes=${STALL_AT}-`]);
    // Goal 4: nothing fetched twice beyond what was never made durable.
    expect(harness.server.requestLog!.bytesSent(TILES)).toBe(TILES_SIZE);
  });

  test('a new engine on the same staging folder resumes from the journal (restart)', async () => {
    harness = await engineHarness({ config: { concurrency: 1 } });
    harness.server.faults!.storage(TILES, { stallAfterBytes: STALL_AT, times: 1 });
    const started = harness.engine.start(BUILTIN_IDS.fieldNav);
    await untilWritten(harness, TILES, STALL_AT);
    await harness.engine.close(); // quitting checkpoints and pauses every job

    const second = createEngine({ ...harness.engine.config });
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    const job = second.value.start(BUILTIN_IDS.fieldNav);
    const done = await second.value.settled(job.ok ? job.value.jobId : '');
    await second.value.close();
    expect(done.ok && [done.value.phase, done.value.verified]).toEqual(['staged', true]);
    expect(started.ok).toBe(true);
    const tiles = harness.server.requestLog!.entries.filter((e) => e.url.includes(TILES));
    expect(tiles.at(-1)!.headers.range).toBe(`bytes=${STALL_AT}-`);
    expect(harness.server.requestLog!.bytesSent(TILES)).toBe(TILES_SIZE);
  });

  test('the next start resumes what a quit left unfinished, but not what was cancelled', async () => {
    harness = await engineHarness({ config: { concurrency: 1 } });
    harness.server.faults!.storage(TILES, { stallAfterBytes: STALL_AT, times: 1 });
    harness.engine.start(BUILTIN_IDS.fieldNav);
    const cancelled = harness.engine.start(BUILTIN_IDS.b64Tools);
    if (cancelled.ok) harness.engine.cancel(cancelled.value.jobId);
    await untilWritten(harness, TILES, STALL_AT);
    await harness.engine.close(); // quitting: every job checkpoints and pauses

    const next = createEngine({ ...harness.engine.config });
    if (!next.ok) throw new Error(next.error.message);
    const resumed = await next.value.resumeUnfinished();
    expect(resumed.map((job) => job.catalogId)).toEqual([BUILTIN_IDS.fieldNav]);
    const done = await next.value.settled(resumed[0]!.jobId);
    await next.value.close();
    expect(done.ok && [done.value.phase, done.value.verified]).toEqual(['staged', true]);
  });

  test('a resumed job shows what it kept in every snapshot, from its first, never 0 B (CLI and desktop alike)', async () => {
    harness = await engineHarness({ config: { concurrency: 1 } });
    harness.server.faults!.storage(TILES, { stallAfterBytes: STALL_AT, times: 1 });
    const started = harness.engine.start(BUILTIN_IDS.fieldNav);
    const jobId = started.ok ? started.value.jobId : '';
    await untilWritten(harness, TILES, STALL_AT);
    harness.engine.pause(jobId);
    const paused = await harness.engine.settled(jobId);
    const kept = paused.ok ? paused.value.bytesDone : 0;
    expect(kept).toBeGreaterThanOrEqual(STALL_AT);

    /** Snapshots of the job, from the moment `from` events were seen. */
    const snapshotsSince = (events: readonly EngineEvent[], from: number) =>
      events.slice(from).flatMap((event) => (event.type === 'job' ? [event.job] : []));
    const expectNeverBelowKept = (snapshots: readonly JobSnapshot[]) => {
      // A size on screen comes with what is kept: "0 B of 9.5 MiB" after a resume is the bug.
      const sized = snapshots.filter((job) => job.bytesTotal !== null);
      expect(sized.length).toBeGreaterThan(0);
      for (const job of sized) expect(job.bytesDone).toBeGreaterThanOrEqual(kept);
    };

    // In this process, as the desktop's Resume does.
    const from = harness.events.length;
    harness.engine.resume(jobId);
    await harness.engine.settled(jobId);
    expectNeverBelowKept(snapshotsSince(harness.events, from));

    // In a new process, from the journal, as `courier fetch` run again does.
    harness.server.faults!.storage(TILES, { stallAfterBytes: STALL_AT, times: 1 });
    const root = await mkdtemp(join(tmpdir(), 'courier-engine-'));
    const first = createEngine({ ...harness.engine.config, stagingRoot: root });
    if (!first.ok) throw new Error(first.error.message);
    first.value.start(BUILTIN_IDS.fieldNav);
    await until(() =>
      first.value.jobs()[0]?.items.some((i) => i.fileName === TILES && i.bytesDone >= STALL_AT),
    );
    await first.value.close();
    const second = createEngine({ ...harness.engine.config, stagingRoot: root });
    if (!second.ok) throw new Error(second.error.message);
    const events: EngineEvent[] = [];
    second.value.subscribe((event) => events.push(event));
    const job = second.value.start(BUILTIN_IDS.fieldNav);
    await second.value.settled(job.ok ? job.value.jobId : '');
    await second.value.close();
    await rm(root, { recursive: true, force: true });
    const snapshots = snapshotsSince(events, 0);
    expect(snapshots.find((s) => s.bytesTotal !== null)?.phase).toBe('preparing');
    expectNeverBelowKept(snapshots);
  });

  test('cancel ends the job as cancelled and tells the server', async () => {
    harness = await engineHarness({ config: { concurrency: 1 } });
    harness.server.faults!.storage(TILES, { stallAfterBytes: STALL_AT, times: 1 });
    const started = harness.engine.start(BUILTIN_IDS.fieldNav);
    const jobId = started.ok ? started.value.jobId : '';
    await untilWritten(harness, TILES, STALL_AT);
    harness.engine.cancel(jobId);
    const ended = await harness.engine.settled(jobId);
    expect(ended.ok && ended.value.phase).toBe('cancelled');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const row = harness.server.reports
      .list({ catalogId: BUILTIN_IDS.fieldNav })
      .find((r) => r.itemKey.endsWith(TILES));
    expect(row?.deliveryStatus).toBe('Cancelled');
  });
});
