// The per-job lock (C4) on real files: exclusive create, heartbeat through a fake clock, stale takeover,
// and a real child process holding the lock.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ManualClock } from '../../../../electron/engine/clock.js';
import { nodeFs } from '../../../../electron/engine/staging/fs-adapter.js';
import { openJobFolder } from '../../../../electron/engine/staging/job-folder.js';
import type { JobFolder } from '../../../../electron/engine/staging/job-folder.js';
import { acquireLock, LOCK_FILE } from '../../../../electron/engine/staging/lock.js';
import type { AppError } from '../../../../electron/shared/app-error.js';
import { useTempDirs } from '../../../support/temp-dir.js';

const tempDir = useTempDirs();

async function jobFolder(clock = new ManualClock()): Promise<JobFolder> {
  const opened = await openJobFolder({
    stagingRoot: await tempDir(),
    catalogId: '9.tool@1.0.0',
    fs: nodeFs,
    clock,
  });
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value;
}

const lockOn = (folder: JobFolder, clock: ManualClock) => ({ ...folder, clock });
const readLock = async (folder: JobFolder) =>
  JSON.parse(await readFile(join(folder.controlDir, LOCK_FILE), 'utf8')) as Record<string, unknown>;

describe('acquireLock (C4)', () => {
  test('two acquirers in one process: exactly one gets the lock, the other CLIENT.locked with the pid', async () => {
    const clock = new ManualClock();
    const folder = await jobFolder(clock);
    const results = await Promise.all([acquireLock(folder), acquireLock(folder)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'CLIENT.locked', detail: { pid: process.pid } },
    });
    expect(!refused!.ok && refused!.error.message).toMatch(
      new RegExp(`in use by another Courier window or process \\(pid ${process.pid} on `),
    );
    const winner = results.find((r) => r.ok);
    if (!winner?.ok) throw new Error('no winner');
    expect(await readLock(folder)).toMatchObject({
      pid: process.pid,
      hostname: hostname(),
      heartbeatAt: '2026-07-02T08:00:00.000Z',
    });
    expect(await winner.value.release()).toEqual({ ok: true, value: undefined });
    const again = await acquireLock(folder);
    expect(again.ok).toBe(true);
    if (again.ok) await again.value.release();
  });

  test('the heartbeat rewrites heartbeatAt every 3 s of the injected clock', async () => {
    const clock = new ManualClock();
    const folder = await jobFolder(clock);
    const lock = await acquireLock(folder);
    if (!lock.ok) throw new Error(lock.error.message);
    await clock.advance(3_000);
    await lock.value.settled();
    expect(await readLock(folder)).toMatchObject({
      heartbeatAt: '2026-07-02T08:00:03.000Z',
      startedAt: '2026-07-02T08:00:00.000Z',
    });
    await clock.advance(3_000);
    await lock.value.settled();
    expect((await readLock(folder)).heartbeatAt).toBe('2026-07-02T08:00:06.000Z');
    await lock.value.release();
    expect(clock.pending).toBe(0);
  });

  test('a lock whose heartbeat is older than 10 s is taken over; the old holder learns it lost it', async () => {
    const frozen = new ManualClock(); // the old holder's time stands still: it stopped heart-beating
    const folder = await jobFolder(frozen);
    const old = await acquireLock(lockOn(folder, frozen), { hostname: 'other-laptop', pid: 4242 });
    if (!old.ok) throw new Error(old.error.message);

    const later = new ManualClock(frozen.now() + 10_000);
    expect(await acquireLock(lockOn(folder, later))).toMatchObject({
      ok: false,
      error: { code: 'CLIENT.locked' },
    });
    await later.advance(1);
    const taken = await acquireLock(lockOn(folder, later));
    expect(taken.ok).toBe(true);
    expect(await readLock(folder)).toMatchObject({
      pid: process.pid,
      heartbeatAt: '2026-07-02T08:00:10.001Z',
    });

    expect(await old.value.refresh()).toMatchObject({ ok: false, error: { code: 'CLIENT.locked' } });
    await old.value.release(); // must not remove the new holder's lock
    expect(await readLock(folder)).toMatchObject({ pid: process.pid });
    if (taken.ok) await taken.value.release();
  });

  test('a heartbeat that finds the lock gone calls onLost and stops', async () => {
    const clock = new ManualClock();
    const folder = await jobFolder(clock);
    const lost: AppError[] = [];
    const lock = await acquireLock(folder, { onLost: (error) => lost.push(error) });
    if (!lock.ok) throw new Error(lock.error.message);
    expect(lock.value.held()).toBe(true);
    await rm(join(folder.controlDir, LOCK_FILE));
    await clock.advance(3_000);
    await lock.value.settled();
    expect(lost).toMatchObject([{ code: 'CLIENT.locked' }]);
    expect(lock.value.held()).toBe(false);
    expect(clock.pending).toBe(0);
  });

  test('an unreadable lock is held while fresh and taken over once older than 10 s (file-system time)', async () => {
    const clock = new ManualClock();
    const folder = await jobFolder(clock);
    const path = join(folder.controlDir, LOCK_FILE);
    await writeFile(path, '');
    expect(await acquireLock(folder)).toMatchObject({ ok: false, error: { code: 'CLIENT.locked' } });
    const old = new Date(Date.now() - 60_000);
    await utimes(path, old, old);
    const taken = await acquireLock(folder);
    expect(taken.ok).toBe(true);
    if (taken.ok) await taken.value.release();
  });

  test('a real child process holding the lock: refused with its pid; after it dies, taken over', async () => {
    const clock = new ManualClock();
    const folder = await jobFolder(clock);
    const path = join(folder.controlDir, LOCK_FILE);
    const at = new Date(clock.now()).toISOString();
    const script = `
      const fs = require('node:fs');
      const [lock, at] = process.argv.slice(1);
      const info = { pid: process.pid, hostname: require('node:os').hostname(), startedAt: at, heartbeatAt: at, token: 'child' };
      fs.writeFileSync(lock, JSON.stringify(info), { flag: 'wx' });
      process.stdout.write('ready\\n');
      setTimeout(() => {}, 120000);`;
    const child = spawn(process.execPath, ['-e', script, path, at], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await once(child.stdout, 'data');
      const refused = await acquireLock(folder);
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'CLIENT.locked', detail: { pid: child.pid } },
      });
      expect(!refused.ok && refused.error.message).toContain(`pid ${child.pid}`);
    } finally {
      child.kill('SIGKILL');
      if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
    }
    // The heartbeat is still fresh by the clock, but its pid is dead on this host.
    const taken = await acquireLock(folder);
    expect(taken.ok).toBe(true);
    expect(await readLock(folder)).toMatchObject({ pid: process.pid });
    if (taken.ok) await taken.value.release();
  });
});
