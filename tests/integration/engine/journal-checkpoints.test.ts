// Download checkpoints through the progress log (C1, goal 4): what the journal writer appends and
// when it rewrites instead. The order fsync data → append → fdatasync, through a whole engine, is
// checkpoint-order.test.ts.
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ManualClock } from '../../../electron/engine/clock.js';
import { createJournalSync } from '../../../electron/engine/job/journal-sync.js';
import { ItemState, JobState } from '../../../electron/engine/job/job-state.js';
import type { PlannedItem } from '../../../electron/engine/job/plan-items.js';
import { openJobFolder } from '../../../electron/engine/staging/job-folder.js';
import { JOURNAL_FILE, readJournal } from '../../../electron/engine/staging/journal.js';
import {
  PROGRESS_LOG_COMPACT_BYTES,
  PROGRESS_LOG_FILE,
} from '../../../electron/engine/staging/progress-log.js';
import { decodeRecords, encodeRecords } from '../../../electron/engine/staging/progress-record.js';
import { errno, faultyFs, type Faults } from '../../support/staging-faulty-fs.js';
import { useTempDirs } from '../../support/temp-dir.js';

const tempDir = useTempDirs();
const CATALOG = '9.tool@1.0.0';
const MiB = 1024 * 1024;

function planned(name: string): PlannedItem {
  return {
    itemKey: `${CATALOG}@${name}`,
    artifactType: 'software',
    disposition: 'download',
    fileName: name,
    url: null,
    size: 64 * MiB,
    expectedHash: null,
    expectedHashText: null,
    signature: null,
    isExecutable: false,
    arguments: null,
    metaData: null,
    reference: null,
    error: null,
  };
}

/** A journal writer over a real job folder with two items, every file-system call recorded. */
async function writer(faults: Faults = {}, names = ['a.bin', 'b.bin'], previousGeneration?: number) {
  const clock = new ManualClock();
  const fs = faultyFs(faults);
  const opened = await openJobFolder({ stagingRoot: await tempDir(), catalogId: CATALOG, fs, clock });
  if (!opened.ok) throw new Error(opened.error.message);
  const folder = opened.value;
  const state = new JobState('00000000-0000-4000-8000-000000000000', CATALOG, 'software', clock);
  state.items = names.map((name) => new ItemState(planned(name), clock));
  let writable = true;
  const sync = createJournalSync({
    folder,
    state,
    apiOrigin: 'https://getapp.example',
    deviceId: 'laptop-7',
    startedAt: '2026-07-02T08:00:00.000Z',
    outbox: () => [],
    lastReportTime: () => 0,
    planned: () => true,
    writable: () => writable,
    previousGeneration,
  });
  /** The calls made from now on, as "op file". */
  const from = () => {
    const start = fs.calls.length;
    return () => fs.calls.slice(start).map((c) => `${c.op} ${basename(c.path)}`);
  };
  const move = (index: number, offset: number, etag = '"v1"') => {
    const item = state.items[index]!;
    if (item.phase === 'pending') item.moveTo('downloading');
    item.resume = { offset, validator: { etag } };
  };
  const offsets = async () => (await readJournal(folder)).journal?.items.map((i) => i.offset);
  const journalText = () => readFile(join(folder.controlDir, JOURNAL_FILE), 'utf8');
  return { fs, folder, state, sync, from, move, offsets, journalText, loseLock: () => (writable = false) };
}

describe('the journal writer and the progress log', () => {
  test('goal 4: a checkpoint that moves a resume point forward is one append and one fdatasync; the journal stays', async () => {
    const w = await writer();
    expect((await w.sync.save()).ok).toBe(true);
    const journal = await w.journalText();
    w.move(0, 8 * MiB);
    const calls = w.from();
    expect((await w.sync.checkpoint()).ok).toBe(true);
    expect(calls()).toEqual([
      `open ${PROGRESS_LOG_FILE}`,
      `write ${PROGRESS_LOG_FILE}`,
      `datasync ${PROGRESS_LOG_FILE}`,
      `close ${PROGRESS_LOG_FILE}`,
    ]);
    expect(await w.journalText()).toBe(journal);
    expect(await w.offsets()).toEqual([8 * MiB, 0]);
    // Nothing moved: nothing is written.
    const again = w.from();
    expect((await w.sync.checkpoint()).ok).toBe(true);
    expect(again()).toEqual([]);
  });

  test('goal 4: checkpoints waiting together go out as one append', async () => {
    const w = await writer();
    await w.sync.save();
    w.move(0, 8 * MiB);
    const first = w.sync.checkpoint();
    w.move(1, 16 * MiB);
    const second = w.sync.checkpoint();
    expect(second).toBe(first);
    const calls = w.from();
    expect((await first).ok).toBe(true);
    expect(calls().filter((c) => c.startsWith('write'))).toEqual([`write ${PROGRESS_LOG_FILE}`]);
    expect(await w.offsets()).toEqual([8 * MiB, 16 * MiB]);
  });

  test('T8/I1: a resume point that moves back (a restart from zero) is a rewrite, so no older record can undo it', async () => {
    const w = await writer();
    await w.sync.save();
    w.move(0, 8 * MiB);
    await w.sync.checkpoint();
    w.move(0, 0, '"v2"');
    const calls = w.from();
    expect((await w.sync.checkpoint()).ok).toBe(true);
    expect(calls()).toContain(`rename ${JOURNAL_FILE}.tmp`);
    expect(await readFile(join(w.folder.controlDir, PROGRESS_LOG_FILE), 'utf8')).toBe('');
    expect((await readJournal(w.folder)).journal).toMatchObject({
      generation: 2,
      items: [{ offset: 0, validator: { etag: '"v2"' } }, { offset: 0 }],
    });
    // A new validator at the same offset cannot be a record either.
    w.move(1, 0, '"v3"');
    const more = w.from();
    await w.sync.checkpoint();
    expect(more()).toContain(`rename ${JOURNAL_FILE}.tmp`);
  });

  test('C1: a checkpoint before this run wrote its journal, or joined by a save, rewrites the journal', async () => {
    const w = await writer();
    w.move(0, 8 * MiB);
    const calls = w.from();
    await w.sync.checkpoint();
    expect(calls()).toContain(`rename ${JOURNAL_FILE}.tmp`);
    w.move(0, 9 * MiB);
    const joined = w.from();
    const checkpoint = w.sync.checkpoint();
    expect(w.sync.save()).toBe(checkpoint);
    await checkpoint;
    expect(joined()).toContain(`rename ${JOURNAL_FILE}.tmp`);
    expect(joined()).not.toContain(`write ${PROGRESS_LOG_FILE}`);
    expect(await w.offsets()).toEqual([9 * MiB, 0]);
  });

  test('F5/C1: an append whose fdatasync fails falls back to a rewrite of the journal', async () => {
    let failing = true;
    const w = await writer({
      before: (call) =>
        failing && call.op === 'datasync' && call.path.endsWith(PROGRESS_LOG_FILE) ? errno('EIO') : undefined,
    });
    await w.sync.save();
    w.move(0, 8 * MiB);
    const calls = w.from();
    expect((await w.sync.checkpoint()).ok).toBe(true);
    expect(calls()).toContain(`rename ${JOURNAL_FILE}.tmp`);
    expect(JSON.parse(await w.journalText()).items[0].offset).toBe(8 * MiB);
    // The log is trusted again once a rewrite emptied it.
    failing = false;
    w.move(0, 16 * MiB);
    const next = w.from();
    await w.sync.checkpoint();
    expect(next()).not.toContain(`rename ${JOURNAL_FILE}.tmp`);
    expect(await w.offsets()).toEqual([16 * MiB, 0]);
  });

  test('C1: past its compaction size the log is folded into a rewritten journal', async () => {
    // Item keys this long make every record ~100 KiB, so the log fills in a few appends.
    const w = await writer({}, ['k'.repeat(100 * 1024)]);
    await w.sync.save();
    let appends = 0;
    for (let offset = 1; offset < 100; offset += 1) {
      w.move(0, offset);
      const calls = w.from();
      await w.sync.checkpoint();
      if (calls().includes(`rename ${JOURNAL_FILE}.tmp`)) break;
      appends += 1;
    }
    const recordBytes = encodeRecords([
      { generation: 1, itemKey: w.state.items[0]!.plan.itemKey, offset: 1, validator: { etag: '"v1"' } },
    ]).length;
    expect(appends).toBe(Math.ceil(PROGRESS_LOG_COMPACT_BYTES / recordBytes));
    expect(await readFile(join(w.folder.controlDir, PROGRESS_LOG_FILE), 'utf8')).toBe('');
    expect(await w.offsets()).toEqual([appends + 1]);
  });

  test('C1: a run writes the generation after the journal it read, whose records then no longer apply', async () => {
    const w = await writer({}, ['a.bin'], 5);
    expect((await w.sync.save()).ok).toBe(true);
    expect((await readJournal(w.folder)).journal?.generation).toBe(6);
    w.move(0, 8 * MiB);
    await w.sync.checkpoint();
    const line = await readFile(join(w.folder.controlDir, PROGRESS_LOG_FILE), 'utf8');
    expect(decodeRecords(Buffer.from(line))).toMatchObject([{ generation: 6, offset: 8 * MiB }]);
  });

  test('C4: once the lock is lost a checkpoint touches nothing', async () => {
    const w = await writer();
    await w.sync.save();
    w.loseLock();
    w.move(0, 8 * MiB);
    const calls = w.from();
    expect((await w.sync.checkpoint()).ok).toBe(true);
    expect(calls()).toEqual([]);
  });
});
