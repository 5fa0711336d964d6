// A job that lost its lock (C4) writes nothing more into its folder: the new owner keeps the journal.
import { describe, expect, test } from 'vitest';
import { keptItems } from '../../../../electron/engine/job/journal-restore.js';
import {
  buildJournal,
  createJournalSync,
  type JournalContext,
} from '../../../../electron/engine/job/journal-sync.js';
import { JobState } from '../../../../electron/engine/job/job-state.js';
import { ManualClock } from '../../../../electron/engine/clock.js';
import type { StagingFs } from '../../../../electron/engine/staging/fs-adapter.js';
import type { JobFolder } from '../../../../electron/engine/staging/job-folder.js';

function contextWith(writable: () => boolean, touched: string[]): JournalContext {
  // Every file-system call is recorded and fails, so any write attempt shows up twice over.
  const fs = new Proxy({} as StagingFs, {
    get: (_target, name) => () => {
      touched.push(String(name));
      return Promise.reject(Object.assign(new Error('no writes expected'), { code: 'EIO' }));
    },
  });
  const folder = {
    path: '/job',
    controlDir: '/job/.courier',
    partsDir: '/job/.courier/parts',
    fs,
  } as JobFolder;
  return {
    folder,
    state: new JobState('00000000-0000-4000-8000-000000000000', '1.x@1.0.0', 'software', new ManualClock()),
    apiOrigin: 'https://getapp.example',
    deviceId: 'laptop-7',
    startedAt: '2026-12-02T00:00:00.000Z',
    outbox: () => [],
    lastReportTime: () => 0,
    planned: () => false,
    writable,
  };
}

describe('journal writes and the lock (C4)', () => {
  test('while the lock is held a save writes (here: tries to, and reports the failure)', async () => {
    const touched: string[] = [];
    const saved = await createJournalSync(contextWith(() => true, touched)).save();
    expect(saved.ok).toBe(false);
    expect(touched.length).toBeGreaterThan(0);
  });

  test('once the lock is lost, a save touches nothing', async () => {
    const touched: string[] = [];
    let held = true;
    const journal = createJournalSync(contextWith(() => held, touched));
    held = false;
    expect((await journal.save()).ok).toBe(true);
    expect(touched).toEqual([]);
  });
});

describe('a run stopped before its plan', () => {
  const snapshot = [
    {
      itemKey: '1.x@a.bin',
      fileName: 'a.bin',
      artifactType: 'software' as const,
      size: 2048,
      expectedHash: null,
      signature: 'c2ln',
      isExecutable: false,
      arguments: null,
      metaData: null,
      reference: null,
    },
  ];
  const progress = [
    { itemKey: '1.x@a.bin', offset: 1024, validator: { etag: '"e"' }, state: 'paused' as const },
  ];

  test('writes the last plan again with the kept items, so the next run still resumes from them', () => {
    const context = contextWith(() => true, []);
    const previous = {
      format: 'courier-journal/1' as const,
      catalogId: '1.x@1.0.0',
      itemType: 'software' as const,
      apiOrigin: 'https://getapp.example',
      deviceId: 'laptop-7',
      startedAt: '2026-12-02T00:00:00.000Z',
      snapshot,
      items: progress,
      outbox: [],
    };
    context.state.items = keptItems(previous, new ManualClock());
    const written = buildJournal({ ...context, previousSnapshot: snapshot });
    expect(written.snapshot).toEqual(snapshot);
    expect(written.items).toEqual([{ ...progress[0], state: 'paused' }]);
    // What the snapshot shows meanwhile: the bytes kept, for a size that is known.
    expect(context.state.snapshot()).toMatchObject({ bytesDone: 1024, bytesTotal: 2048 });
  });
});
