import { describe, expect, test } from 'vitest';
import { ManualClock } from '../../../electron/engine/clock.js';
import { createRateLimiter } from '../../../electron/engine/rate-limiter.js';
import { createSpeedMeter } from '../../../electron/engine/speed-meter.js';

describe('bandwidth limit shared by the engine', () => {
  test('a burst up to one second passes at once; more waits for the clock', async () => {
    const clock = new ManualClock();
    const limiter = createRateLimiter(1000, clock);
    await limiter.take(1000);
    let done = false;
    const next = limiter.take(500).then(() => (done = true));
    await clock.advance(400);
    expect(done).toBe(false);
    await clock.advance(200);
    await next;
    expect(done).toBe(true);
  });

  test('two readers share the rate instead of each getting it', async () => {
    const clock = new ManualClock();
    const limiter = createRateLimiter(1000, clock);
    await limiter.take(1000);
    const finished: string[] = [];
    const a = limiter.take(1000).then(() => finished.push('a'));
    const b = limiter.take(1000).then(() => finished.push('b'));
    await clock.advance(1000);
    await a;
    expect(finished).toEqual(['a']);
    await clock.advance(1000);
    await b;
    expect(finished).toEqual(['a', 'b']);
  });

  test('a cancelled wait rejects and frees the queue', async () => {
    const clock = new ManualClock();
    const limiter = createRateLimiter(100, clock);
    await limiter.take(100);
    const controller = new AbortController();
    const waiting = limiter.take(100, controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    await clock.advance(1000);
    await expect(limiter.take(50)).resolves.toBeUndefined();
  });
});

describe('speed and ETA', () => {
  test('steady 1 MB/s reads as about 1 MB/s with a matching ETA', async () => {
    const clock = new ManualClock();
    const meter = createSpeedMeter(clock);
    meter.update(0);
    for (let i = 1; i <= 20; i += 1) {
      await clock.advance(500);
      meter.update(i * 500_000);
    }
    expect(meter.speed()).toBe(1_000_000);
    expect(meter.etaMs(5_000_000)).toBe(5000);
  });

  test('silence for more than ten seconds reads as zero speed and unknown ETA', async () => {
    const clock = new ManualClock();
    const meter = createSpeedMeter(clock);
    meter.update(0);
    await clock.advance(1000);
    meter.update(1000);
    await clock.advance(11_000);
    expect(meter.speed()).toBe(0);
    expect(meter.etaMs(100)).toBeNull();
  });
});
