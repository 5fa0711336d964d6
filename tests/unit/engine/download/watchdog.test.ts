// The body-phase watchdog on a ManualClock (T5, goal 8): stall within stallMs + 1 tick, slow loris
// within the window, local work never blamed on the server, and no timer left behind.
import { describe, expect, test } from 'vitest';
import { ManualClock } from '../../../../electron/engine/clock.js';
import { startWatchdog } from '../../../../electron/engine/download/watchdog.js';
import type { WatchdogTrip } from '../../../../electron/engine/download/watchdog.js';

function setup() {
  const clock = new ManualClock();
  const trips: WatchdogTrip[] = [];
  const dog = startWatchdog({
    clock,
    stallMs: 30_000,
    minThroughput: { bytesPerSecond: 1024, windowMs: 60_000 },
    onTrip: (t) => trips.push(t),
  });
  return { clock, trips, dog };
}

describe('stall watchdog (T5)', () => {
  test('no byte for 30 s trips "stalled" within 30 s + 1 s, once', async () => {
    const { clock, trips, dog } = setup();
    dog.received(100);
    await clock.advance(29_000);
    expect(trips).toEqual([]);
    await clock.advance(2_000);
    expect(trips).toEqual([{ reason: 'stalled', idleMs: 30_000 }]);
    await clock.advance(120_000);
    expect(trips).toHaveLength(1);
    expect(clock.pending).toBe(0);
  });

  test('bytes keep it quiet', async () => {
    const { clock, trips, dog } = setup();
    for (let i = 0; i < 10; i += 1) {
      await clock.advance(20_000);
      dog.received(64 * 1024);
    }
    expect(trips).toEqual([]);
    dog.stop();
    expect(clock.pending).toBe(0);
  });

  test('time spent in local work (disk, rate limit) is not a stall', async () => {
    const { clock, trips, dog } = setup();
    let finish!: () => void;
    const slowDisk = dog.local(new Promise<void>((resolve) => (finish = resolve)));
    await clock.advance(45_000);
    expect(trips).toEqual([]);
    finish();
    await slowDisk;
    await clock.advance(29_000);
    expect(trips).toEqual([]);
    await clock.advance(2_000);
    expect(trips[0]?.reason).toBe('stalled');
  });
});

describe('throughput floor (T5 slow loris)', () => {
  test('1 byte every 10 s is aborted as "slow" within the 60 s window', async () => {
    const { clock, trips, dog } = setup();
    for (let t = 0; t < 60 && trips.length === 0; t += 10) {
      await clock.advance(10_000);
      dog.received(1);
    }
    expect(trips).toEqual([{ reason: 'slow', bytes: expect.any(Number), windowMs: 60_000 }]);
  });

  test('a link just above 1 KiB/s is left alone', async () => {
    const { clock, trips, dog } = setup();
    for (let t = 0; t < 300; t += 1) {
      await clock.advance(1000);
      dog.received(1100);
    }
    expect(trips).toEqual([]);
    dog.stop();
  });

  test('a fast start does not hide a later drip for more than one window', async () => {
    const { clock, trips, dog } = setup();
    dog.received(10 * 1024 * 1024);
    let elapsed = 0;
    while (trips.length === 0 && elapsed < 200_000) {
      await clock.advance(5_000);
      elapsed += 5_000;
      dog.received(100);
    }
    expect(trips[0]?.reason).toBe('slow');
    expect(elapsed).toBeLessThanOrEqual(65_000);
  });
});
