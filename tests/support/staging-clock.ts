// Drives a ManualClock while real file I/O runs: yields to the event loop so fs callbacks complete, and
// moves time forward only while something waits on the clock. No real waiting on timers. Test support only.
import type { ManualClock } from '../../electron/engine/clock.js';

export async function driveClock<T>(clock: ManualClock, work: Promise<T>, stepMs = 100): Promise<T> {
  let settled = false;
  const done = work.finally(() => {
    settled = true;
  });
  // Time stands still during I/O (an fsync can take many event-loop turns), so a retry deadline is
  // measured only in clock time spent waiting, as in production. A hung `work` hits the test timeout.
  while (!settled) {
    await new Promise((resolve) => setImmediate(resolve));
    if (!settled && clock.pending > 0) await clock.advance(stepMs);
  }
  return done;
}
