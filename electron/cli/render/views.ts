// How `courier fetch` shows progress: a live view on a terminal, periodic plain lines otherwise,
// NDJSON with --json (json-view.ts). Each view takes engine events and writes to the command's stdout.
import type { Writable } from 'node:stream';
import type { EngineEvent, JobSnapshot } from '../../shared/snapshots.js';
import { visibleLength } from './fit.js';
import { itemLine, jobHeadline, type Paint } from './job-lines.js';

export interface View {
  onEvent(event: EngineEvent): void;
  /** Stops redrawing; the command prints its summary after this. */
  end(): void;
}

const REDRAW_MS = 100;
const PLAIN_EVERY_MS = 5000;
/** When the stream does not say (a test, a pipe that claims to be a terminal). */
const DEFAULT_COLUMNS = 80;

/** A terminal's output: its size, and a 'resize' event when the window changes (tty.WriteStream). */
export type TerminalOut = Writable & { readonly columns?: number; readonly rows?: number };

/**
 * Redraws one block (a headline and a line per item per job) in place, at most 10 times a second.
 * Every line is cut to the width, so each takes one row and moving up one row per line lands on the
 * block's first row. After a resize the lines already drawn take the rows a reflowing terminal
 * gives them at the new width. Warnings are printed above the block, which then redraws below them;
 * at the end the block is erased, so the summary that follows is the only account.
 */
export function terminalView(out: TerminalOut, paint: Paint): View {
  const jobs = new Map<string, JobSnapshot>();
  /** Visible lengths of the block's lines on screen now (empty: nothing drawn). */
  let onScreen: number[] = [];
  let timer: NodeJS.Timeout | undefined;
  const columns = () => (out.columns && out.columns > 0 ? out.columns : DEFAULT_COLUMNS);
  const rowsTaken = () => onScreen.reduce((sum, len) => sum + Math.max(1, Math.ceil(len / columns())), 0);
  /** Back to the block's first row, ready to overwrite it. */
  const up = () => (onScreen.length > 0 ? `\x1b[${rowsTaken()}A\r` : '\r');
  const frame = (): string[] => {
    // One column to spare: a line as wide as the terminal leaves some terminals' cursor pending.
    const width = columns() - 1;
    const lines = [...jobs.values()].flatMap((job) => [
      jobHeadline(job, paint, width),
      ...job.items.map((item) => itemLine(item, paint, width, { catalogId: job.catalogId })),
    ]);
    // A block taller than the screen could not be reached again by moving up.
    const room = out.rows && out.rows > 2 ? out.rows - 1 : lines.length;
    if (lines.length <= room) return lines;
    return [...lines.slice(0, room - 1), `  … and ${lines.length - room + 1} more lines`];
  };
  const draw = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const lines = frame();
    out.write(`${up()}${lines.map((line) => `\x1b[2K${line}\n`).join('')}\x1b[J`);
    onScreen = lines.map(visibleLength);
  };
  const onResize = () => {
    if (onScreen.length > 0) draw();
  };
  out.on('resize', onResize);
  return {
    onEvent(event) {
      if (event.type === 'log') {
        if (event.level === 'info') return;
        // Above the block, where it stays: the block is drawn again below it.
        out.write(`${up()}\x1b[J${event.level}: ${event.message}\n`);
        onScreen = [];
        if (jobs.size > 0) draw();
        return;
      }
      // Waiting status reports are told once, in the summary.
      if (event.type !== 'job') return;
      jobs.set(event.job.jobId, event.job);
      timer ??= setTimeout(draw, REDRAW_MS);
    },
    end() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      out.off('resize', onResize);
      if (onScreen.length > 0) out.write(`${up()}\x1b[J`);
      onScreen = [];
    },
  };
}

/** Phases the summary tells: a line for them here would only say it twice. */
const FINAL: ReadonlySet<string> = new Set(['staged', 'failed', 'paused', 'cancelled']);

/** A line when a job changes phase, and a progress line at most every five seconds. */
export function plainView(out: Writable, paint: Paint, now: () => number = Date.now): View {
  const last = new Map<string, { phase: string; at: number }>();
  return {
    onEvent(event) {
      if (event.type === 'log') {
        if (event.level !== 'info') out.write(`${event.level}: ${event.message}\n`);
        return;
      }
      if (event.type !== 'job') return;
      const { job } = event;
      if (FINAL.has(job.phase)) return;
      const seen = last.get(job.jobId);
      if (seen && seen.phase === job.phase && now() - seen.at < PLAIN_EVERY_MS) return;
      last.set(job.jobId, { phase: job.phase, at: now() });
      out.write(`${jobHeadline(job, paint)}\n`);
    },
    end() {},
  };
}
