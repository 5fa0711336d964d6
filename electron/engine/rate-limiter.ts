// A token bucket shared by every download of one engine, so a bandwidth limit holds for the whole
// app rather than per file. Waits go through the injected Clock and are cancellable.
import type { Clock } from './clock.js';

export interface RateLimiter {
  /** Whether there is a limit at all; without one, callers skip take() on their hot path. */
  readonly limited: boolean;
  /** Waits until `bytes` may be sent. Resolves at once when there is no limit. */
  take(bytes: number, signal?: AbortSignal): Promise<void>;
}

export const unlimited: RateLimiter = { limited: false, take: async () => {} };

/** `bytesPerSecond` sustained, with bursts of up to one second's worth. */
export function createRateLimiter(bytesPerSecond: number | undefined, clock: Clock): RateLimiter {
  if (!bytesPerSecond || bytesPerSecond <= 0) return unlimited;
  const capacity = bytesPerSecond;
  let tokens = capacity;
  let updatedAt = clock.now();
  // Callers queue in order, so one large reader cannot starve the others.
  let queue: Promise<void> = Promise.resolve();

  const refill = () => {
    const now = clock.now();
    tokens = Math.min(capacity, tokens + ((now - updatedAt) * bytesPerSecond) / 1000);
    updatedAt = now;
  };

  return {
    limited: true,
    take(bytes, signal) {
      const turn = queue.then(async () => {
        let owed = bytes;
        while (owed > 0) {
          refill();
          const grant = Math.min(owed, tokens);
          tokens -= grant;
          owed -= grant;
          if (owed > 0)
            await clock.sleep(Math.ceil((Math.min(owed, capacity) * 1000) / bytesPerSecond), signal);
        }
      });
      queue = turn.catch(() => {});
      return turn;
    },
  };
}
