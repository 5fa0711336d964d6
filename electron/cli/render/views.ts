// How `courier fetch` shows progress: a live view on a terminal, periodic plain lines otherwise,
// NDJSON with --json. Each view takes engine events and writes to the command's stdout.
import type { Writable } from 'node:stream';
import type { EngineEvent, JobSnapshot } from '../../shared/snapshots.js';
import { itemLine, jobHeadline, type Paint } from './job-lines.js';

export interface View {
  onEvent(event: EngineEvent): void;
  /** Stops redrawing; the command prints its summary after this. */
  end(): void;
}

const REDRAW_MS = 100;
const PLAIN_EVERY_MS = 5000;

/** Redraws one block (a headline and a line per item per job) in place, at most 10 times a second. */
export function terminalView(out: Writable, paint: Paint): View {
  const jobs = new Map<string, JobSnapshot>();
  let drawn = 0;
  let timer: NodeJS.Timeout | undefined;
  const draw = () => {
    timer = undefined;
    const lines = [...jobs.values()].flatMap((job) => [
      jobHeadline(job, paint),
      ...job.items.map((i) => itemLine(i, paint)),
    ]);
    const up = drawn > 0 ? `\x1b[${drawn}A` : '';
    out.write(`${up}${lines.map((line) => `\x1b[2K${line}`).join('\n')}\n`);
    drawn = lines.length;
  };
  return {
    onEvent(event) {
      if (event.type === 'log') return;
      jobs.set(event.job.jobId, event.job);
      timer ??= setTimeout(draw, REDRAW_MS);
    },
    end() {
      if (timer) {
        clearTimeout(timer);
        draw();
      }
      drawn = 0;
    },
  };
}

/** A line when a job changes phase, and a progress line at most every five seconds. */
export function plainView(out: Writable, paint: Paint, now: () => number = Date.now): View {
  const last = new Map<string, { phase: string; at: number }>();
  return {
    onEvent(event) {
      if (event.type === 'log') {
        if (event.level !== 'info') out.write(`${event.level}: ${event.message}\n`);
        return;
      }
      const { job } = event;
      const seen = last.get(job.jobId);
      if (seen && seen.phase === job.phase && now() - seen.at < PLAIN_EVERY_MS) return;
      last.set(job.jobId, { phase: job.phase, at: now() });
      out.write(`${jobHeadline(job, paint)}\n`);
    },
    end() {},
  };
}

export function jsonView(out: Writable): View {
  return {
    onEvent(event) {
      out.write(`${JSON.stringify(event)}\n`);
    },
    end() {},
  };
}
