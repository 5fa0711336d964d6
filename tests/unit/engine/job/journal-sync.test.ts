// A job that lost its lock (C4) writes nothing more into its folder: the new owner keeps the journal.
import { describe, expect, test } from 'vitest';
import { createJournalSync, type JournalContext } from '../../../../electron/engine/job/journal-sync.js';
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
