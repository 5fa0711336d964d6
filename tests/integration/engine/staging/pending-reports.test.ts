// The sweep of waiting status reports (outbox): retried with backoff on the engine's clock while the
// server is unreachable, in order once it answers, and never while another process holds the job.
import { describe, expect, test } from 'vitest';
import { ManualClock } from '../../../../electron/engine/clock.js';
import {
  createPendingReports,
  type PendingReportsDeps,
  type SweepOutcome,
} from '../../../../electron/engine/report/pending-reports.js';
import { nodeFs } from '../../../../electron/engine/staging/fs-adapter.js';
import { openJobFolder } from '../../../../electron/engine/staging/job-folder.js';
import { readJournal, writeJournal, type Journal } from '../../../../electron/engine/staging/journal.js';
import { acquireLock } from '../../../../electron/engine/staging/lock.js';
import { appError } from '../../../../electron/shared/app-error.js';
import type { DeliveryStatusDto } from '../../../../electron/shared/getapp-protocol.js';
import { fail, ok } from '../../../../electron/shared/result.js';
import { useTempDirs } from '../../../support/temp-dir.js';

const tempDir = useTempDirs();
const ORIGIN = 'https://getapp.example:8443';
const DEVICE = 'laptop-7';
const ID = '9.tool@1.0.0';

function report(n: number): DeliveryStatusDto {
  return {
    deviceId: DEVICE,
    catalogId: ID,
    itemKey: `${ID}@tool.bin`,
    type: 'software',
    deliveryStatus: n === 3 ? 'Done' : 'Download',
    currentTime: new Date(Date.UTC(2026, 11, 2, 8, 0, n)).toISOString(),
  };
}

async function stagedWithOutbox(clock: ManualClock) {
  const root = await tempDir();
  const opened = await openJobFolder({ stagingRoot: root, catalogId: ID, fs: nodeFs, clock });
  if (!opened.ok) throw new Error(opened.error.message);
  const folder = opened.value;
  const journal: Journal = {
    format: 'courier-journal/1',
    catalogId: ID,
    itemType: 'software',
    apiOrigin: ORIGIN,
    deviceId: DEVICE,
    startedAt: '2026-12-02T08:00:00.000Z',
    snapshot: null,
    items: [],
    outbox: [1, 2, 3].map(report) as unknown as Journal['outbox'],
    lastReportAt: report(3).currentTime!,
  };
  const written = await writeJournal(folder, journal);
  if (!written.ok) throw new Error(written.error.message);
  return { root, folder };
}

/** A server the test switches on and off; it records what it accepted. */
function switchableServer() {
  const accepted: DeliveryStatusDto[] = [];
  let up = false;
  return {
    accepted,
    setUp: (value: boolean) => (up = value),
    sender: {
      async report(dto: DeliveryStatusDto) {
        if (!up) return fail(appError({ code: 'CLIENT.network', message: 'unreachable', retryable: true }));
        accepted.push(dto);
        return ok(undefined);
      },
    },
  };
}

/** The sweep of `root` for this device and server; the test's own parts override the rest. */
function sweeperOf(
  root: string,
  clock: ManualClock,
  sender: PendingReportsDeps['sender'],
  extra: Partial<PendingReportsDeps> = {},
) {
  return createPendingReports({
    fs: nodeFs,
    clock,
    stagingRoot: root,
    sender,
    apiOrigin: ORIGIN,
    deviceId: DEVICE,
    isRunning: () => false,
    log: () => undefined,
    onSwept: () => undefined,
    ...extra,
  });
}

describe('waiting status reports', () => {
  test('an unreachable server is tried again with backoff; once it answers, the reports go in order', async () => {
    const clock = new ManualClock();
    const { root, folder } = await stagedWithOutbox(clock);
    const server = switchableServer();
    const swept: SweepOutcome[] = [];
    let sweptNext: (() => void) | undefined;
    /** Resolves when the sweep running (or about to run) has ended. */
    const nextSweep = () => new Promise<void>((resolve) => (sweptNext = resolve));
    const pending = sweeperOf(root, clock, server.sender, {
      onSwept: (outcome) => {
        swept.push(outcome);
        sweptNext?.();
      },
      retryDelayMs: (attempt) => 1000 * 2 ** attempt,
    });

    expect(await pending.start()).toEqual({ sent: 0, waiting: 3 });
    let ended = nextSweep();
    await clock.advance(1000); // the first retry, still unreachable
    await ended;
    expect(swept).toEqual([
      { sent: 0, waiting: 3 },
      { sent: 0, waiting: 3 },
    ]);
    server.setUp(true);
    await clock.advance(1999); // the second retry waits 2 s: not yet
    expect(swept).toHaveLength(2);
    ended = nextSweep();
    await clock.advance(1);
    await ended;
    await pending.close();

    expect(server.accepted.map((dto) => dto.currentTime)).toEqual(
      [1, 2, 3].map((n) => report(n).currentTime),
    );
    expect(swept.at(-1)).toEqual({ sent: 3, waiting: 0 });
    const after = await readJournal(folder);
    expect(after.journal?.outbox).toEqual([]);
    expect(after.journal?.lastReportAt).toBe(report(3).currentTime);
  });

  test('C4: a job another process holds is left alone; its reports still count as waiting', async () => {
    const clock = new ManualClock();
    const { root, folder } = await stagedWithOutbox(clock);
    const other = await acquireLock({ controlDir: folder.controlDir, fs: nodeFs, clock, catalogId: ID });
    if (!other.ok) throw new Error(other.error.message);
    const server = switchableServer();
    server.setUp(true);
    const pending = sweeperOf(root, clock, server.sender);
    expect(await pending.start()).toEqual({ sent: 0, waiting: 3 });
    await pending.close();
    await other.value.release();
    expect(server.accepted).toEqual([]);
    expect((await readJournal(folder)).journal?.outbox).toHaveLength(3);
  });
});
