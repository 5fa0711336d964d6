// E9: job progress is throttled where the service produces its push events (at most
// MAX_PROGRESS_EVENTS_PER_SECOND per job), phase changes go out at once, and the last snapshot is kept.
import { describe, expect, test } from 'vitest';
import { MAX_PROGRESS_EVENTS_PER_SECOND } from '../../../electron/shared/ipc-contract.js';
import type { JobPhase, JobSnapshot } from '../../../electron/shared/snapshots.js';
import { createProgressThrottle } from '../../../electron/service/progress-throttle.js';
import { SyncClock } from '../../support/service-sync-clock.js';

function snapshot(jobId: string, phase: JobPhase, bytesDone: number): JobSnapshot {
  return {
    jobId,
    catalogId: `cat-${jobId}`,
    itemType: 'software',
    phase,
    serverStatus: null,
    serverProgress: null,
    bytesDone,
    bytesTotal: 4 * 1024 ** 3,
    speed: 0,
    etaMs: null,
    items: [],
    verified: false,
    folder: null,
    startedAt: '2026-07-02T08:00:00.000Z',
    updatedAt: '2026-07-02T08:00:00.000Z',
    error: null,
  };
}

function setup() {
  const clock = new SyncClock();
  const sent: { at: number; job: JobSnapshot }[] = [];
  const throttle = createProgressThrottle({
    clock,
    perSecond: MAX_PROGRESS_EVENTS_PER_SECOND,
    emit: (job) => sent.push({ at: clock.now(), job }),
  });
  return { clock, sent, throttle };
}

describe('progress throttle', () => {
  test('E9: a simulated 4 GiB download reporting 10,000 times a second yields at most duration × 5 progress events', () => {
    const { clock, sent, throttle } = setup();
    const total = 4 * 1024 ** 3;
    const bytesPerMs = (100 * 1024 * 1024) / 1000; // 100 MiB/s: about 41 s of download
    throttle.push(snapshot('a', 'preparing', 0));
    throttle.push(snapshot('a', 'downloading', 0));
    let bytes = 0;
    let t = 0;
    while (bytes < total) {
      t += 0.1; // 10,000 progress snapshots per second from the engine side
      clock.advanceTo(t);
      bytes = Math.min(total, Math.round(t * bytesPerMs));
      throttle.push(snapshot('a', 'downloading', bytes));
    }
    const durationSeconds = t / 1000;
    clock.advanceTo(t + 1000);
    const progress = sent.filter((s) => s.job.phase === 'downloading').slice(1); // the first is the phase change
    expect(durationSeconds).toBeGreaterThan(40);
    expect(progress.length).toBeLessThanOrEqual(Math.ceil(durationSeconds * MAX_PROGRESS_EVENTS_PER_SECOND));
    // ...and the UI still moves: roughly one event per 200 ms, the last one with every byte.
    expect(progress.length).toBeGreaterThan(durationSeconds * MAX_PROGRESS_EVENTS_PER_SECOND - 2);
    expect(sent.at(-1)?.job.bytesDone).toBe(total);
  });

  test('E9: no two progress events of one job are closer than 1/5 s', () => {
    const { clock, sent, throttle } = setup();
    throttle.push(snapshot('a', 'downloading', 0));
    for (let t = 1; t <= 5000; t += 1) {
      clock.advanceTo(t);
      throttle.push(snapshot('a', 'downloading', t));
    }
    const gaps = sent.slice(1).map((s, i) => s.at - sent[i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000 / MAX_PROGRESS_EVENTS_PER_SECOND);
  });

  test('phase changes go out at once, even right after a progress event', () => {
    const { clock, sent, throttle } = setup();
    throttle.push(snapshot('a', 'downloading', 0));
    clock.advanceTo(10);
    throttle.push(snapshot('a', 'downloading', 10)); // held back
    clock.advanceTo(11);
    throttle.push(snapshot('a', 'verifying', 100));
    clock.advanceTo(12);
    throttle.push(snapshot('a', 'staged', 100));
    expect(sent.map((s) => [s.at, s.job.phase])).toEqual([
      [0, 'downloading'],
      [11, 'verifying'],
      [12, 'staged'],
    ]);
    // The held-back progress snapshot is superseded, never delivered after the newer phase.
    clock.advanceTo(1000);
    expect(sent).toHaveLength(3);
  });

  test('the last progress snapshot is delivered when its slot comes (the UI is never left stale)', () => {
    const { clock, sent, throttle } = setup();
    throttle.push(snapshot('a', 'downloading', 0));
    clock.advanceTo(50);
    throttle.push(snapshot('a', 'downloading', 50));
    clock.advanceTo(60);
    throttle.push(snapshot('a', 'downloading', 60));
    expect(sent).toHaveLength(1);
    clock.advanceTo(200);
    expect(sent.map((s) => [s.at, s.job.bytesDone])).toEqual([
      [0, 0],
      [200, 60],
    ]);
  });

  test('jobs are throttled independently, and a forgotten job sends nothing more', () => {
    const { clock, sent, throttle } = setup();
    throttle.push(snapshot('a', 'downloading', 0));
    throttle.push(snapshot('b', 'downloading', 0));
    clock.advanceTo(10);
    throttle.push(snapshot('a', 'downloading', 10));
    throttle.push(snapshot('b', 'downloading', 10));
    throttle.forget('b');
    clock.advanceTo(500);
    expect(sent.map((s) => s.job.jobId)).toEqual(['a', 'b', 'a']);
    expect(clock.pending).toBe(0);
  });
});
