// `courier fetch --json`: engine events as NDJSON on stdout. A job event carries the whole job (every
// item), and the engine sends one at each item's phase change, so a 200-artifact delivery printed
// 600 snapshots, 61 MB of JSON, and stringifying them cost more CPU than hashing (issue 9). Job
// events are therefore coalesced per job: the latest snapshot is printed at most every JSON_EVERY_MS,
// and at once when the job itself changes phase; nothing is lost, a reader sees every job phase and
// the final state. Other events (logs, reports) are printed as they come, after any job event
// still held back, so the stream stays in order.
import type { Writable } from 'node:stream';
import type { EngineEvent } from '../../shared/snapshots.js';
import type { View } from './views.js';

/** At most four snapshots of a job a second: as often as a person or a dashboard can follow. */
export const JSON_EVERY_MS = 250;

type JobEvent = Extract<EngineEvent, { type: 'job' }>;

export function jsonView(out: Writable, now: () => number = Date.now): View {
  const printed = new Map<string, { phase: string; at: number }>();
  const held = new Map<string, JobEvent>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const print = (event: EngineEvent) => {
    if (event.type === 'job') {
      printed.set(event.job.jobId, { phase: event.job.phase, at: now() });
      held.delete(event.job.jobId);
    }
    out.write(`${JSON.stringify(event)}\n`);
  };
  const printHeld = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    for (const event of [...held.values()]) print(event);
  };
  /** A held snapshot goes out when its interval ends even if nothing else happens meanwhile. */
  const printHeldLater = (delay: number) => {
    if (timer) return;
    timer = setTimeout(printHeld, delay);
    timer.unref?.();
  };

  return {
    onEvent(event) {
      if (event.type !== 'job') {
        printHeld();
        print(event);
        return;
      }
      const last = printed.get(event.job.jobId);
      const wait = last ? JSON_EVERY_MS - (now() - last.at) : 0;
      if (!last || last.phase !== event.job.phase || wait <= 0) {
        print(event);
        return;
      }
      held.set(event.job.jobId, event);
      printHeldLater(wait);
    },
    end() {
      printHeld();
    },
  };
}
