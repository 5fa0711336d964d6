import { describe, expect, test } from 'vitest';
import { appError } from '../../../../electron/shared/app-error.js';
import type { DeliveryStatusDto } from '../../../../electron/shared/getapp-protocol.js';
import { fail, ok, type Result } from '../../../../electron/shared/result.js';
import { ManualClock } from '../../../../electron/engine/clock.js';
import {
  createStatusReporter,
  PROGRESS_HOLD_MS,
  type ReportSender,
} from '../../../../electron/engine/report/status-reporter.js';

/** A server whose reachability the test switches; it keeps what it accepted. */
function fakeServer() {
  const accepted: DeliveryStatusDto[] = [];
  let mode: 'up' | 'down' | 'reject' = 'up';
  const sender: ReportSender = {
    async report(dto): Promise<Result<void>> {
      if (mode === 'down')
        return fail(appError({ code: 'CLIENT.network', message: 'unreachable', retryable: true }));
      if (mode === 'reject')
        return fail(appError({ code: 'CLIENT.badResponse', message: '400', retryable: false }));
      accepted.push(dto);
      return ok(undefined);
    },
  };
  return { sender, accepted, set: (next: typeof mode) => (mode = next) };
}

const base = {
  deviceId: 'TECH-LAPTOP-07',
  catalogId: '1.field-nav@2.3.1',
  type: 'software' as const,
  intervalMs: 5000,
};
const item = '1.field-nav@2.3.1@field-nav-setup-2.3.1.msi';

describe('status reports to the server', () => {
  test('Start, Download and Done carry itemKey, percent, clamped bytes, speed and ETA', async () => {
    const clock = new ManualClock();
    const server = fakeServer();
    const reporter = createStatusReporter({ ...base, sender: server.sender, clock });
    reporter.record(item, 'Start', { bytesDone: 0, size: 3 * 2 ** 31, speed: 0, etaMs: null });
    await clock.advance(1000);
    reporter.record(item, 'Download', {
      bytesDone: 2 ** 32,
      size: 3 * 2 ** 31,
      speed: 716_507,
      etaMs: 60_400,
    });
    await clock.advance(PROGRESS_HOLD_MS);
    reporter.record(item, 'Done', { bytesDone: 3 * 2 ** 31, size: 3 * 2 ** 31, speed: 0, etaMs: null });
    await reporter.drain();
    expect(server.accepted.map((r) => r.deliveryStatus)).toEqual(['Start', 'Download', 'Done']);
    const [start, download, done] = server.accepted;
    expect(start).toMatchObject({
      itemKey: item,
      deviceId: 'TECH-LAPTOP-07',
      type: 'software',
      downloadData: 0,
    });
    expect(download).toMatchObject({
      downloadData: 66,
      bitNumber: 2 ** 31 - 1,
      downloadSpeed: 716_507,
      downloadEstimateTime: 60_400,
    });
    expect(done).toMatchObject({
      downloadData: 100,
      downloadDone: done!.currentTime,
      downloadStart: start!.currentTime,
    });
  });

  test('currentTime strictly increases even when the clock does not move (the upsert rule)', async () => {
    const clock = new ManualClock();
    const server = fakeServer();
    const reporter = createStatusReporter({ ...base, sender: server.sender, clock });
    for (const status of ['Start', 'Pause', 'Continue', 'Cancelled'] as const) {
      reporter.record(item, status);
      await reporter.drain();
    }
    const times = server.accepted.map((r) => Date.parse(r.currentTime!));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(4);
    expect(server.accepted[1]!.downloadStop).toBe(server.accepted[1]!.currentTime);
  });

  test("an item's progress report waits a moment: replaced meanwhile, it is never sent; its last word always is", async () => {
    const clock = new ManualClock();
    const server = fakeServer();
    const reporter = createStatusReporter({ ...base, sender: server.sender, clock });
    const progress = { bytesDone: 100, size: 100, speed: 0, etaMs: null };
    // A small file: started and done within the hold.
    reporter.record(item, 'Start', progress);
    reporter.record(item, 'Download', progress);
    await clock.advance(PROGRESS_HOLD_MS - 1);
    reporter.record(item, 'Done', progress);
    // A large one: its Start goes out once the hold is over, then its Pause at once.
    reporter.record('other', 'Start', progress);
    await clock.advance(PROGRESS_HOLD_MS);
    reporter.record('other', 'Pause', progress);
    await clock.advance(0);
    const sent = server.accepted.map((r) => `${r.itemKey === item ? 'item' : 'other'} ${r.deliveryStatus}`);
    expect(sent).toEqual(['item Done', 'other Start', 'other Pause']);
    // The Start that was never sent still dates the download Done reports.
    const done = server.accepted[0]!;
    expect(Date.parse(done.downloadStart!)).toBe(clock.now() - 2 * PROGRESS_HOLD_MS + 1);
    expect(reporter.pending()).toEqual([]);
  });

  test('a progress report still held is sent by drain, and kept in the outbox until then', async () => {
    const clock = new ManualClock();
    const server = fakeServer();
    const reporter = createStatusReporter({ ...base, sender: server.sender, clock });
    reporter.record(item, 'Continue', { bytesDone: 5, size: 100, speed: 0, etaMs: null });
    expect(reporter.pending().map((r) => r.deliveryStatus)).toEqual(['Continue']);
    expect(server.accepted).toEqual([]);
    await reporter.drain();
    expect(server.accepted.map((r) => r.deliveryStatus)).toEqual(['Continue']);
  });

  test('Download reports go out at most every 5 s per item', async () => {
    const clock = new ManualClock();
    const server = fakeServer();
    const reporter = createStatusReporter({ ...base, sender: server.sender, clock });
    const progress = { bytesDone: 10, size: 100, speed: 1, etaMs: 90 };
    for (let i = 0; i < 12; i += 1) {
      reporter.record(item, 'Download', progress);
      reporter.record('other', 'Download', progress);
      await clock.advance(1000);
    }
    await reporter.drain();
    expect(server.accepted.filter((r) => r.itemKey === item)).toHaveLength(3);
    expect(server.accepted.filter((r) => r.itemKey === 'other')).toHaveLength(3);
  });

  test('while the server is unreachable reports wait in order and are sent later', async () => {
    const clock = new ManualClock();
    const server = fakeServer();
    server.set('down');
    let changes = 0;
    const reporter = createStatusReporter({
      ...base,
      sender: server.sender,
      clock,
      onChange: () => changes++,
    });
    reporter.record(item, 'Start');
    await clock.advance(PROGRESS_HOLD_MS);
    reporter.record(item, 'Done');
    await clock.advance(0);
    expect(reporter.pending().map((r) => r.deliveryStatus)).toEqual(['Start', 'Done']);
    expect(changes).toBeGreaterThan(0);
    server.set('up');
    await clock.advance(60_000);
    await reporter.drain();
    expect(server.accepted.map((r) => r.deliveryStatus)).toEqual(['Start', 'Done']);
    expect(reporter.pending()).toEqual([]);
  });

  test("the journal hears which reports must be on disk at once: an item's last word, not progress or a delivery", async () => {
    // journal-sync.ts writes the journal for `final` only; the rest rides with the next write.
    const clock = new ManualClock();
    const server = fakeServer();
    const changes: string[] = [];
    const reporter = createStatusReporter({
      ...base,
      sender: server.sender,
      clock,
      onChange: (change) => changes.push(change),
    });
    const order = ['Start', 'Download', 'Pause', 'Continue', 'Error', 'Cancelled', 'Done'] as const;
    for (const status of order) {
      reporter.record(item, status, { size: 100, bytesDone: 50, speed: 10, etaMs: 5000 });
      await reporter.drain();
    }
    expect(server.accepted.map((r) => r.deliveryStatus)).toEqual(order);
    expect(changes.filter((c) => c !== 'sent')).toEqual([
      'progress',
      'progress',
      'final',
      'progress',
      'final',
      'final',
      'final',
    ]);
    expect(changes.filter((c) => c === 'sent')).toHaveLength(order.length);
  });

  test('an outbox from an earlier run goes first, with later reports still newer', async () => {
    const clock = new ManualClock(Date.parse('2026-07-02T08:00:00.000Z'));
    const server = fakeServer();
    const old: DeliveryStatusDto = {
      ...base,
      itemKey: item,
      deliveryStatus: 'Pause',
      currentTime: '2026-07-02T09:00:00.000Z',
    };
    const reporter = createStatusReporter({ ...base, sender: server.sender, clock, outbox: [old] });
    reporter.record(item, 'Continue');
    await reporter.drain();
    expect(server.accepted.map((r) => r.deliveryStatus)).toEqual(['Pause', 'Continue']);
    expect(Date.parse(server.accepted[1]!.currentTime!)).toBeGreaterThan(Date.parse(old.currentTime!));
  });

  test('a report the server rejects is dropped instead of blocking the rest', async () => {
    const clock = new ManualClock();
    const server = fakeServer();
    server.set('reject');
    const reporter = createStatusReporter({ ...base, sender: server.sender, clock });
    reporter.record(item, 'Start');
    await reporter.drain();
    server.set('up');
    reporter.record(item, 'Done');
    await reporter.drain();
    expect(server.accepted.map((r) => r.deliveryStatus)).toEqual(['Done']);
  });
});
