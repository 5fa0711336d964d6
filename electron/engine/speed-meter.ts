// Smoothed transfer speed and ETA for progress displays: an exponentially weighted average over
// roughly the last few seconds, so the numbers a technician reads neither jump nor lag.
import type { Clock } from './clock.js';

export interface SpeedMeter {
  /** Records that the transfer has now moved `totalBytes` in all. */
  update(totalBytes: number): void;
  /** Bytes per second, 0 before any movement or after a long silence. */
  speed(): number;
  /** Milliseconds to move `remaining` bytes at the current speed; null when unknown. */
  etaMs(remaining: number | null): number | null;
}

const HALF_LIFE_MS = 3000;
const SAMPLE_MS = 250;
const IDLE_MS = 10_000;

export function createSpeedMeter(clock: Clock): SpeedMeter {
  let lastBytes: number | undefined;
  let lastAt = clock.now();
  let lastMoveAt = lastAt;
  let rate = 0;

  return {
    update(totalBytes) {
      const now = clock.now();
      if (lastBytes === undefined || totalBytes < lastBytes) {
        lastBytes = totalBytes;
        lastAt = now;
        return;
      }
      const elapsed = now - lastAt;
      if (elapsed < SAMPLE_MS) return;
      const instant = ((totalBytes - lastBytes) * 1000) / elapsed;
      const weight = 1 - Math.pow(0.5, elapsed / HALF_LIFE_MS);
      rate = rate === 0 ? instant : rate + weight * (instant - rate);
      if (totalBytes > lastBytes) lastMoveAt = now;
      lastBytes = totalBytes;
      lastAt = now;
    },
    speed() {
      return clock.now() - lastMoveAt > IDLE_MS ? 0 : Math.round(rate);
    },
    etaMs(remaining) {
      const current = this.speed();
      if (remaining === null || current <= 0) return null;
      return Math.round((remaining * 1000) / current);
    },
  };
}
