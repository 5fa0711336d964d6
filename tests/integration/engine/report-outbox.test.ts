// Status reports that could not be sent when their job ended (the server's report endpoint was down):
// the journal keeps them, the next engine start sends them in order, and currentTime stays strictly
// increasing across runs even after the outbox emptied and the computer's clock was set back, so the
// server (which keeps a report only when it is newer) never drops one.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { BUILTIN_IDS } from '../../../electron/demo-server/index.js';
import { createEngine, realClock, type Clock } from '../../../electron/engine/index.js';
import { jobFolderName } from '../../../electron/engine/staging/folder-name.js';
import { engineHarness, type EngineHarness } from '../../support/engine-harness.js';

const ID = BUILTIN_IDS.fieldNav;
const REPORTS = 'delivery/updateDownloadStatus';
const HOUR = 3_600_000;

let harness: EngineHarness | undefined;
let second: EngineHarness['engine'] | undefined;
afterEach(async () => {
  await second?.close();
  await harness?.close();
  harness = second = undefined;
});

async function journalOf(root: string) {
  const text = await readFile(join(root, jobFolderName(ID), '.courier', 'journal.json'), 'utf8');
  return JSON.parse(text) as {
    outbox: { currentTime: string; deliveryStatus: string }[];
    lastReportAt?: string;
  };
}

/** A clock an hour behind the first run's: the computer's time was set back between the runs. */
const setBack: Clock = { ...realClock, now: () => realClock.now() - HOUR };

describe('the report outbox across runs', () => {
  test('reports kept by a staged job reach the server at the next engine start, in order, never dropped as older', async () => {
    harness = await engineHarness();
    const { server } = harness;
    server.faults!.api(REPORTS, { status: 503, retryAfter: '0' });
    const first = await harness.fetch(ID);
    expect(first.phase).toBe('staged');
    await harness.engine.close();

    const kept = await journalOf(harness.root);
    expect(kept.outbox.map((r) => r.deliveryStatus)).toContain('Done');
    expect(server.reports.list({ catalogId: ID })).toEqual([]);
    expect(await harness.engine.reportsWaiting()).toBe(kept.outbox.length);

    // Next start, the server reachable again, the clock an hour behind.
    server.faults!.clear();
    const next = createEngine({ ...harness.engine.config }, { clock: setBack });
    if (!next.ok) throw new Error(next.error.message);
    second = next.value;
    const swept = await second.sendPendingReports();
    expect(swept).toEqual({ sent: kept.outbox.length, waiting: 0 });
    expect(await second.reportsWaiting()).toBe(0);

    // In order: the server saw them oldest first, and kept the last one (Done) for every item.
    const sent = server.requestLog!.entries.filter((e) => e.url.includes(REPORTS) && e.status < 300);
    expect(sent).toHaveLength(kept.outbox.length);
    const rows = server.reports.list({ catalogId: ID });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.deliveryStatus).toBe('Done');

    // The outbox is empty now, but the journal remembers the newest time handed out...
    const emptied = await journalOf(harness.root);
    expect(emptied.outbox).toEqual([]);
    expect(emptied.lastReportAt).toBe(kept.outbox.at(-1)!.currentTime);

    // ...so a new run under the set-back clock still reports after it, and the server applies it.
    const doneAt = new Map(rows.map((row) => [row.itemKey, row.currentTime!]));
    const started = second.start(ID);
    if (!started.ok) throw new Error(started.error.message);
    const again = await second.settled(started.value.jobId);
    expect(again.ok && again.value.phase).toBe('staged');
    for (const row of server.reports.list({ catalogId: ID })) {
      expect(Date.parse(row.currentTime!)).toBeGreaterThan(Date.parse(doneAt.get(row.itemKey)!));
      expect(row.deliveryStatus).toBe('Done');
    }
  });

  test('reports for another server or device stay where they are', async () => {
    harness = await engineHarness();
    const { server } = harness;
    server.faults!.api(REPORTS, { status: 503, retryAfter: '0' });
    expect((await harness.fetch(ID)).phase).toBe('staged');
    await harness.engine.close();
    server.faults!.clear();

    const other = createEngine({ ...harness.engine.config, deviceId: 'ANOTHER-LAPTOP' });
    if (!other.ok) throw new Error(other.error.message);
    second = other.value;
    expect(await second.sendPendingReports()).toEqual({ sent: 0, waiting: 0 });
    expect(server.reports.list({ catalogId: ID })).toEqual([]);
    expect((await journalOf(harness.root)).outbox.length).toBeGreaterThan(0);
  });
});
