// `courier fetch --json` prints a job's snapshot at most four times a second (the latest one wins),
// yet a reader never misses a job phase, the last state, or the order of the stream: a 200-artifact
// delivery printed 61 MB of JSON when every item's phase change was a full snapshot (issue 9).
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { JSON_EVERY_MS, jsonView } from '../../../electron/cli/render/json-view.js';
import type { EngineEvent, JobSnapshot } from '../../../electron/shared/snapshots.js';
import { makeJob } from '../../support/renderer-fixtures.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function capture() {
  const out = new PassThrough();
  const lines: string[] = [];
  out.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
  const view = jsonView(out, () => Date.now());
  const events = () => lines.map((line) => JSON.parse(line) as EngineEvent);
  const bytesOf = () =>
    events().map((event) =>
      event.type === 'job' ? `${event.job.phase}:${event.job.bytesDone}` : event.type,
    );
  return { view, bytesOf };
}

const job = (phase: JobSnapshot['phase'], bytesDone: number): EngineEvent => ({
  type: 'job',
  job: makeJob({ jobId: 'j1', phase, bytesDone }),
});

describe('--json job events', () => {
  test('snapshots within the interval are held and only the latest is printed when it ends', () => {
    const { view, bytesOf } = capture();
    view.onEvent(job('downloading', 1));
    view.onEvent(job('downloading', 2));
    view.onEvent(job('downloading', 3));
    expect(bytesOf()).toEqual(['downloading:1']);
    vi.advanceTimersByTime(JSON_EVERY_MS);
    expect(bytesOf()).toEqual(['downloading:1', 'downloading:3']);
  });

  test('a change of the job’s phase is printed at once, replacing what was held', () => {
    const { view, bytesOf } = capture();
    view.onEvent(job('downloading', 1));
    view.onEvent(job('downloading', 2));
    view.onEvent(job('staged', 3));
    vi.advanceTimersByTime(JSON_EVERY_MS * 4);
    expect(bytesOf()).toEqual(['downloading:1', 'staged:3']);
  });

  test('a log line goes out after the snapshot held before it, and the end prints what is held', () => {
    const { view, bytesOf } = capture();
    view.onEvent(job('downloading', 1));
    view.onEvent(job('downloading', 2));
    view.onEvent({ type: 'log', level: 'warn', message: 'slow link' });
    view.onEvent(job('downloading', 3));
    view.end();
    expect(bytesOf()).toEqual(['downloading:1', 'downloading:2', 'log', 'downloading:3']);
  });

  test('600 item phase changes in 5 seconds print about 20 snapshots, not 600', () => {
    const { view, bytesOf } = capture();
    for (let step = 0; step < 600; step += 1) {
      view.onEvent(job('downloading', step));
      vi.advanceTimersByTime(5000 / 600);
    }
    view.end();
    const printed = bytesOf();
    expect(printed.length).toBeLessThanOrEqual(5000 / JSON_EVERY_MS + 2);
    expect(printed.at(-1)).toBe('downloading:599');
  });
});
