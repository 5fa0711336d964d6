// The progress log beside the journal (C1, goal 4): a read applies the records of the journal's
// generation, a rewrite starts a new one and empties the log, and a crash at any step of an append or
// of the emptying leaves a resume point the disk holds. Real files; faults through faultyFs.
import { lstat, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ManualClock } from '../../../../electron/engine/clock.js';
import { nodeFs } from '../../../../electron/engine/staging/fs-adapter.js';
import { openJobFolder, type JobFolder } from '../../../../electron/engine/staging/job-folder.js';
import { JOURNAL_FILE, readJournal, writeJournal } from '../../../../electron/engine/staging/journal.js';
import type { Journal } from '../../../../electron/engine/staging/journal.js';
import { appendProgress, PROGRESS_LOG_FILE } from '../../../../electron/engine/staging/progress-log.js';
import { encodeRecords, type ProgressRecord } from '../../../../electron/engine/staging/progress-record.js';
import { errno, faultyFs } from '../../../support/staging-faulty-fs.js';
import { useTempDirs } from '../../../support/temp-dir.js';

const tempDir = useTempDirs();
const KEY = '9.tool@1.0.0@tool.bin';

async function jobFolder(): Promise<JobFolder> {
  const opened = await openJobFolder({
    stagingRoot: await tempDir(),
    catalogId: '9.tool@1.0.0',
    fs: nodeFs,
    clock: new ManualClock(),
  });
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value;
}

function journal(offset: number, generation?: number): Journal {
  return {
    format: 'courier-journal/1',
    ...(generation !== undefined ? { generation } : {}),
    catalogId: '9.tool@1.0.0',
    itemType: 'software',
    apiOrigin: 'https://getapp.example:8443',
    deviceId: 'laptop-7',
    startedAt: '2026-07-02T08:00:00.000Z',
    snapshot: null,
    items: [{ itemKey: KEY, offset, validator: { etag: '"v1"' }, state: 'downloading' }],
    outbox: [],
  };
}

const record = (offset: number, generation: number): ProgressRecord => ({
  generation,
  itemKey: KEY,
  offset,
  validator: { etag: '"v1"' },
});

/** Writes `journal`, returning the generation now on disk. */
async function written(folder: JobFolder, value: Journal): Promise<number> {
  const result = await writeJournal(folder, value);
  if (!result.ok) throw new Error(result.error.message);
  expect(result.value.logEmpty).toBe(true);
  return result.value.generation;
}

const offsetRead = async (folder: JobFolder) => (await readJournal(folder)).journal?.items[0]?.offset;
const logText = (folder: JobFolder) => readFile(join(folder.controlDir, PROGRESS_LOG_FILE), 'utf8');

describe('progress log', () => {
  test('C1: a read applies the records of the journal generation; a rewrite starts the next and empties the log', async () => {
    const folder = await jobFolder();
    const first = await written(folder, journal(1024));
    expect(first).toBe(1);
    const end = await appendProgress(folder, 0, [record(2048, first)]);
    expect(end.ok).toBe(true);
    if (!end.ok) return;
    expect((await appendProgress(folder, end.value, [record(4096, first)])).ok).toBe(true);
    const read = await readJournal(folder);
    expect(read).toEqual({ journal: { ...journal(4096), generation: 1 } });

    // The journal as read (generation 1, offset 4096) written again: generation 2, the log emptied.
    expect(await written(folder, read.journal!)).toBe(2);
    expect(await logText(folder)).toBe('');
    expect(await readJournal(folder)).toEqual({ journal: { ...journal(4096), generation: 2 } });
    expect((await readdir(folder.controlDir)).sort()).toEqual(
      [JOURNAL_FILE, 'parts', PROGRESS_LOG_FILE].sort(),
    );
  });

  test('C1: a crash at any step of an append (a torn write included) leaves the previous or the new resume point', async () => {
    const probe = await jobFolder();
    await written(probe, journal(1024));
    const clean = faultyFs();
    await appendProgress({ ...probe, fs: clean }, 0, [record(2048, 1)]);
    const steps = clean.calls.length;
    expect(clean.calls.map((c) => c.op)).toEqual(['open', 'write', 'datasync', 'close']);
    const seen = new Set<number>();
    for (let crashAt = 0; crashAt <= steps; crashAt += 1) {
      for (const torn of [false, true]) {
        const folder = await jobFolder();
        await written(folder, journal(1024));
        const before = await appendProgress(folder, 0, [record(2048, 1)]);
        if (!before.ok) throw new Error(before.error.message);
        let dead = false;
        const fs = faultyFs({
          before: (call, index) => {
            if (dead || index > crashAt || (index === crashAt && !(torn && call.op === 'write'))) {
              dead = true;
              return errno('EIO', 'crashed');
            }
            return undefined;
          },
          mutateWrite: (_path, bytes) => (torn ? bytes.subarray(0, Math.ceil(bytes.length / 2)) : bytes),
        });
        const appended = await appendProgress({ ...folder, fs }, before.value, [record(8192, 1)]);
        const read = await readJournal(folder);
        expect(read.warning, `crash at ${crashAt}, torn ${torn}`).toBeUndefined();
        const offset = read.journal?.items[0]?.offset;
        expect([2048, 8192], `crash at ${crashAt}, torn ${torn}`).toContain(offset);
        // Only an append that said it succeeded may be relied on, and then it is there.
        if (appended.ok) expect(offset).toBe(8192);
        seen.add(offset!);
        // The writer rewrites after a failed append: the next generation starts from an empty log.
        const next = await written(folder, read.journal!);
        expect((await appendProgress(folder, 0, [record(9000, next)])).ok).toBe(true);
        expect(await offsetRead(folder)).toBe(9000);
      }
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([2048, 8192]);
  });

  test('C1: killed between a rewrite and the emptying of the log, the old records are ignored (a restart is not undone)', async () => {
    const folder = await jobFolder();
    const first = await written(folder, journal(1024));
    expect((await appendProgress(folder, 0, [record(3_000_000, first)])).ok).toBe(true);
    // The item restarted from zero (T8) and moved to 2048: a rewrite, which dies before it empties the log.
    const fs = faultyFs({ before: (call) => (call.op === 'truncate' ? errno('EIO', 'crashed') : undefined) });
    const result = await writeJournal({ ...folder, fs }, { ...journal(2048), generation: first });
    // The journal itself is on disk; only the log could not be emptied, so the writer must rewrite again.
    expect(result).toEqual({ ok: true, value: { generation: 2, logEmpty: false } });
    expect(await logText(folder)).not.toBe('');
    expect(await offsetRead(folder)).toBe(2048);
  });

  test('C1: a journal with no generation to follow clears the log durably before it is written', async () => {
    const folder = await jobFolder();
    await written(folder, journal(1024));
    expect((await appendProgress(folder, 0, [record(3_000_000, 1)])).ok).toBe(true);
    // A new run that read no journal of ours (missing, damaged, or an older Courier's) starts again at
    // generation 1: a record of an earlier generation 1 must never apply to it.
    const fs = faultyFs();
    expect(await writeJournal({ ...folder, fs }, journal(0))).toMatchObject({
      ok: true,
      value: { generation: 1 },
    });
    const ops = fs.calls.map((c) => `${c.op} ${c.path.split('/').pop()}`);
    const cleared = ops.indexOf(`datasync ${PROGRESS_LOG_FILE}`);
    expect(ops.indexOf(`truncate ${PROGRESS_LOG_FILE}`)).toBeGreaterThanOrEqual(0);
    expect(cleared).toBeGreaterThan(ops.indexOf(`truncate ${PROGRESS_LOG_FILE}`));
    expect(cleared).toBeLessThan(ops.indexOf(`rename ${JOURNAL_FILE}.tmp`));
    expect(await offsetRead(folder)).toBe(0);
  });

  test('C1: a journal an older Courier wrote (no generation) is read without the log', async () => {
    const folder = await jobFolder();
    await writeFile(join(folder.controlDir, JOURNAL_FILE), JSON.stringify(journal(1024)));
    await writeFile(join(folder.controlDir, PROGRESS_LOG_FILE), encodeRecords([record(4096, 1)]));
    expect(await readJournal(folder)).toEqual({ journal: journal(1024) });
  });

  test('C1/F6: a log planted as a symlink is not followed: a read ignores it with a warning, a rewrite replaces it', async () => {
    const folder = await jobFolder();
    const generation = await written(folder, journal(1024));
    const outside = join(await tempDir(), 'planted.log');
    const planted = encodeRecords([record(4096, generation)]);
    await writeFile(outside, planted);
    await rm(join(folder.controlDir, PROGRESS_LOG_FILE));
    await symlink(outside, join(folder.controlDir, PROGRESS_LOG_FILE));
    expect(await readJournal(folder)).toMatchObject({
      journal: { items: [{ offset: 1024 }] },
      warning: expect.stringMatching(/progress log.*ignored.*symbolic link/s),
    });
    // An append refuses to write through it (the writer then rewrites), and the rewrite replaces it.
    expect((await appendProgress(folder, 0, [record(8192, generation)])).ok).toBe(false);
    await written(folder, { ...journal(1024), generation });
    expect((await lstat(join(folder.controlDir, PROGRESS_LOG_FILE))).isFile()).toBe(true);
    expect(await readFile(outside)).toEqual(planted);
  });

  test('F3: after the job folder vanished an append fails and a rewrite reports the drive gone; nothing is recreated', async () => {
    const folder = await jobFolder();
    await written(folder, journal(1024));
    await rm(folder.path, { recursive: true });
    expect((await appendProgress(folder, 0, [record(2048, 1)])).ok).toBe(false);
    expect(await writeJournal(folder, { ...journal(2048), generation: 1 })).toMatchObject({
      ok: false,
      error: { code: 'CLIENT.targetRemoved' },
    });
    expect(await readdir(folder.root)).toEqual([]);
  });
});
