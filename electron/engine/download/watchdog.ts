// The body-phase watchdog of one request (T5, goal 8): "no byte for stallMs" and "slower than the
// throughput floor over a window". A setTimeout chain on the injected Clock.
import type { Clock } from '../clock.js';

export type WatchdogTrip =
  | { readonly reason: 'stalled'; readonly idleMs: number }
  | { readonly reason: 'slow'; readonly bytes: number; readonly windowMs: number };

export interface WatchdogOptions {
  readonly clock: Clock;
  readonly stallMs: number;
  readonly minThroughput: { readonly bytesPerSecond: number; readonly windowMs: number };
  /** Called once, at the first trip; the owner aborts the request. */
  readonly onTrip: (trip: WatchdogTrip) => void;
  /** Check interval: detection lands within stallMs + tickMs (default 1 s). */
  readonly tickMs?: number;
}

export interface Watchdog {
  /** Body bytes arrived from the network. */
  received(bytes: number): void;
  /**
   * Runs local work (disk write, fsync, bandwidth-limit wait) off the clock: while we are the slow
   * side the server is not stalling, so neither check may blame it.
   */
  local<T>(work: Promise<T>): Promise<T>;
  /** Cancels the timer; idempotent. Must be called on every exit path (no timer leaks). */
  stop(): void;
}

interface Sample {
  readonly at: number;
  readonly total: number;
  /** Local work was under way at this tick, so the window ending here says nothing about the server. */
  readonly local: boolean;
}

export function startWatchdog(options: WatchdogOptions): Watchdog {
  const { clock, stallMs, minThroughput } = options;
  const tickMs = Math.max(1, Math.min(options.tickMs ?? 1000, stallMs));
  const startedAt = clock.now();
  let lastByteAt = startedAt;
  let total = 0;
  let localWork = 0;
  let stopped = false;
  const samples: Sample[] = [{ at: startedAt, total: 0, local: false }];
  let cancel = clock.setTimer(tickMs, tick);

  function trip(value: WatchdogTrip): void {
    stop();
    options.onTrip(value);
  }

  function tick(): void {
    if (stopped) return;
    const now = clock.now();
    const busy = localWork > 0;
    if (busy) lastByteAt = now;
    if (now - lastByteAt >= stallMs) return trip({ reason: 'stalled', idleMs: now - lastByteAt });
    samples.push({ at: now, total, local: busy });
    // Keep the newest sample at or before the window start as the baseline; drop older ones.
    while (samples.length > 1 && samples[1]!.at <= now - minThroughput.windowMs) samples.shift();
    const base = samples[0]!;
    if (
      minThroughput.bytesPerSecond > 0 &&
      now - base.at >= minThroughput.windowMs &&
      !samples.some((s) => s.local)
    ) {
      const bytes = total - base.total;
      const floor = (minThroughput.bytesPerSecond * (now - base.at)) / 1000;
      if (bytes < floor) return trip({ reason: 'slow', bytes, windowMs: now - base.at });
    }
    cancel = clock.setTimer(tickMs, tick);
  }

  function stop(): void {
    stopped = true;
    cancel();
  }

  return {
    received(bytes) {
      total += bytes;
      lastByteAt = clock.now();
    },
    async local(work) {
      localWork += 1;
      try {
        return await work;
      } finally {
        localWork -= 1;
        lastByteAt = clock.now();
      }
    },
    stop,
  };
}
