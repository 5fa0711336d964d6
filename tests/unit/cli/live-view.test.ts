// The lines `courier fetch` draws and how it redraws them, replayed on a small terminal emulator:
// a live line never wraps at any width, a file keeps its name before a bar, a resize redraws in
// place, warnings stay above the block, the block is gone before the summary, and the summary tells
// each cause of error once with its remedy.
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { visibleLength } from '../../../electron/cli/render/fit.js';
import {
  itemLine,
  jobHeadline,
  jobSummary,
  noPaint,
  ansiPaint,
} from '../../../electron/cli/render/job-lines.js';
import { plainView, terminalView } from '../../../electron/cli/render/views.js';
import { appError } from '../../../electron/shared/app-error.js';
import type { EngineEvent, JobSnapshot } from '../../../electron/shared/snapshots.js';
import { makeItem, makeJob } from '../../support/renderer-fixtures.js';
import { TerminalScreen } from '../../support/terminal-screen.js';

const MiB = 1024 * 1024;
const LONG_MAP = 'Orthophoto_gaza_north_2_0_19_2023_11_21T13_13_01_792Z.gpkg';

const downloading = (fileName: string, done: number, size: number) =>
  makeItem({
    fileName,
    itemKey: `x@${fileName}`,
    phase: 'downloading',
    bytesDone: done,
    size,
    speed: 5 * MiB,
    etaMs: 4000,
  });

const busyJob = (catalogId = '1.field-nav@2.3.1'): JobSnapshot =>
  makeJob({
    catalogId,
    phase: 'downloading',
    bytesDone: 3 * MiB,
    bytesTotal: 9.5 * MiB,
    speed: 110 * MiB,
    etaMs: 60_000,
    items: [
      downloading('field-nav-offline-tiles-2.3.1.zip', 2 * MiB, 4 * MiB),
      downloading(LONG_MAP, MiB, 2 * MiB),
    ],
  });

describe('live lines', () => {
  test('are never wider than the width they are given, colours or not', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 200 }),
        fc.string({ minLength: 1, maxLength: 90 }),
        fc.boolean(),
        (width, name, colour) => {
          const paint = colour ? ansiPaint() : noPaint;
          const job = busyJob(name.replace(/\s/g, '_'));
          const staged = { ...job, phase: 'staged' as const, verified: true };
          for (const line of [
            jobHeadline(job, paint, width),
            jobHeadline(staged, paint, width),
            ...job.items.map((item) => itemLine(item, paint, width)),
          ])
            expect(visibleLength(line)).toBeLessThanOrEqual(width);
        },
      ),
    );
  });

  test('at 80 columns a file keeps its whole name: the bar goes first, then what matters least', () => {
    const line = itemLine(downloading('field-nav-offline-tiles-2.3.1.zip', 2 * MiB, 4 * MiB), noPaint, 79);
    expect(line).toMatch(
      /^ {2}field-nav-offline-tiles-2\.3\.1\.zip +50% {2}2\.0 MiB \/ 4\.0 MiB {2}5\.0 MiB\/s {2}00:04$/,
    );
    // A name longer than its column is shortened in the middle: its end (the extension) stays.
    expect(itemLine(downloading(LONG_MAP, MiB, 2 * MiB), noPaint, 79)).toMatch(
      /^ {2}Ortho\S*…\S*\.gpkg +50%/,
    );
  });

  test('a paused or resumed job says how much it kept', () => {
    const paused = makeJob({ phase: 'paused', bytesDone: 1024 * MiB, bytesTotal: 2048 * MiB });
    expect(jobHeadline(paused, noPaint)).toBe('1.field-nav@2.3.1  paused   50%  1.0 GiB / 2.0 GiB kept');
    const preparing = makeJob({ phase: 'preparing', bytesDone: 1024 * MiB, bytesTotal: 2048 * MiB });
    expect(jobHeadline(preparing, noPaint)).toMatch(
      /preparing on the server +50% {2}1\.0 GiB \/ 2\.0 GiB kept$/,
    );
  });
});

describe('the summary', () => {
  test('tells one cause once for all its files, with the option that lifts it, and says nothing was staged', () => {
    const refused = (file: string) =>
      appError({
        code: 'CLIENT.urlRejected',
        message: `The download address of item "1.x@${file}" was refused: the scheme "http:" is not allowed (https only).`,
        retryable: false,
        itemKey: `1.x@${file}`,
        detail: {
          reason: 'the scheme "http:" is not allowed (https only)',
          cause: 'http',
          origin: 'http://s:9',
          originAllowed: true,
        },
      });
    const items = ['a.msi', 'b.tar.gz', 'c.zip'].map((file) =>
      makeItem({
        itemKey: `1.x@${file}`,
        fileName: null,
        phase: 'rejected',
        outcome: 'rejected',
        error: refused(file),
      }),
    );
    const job = makeJob({
      catalogId: '1.x',
      phase: 'failed',
      items,
      error: { ...refused('a.msi'), message: 'Nothing was staged: all 3 failed' },
    });
    const lines = jobSummary(job, noPaint);
    expect(lines).toEqual([
      '1.x  failed: CLIENT.urlRejected',
      '  a.msi                                 FAILED CLIENT.urlRejected',
      '  b.tar.gz                              FAILED CLIENT.urlRejected',
      '  c.zip                                 FAILED CLIENT.urlRejected',
      '  Nothing was staged.',
      '  CLIENT.urlRejected, for each of 3 files: the download address was refused: the scheme "http:" is not allowed (https only).',
      '    A download address is not allowed. If that server is yours (plain http is for lab servers), run the command again with --allow-http.',
    ]);
  });
});

/** A stream that looks like a terminal of `columns`, replayed on a TerminalScreen. */
function fakeTerminal(columns: number) {
  const screen = new TerminalScreen(columns);
  const out = Object.assign(new PassThrough(), { isTTY: true, columns, rows: 24 });
  out.on('data', (chunk: Buffer) => screen.write(chunk.toString()));
  const resize = (to: number) => {
    screen.resize(to);
    out.columns = to;
    out.emit('resize');
  };
  return { out, screen, resize };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 150));
const jobEvent = (job: JobSnapshot): EngineEvent => ({ type: 'job', job });

describe('the live view', () => {
  test('redraws in place at 80 columns, keeps warnings above, survives a resize, and is gone before the summary', async () => {
    const { out, screen, resize } = fakeTerminal(80);
    out.write('$ courier fetch 1.field-nav@2.3.1\n');
    const view = terminalView(out, ansiPaint());
    const job = busyJob();
    view.onEvent(jobEvent(job));
    await flush();
    view.onEvent(jobEvent({ ...job, bytesDone: 4 * MiB }));
    view.onEvent({
      type: 'log',
      level: 'warn',
      message:
        "While asking the server for the delivery's status: it did not answer in time. Trying again in 2 s (attempt 2 of 5).",
    });
    await flush();
    expect(screen.lines()).toHaveLength(1 + 2 + 3);
    expect(screen.lines()[1]).toMatch(/^warn: While asking the server/);
    for (const line of screen.lines().slice(3)) expect(line.length).toBeLessThan(80);

    resize(50);
    await flush();
    const rows = screen.lines();
    expect(screen.overshoots).toBe(0);
    // The command and the warning above stay; the block is drawn once, for 50 columns.
    expect(rows[0]).toBe('$ courier fetch 1.field-nav@2.3.1');
    expect(rows.filter((row) => row.startsWith('1.field-nav@2.3.1'))).toHaveLength(1);
    for (const row of rows.slice(-3)) expect(row.length).toBeLessThan(50);

    view.end();
    const items = job.items.map((item) => ({
      ...item,
      phase: 'done' as const,
      outcome: 'verified' as const,
    }));
    for (const line of jobSummary({ ...job, phase: 'staged', verified: true, items }, noPaint))
      out.write(`${line}\n`);
    const final = screen.logicalLines();
    expect(final.filter((line) => line.startsWith('1.field-nav@2.3.1'))).toEqual([
      '1.field-nav@2.3.1  staged, verified  /staging/1.field-nav@2.3.1',
    ]);
    expect(final.join('\n')).not.toMatch(/\[[#.]+\]|ETA/);
  });

  test('without a terminal: a line per phase change and every warning; the end is left to the summary', () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const view = plainView(out, noPaint, () => 0);
    const job = busyJob();
    view.onEvent(jobEvent({ ...job, phase: 'preparing' }));
    view.onEvent({
      type: 'log',
      level: 'warn',
      message:
        'While asking the server to prepare the delivery: reset. Trying again in 1 s (attempt 2 of 5).',
    });
    view.onEvent(jobEvent(job));
    view.onEvent(jobEvent({ ...job, phase: 'staged', verified: true }));
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(
      'warn: While asking the server to prepare the delivery: reset. Trying again in 1 s (attempt 2 of 5).',
    );
    expect(text).not.toContain('staged');
  });
});
