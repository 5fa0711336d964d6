// Giving a verified .part its final name (§0.4): fsync → rename → fsync dir, in that order; fsync EIO
// (F5), replacing an old file (F7), antivirus locks (F8), a replaced root (F3), executable bit (M9).
import { mkdir, readFile, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ManualClock } from '../../../../electron/engine/clock.js';
import { commitPart, setExecutable } from '../../../../electron/engine/staging/commit.js';
import { nodeFs } from '../../../../electron/engine/staging/fs-adapter.js';
import type { StagingFs } from '../../../../electron/engine/staging/fs-adapter.js';
import { openJobFolder } from '../../../../electron/engine/staging/job-folder.js';
import type { JobFolder } from '../../../../electron/engine/staging/job-folder.js';
import { driveClock } from '../../../support/staging-clock.js';
import { errno, faultyFs } from '../../../support/staging-faulty-fs.js';
import type { Faults, FaultyFs } from '../../../support/staging-faulty-fs.js';
import { useTempDirs } from '../../../support/temp-dir.js';

const tempDir = useTempDirs();

interface Setup {
  folder: JobFolder;
  fs: FaultyFs;
  clock: ManualClock;
  partPath: string;
  finalPath: string;
  parent: string;
}

async function setup(faults: Faults = {}): Promise<Setup> {
  const parent = await tempDir();
  const root = join(parent, 'root');
  await mkdir(root);
  const clock = new ManualClock();
  const fs = faultyFs(faults);
  const opened = await openJobFolder({ stagingRoot: root, catalogId: '9.tool@1.0.0', fs, clock });
  if (!opened.ok) throw new Error(opened.error.message);
  const folder = opened.value;
  const partPath = join(folder.partsDir, 'tool.bin.part');
  await writeFile(partPath, 'new verified bytes');
  fs.calls.length = 0;
  return { folder, fs, clock, partPath, finalPath: join(folder.path, 'tool.bin'), parent };
}

const commit = (s: Setup, extra: { signal?: AbortSignal } = {}) =>
  driveClock(
    s.clock,
    commitPart({ partPath: s.partPath, finalPath: s.finalPath, folder: s.folder, itemKey: 'k', ...extra }),
  );

describe('commitPart', () => {
  test('§0.4: checks the root, fsyncs the file, renames, then fsyncs the folder, in that order', async () => {
    const s = await setup();
    expect(await commit(s)).toEqual({ ok: true, value: undefined });
    expect(await readFile(s.finalPath, 'utf8')).toBe('new verified bytes');
    expect(await readdir(s.folder.partsDir)).toEqual([]);
    const ops = s.fs.calls.map(
      (c) =>
        `${c.op}:${c.path === s.partPath ? 'part' : c.path === s.folder.path ? 'job' : c.path === s.folder.root ? 'root' : c.path}`,
    );
    const at = (op: string) => ops.indexOf(op);
    expect(at('stat:root')).toBeGreaterThanOrEqual(0);
    expect(at('stat:root')).toBeLessThan(at('sync:part'));
    expect(at('sync:part')).toBeLessThan(at('rename:part'));
    expect(at('rename:part')).toBeLessThan(at('sync:job'));
  });

  test('F5: fsync EIO → no rename, no final name, the part is kept, error names the item', async () => {
    const s = await setup({
      before: (call) => (call.op === 'sync' && call.path.endsWith('.part') ? errno('EIO') : undefined),
    });
    const result = await commit(s);
    expect(result).toMatchObject({ ok: false, error: { code: 'CLIENT.fileSystem', itemKey: 'k' } });
    expect(s.fs.calls.some((c) => c.op === 'rename')).toBe(false);
    await expect(stat(s.finalPath)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readFile(s.partPath, 'utf8')).toBe('new verified bytes');
  });

  test('F7: an existing final file is untouched when the commit fails, and replaced only by the rename', async () => {
    const failing = await setup({
      before: (call) => (call.op === 'sync' && call.path.endsWith('.part') ? errno('EIO') : undefined),
    });
    await writeFile(failing.finalPath, 'old verified bytes');
    const oldIno = (await stat(failing.finalPath)).ino;
    expect((await commit(failing)).ok).toBe(false);
    expect(await readFile(failing.finalPath, 'utf8')).toBe('old verified bytes');
    expect((await stat(failing.finalPath)).ino).toBe(oldIno);

    const s = await setup();
    await writeFile(s.finalPath, 'old verified bytes');
    const partIno = (await stat(s.partPath)).ino;
    expect((await commit(s)).ok).toBe(true);
    expect((await stat(s.finalPath)).ino).toBe(partIno); // the very inode that was verified
    expect(await readFile(s.finalPath, 'utf8')).toBe('new verified bytes');
    expect(s.fs.calls.filter((c) => c.to === s.finalPath).map((c) => c.op)).toEqual(['rename']);
  });

  test('F8: rename failing EPERM 5 times (antivirus) is retried with backoff on the clock, then succeeds', async () => {
    let failures = 0;
    const s = await setup({
      before: (call) =>
        call.op === 'rename' && failures++ < 5 ? errno(failures % 2 ? 'EPERM' : 'EBUSY') : undefined,
    });
    const start = s.clock.now();
    expect(await commit(s)).toEqual({ ok: true, value: undefined });
    expect(s.fs.calls.filter((c) => c.op === 'rename')).toHaveLength(6);
    expect(s.clock.now() - start).toBe(100 + 200 + 400 + 800 + 1600);
    expect(await readFile(s.finalPath, 'utf8')).toBe('new verified bytes');
  });

  test('F8: a rename still locked after 30 s → "file locked by another program", part kept, no final name', async () => {
    const s = await setup({ before: (call) => (call.op === 'rename' ? errno('EACCES') : undefined) });
    const start = s.clock.now();
    const result = await commit(s);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'CLIENT.fileSystem', itemKey: 'k', retryable: true },
    });
    expect(!result.ok && result.error.message).toMatch(/locked by another program/);
    // Waits of 0.1, 0.2, 0.4, 0.8, 1.6 s, then 2 s each, the last one cut to end exactly at 30 s.
    expect(s.clock.now() - start).toBe(30_000);
    expect(s.fs.calls.filter((c) => c.op === 'rename')).toHaveLength(20);
    await expect(stat(s.finalPath)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readFile(s.partPath, 'utf8')).toBe('new verified bytes');
  });

  test('F8: cancelling during the retry wait ends with CLIENT.cancelled', async () => {
    const s = await setup({ before: (call) => (call.op === 'rename' ? errno('EBUSY') : undefined) });
    const controller = new AbortController();
    controller.abort();
    expect(await commit(s, { signal: controller.signal })).toMatchObject({
      ok: false,
      error: { code: 'CLIENT.cancelled' },
    });
  });

  test('F3: root replaced before the commit → CLIENT.targetRemoved, no rename, nothing written in the new root', async () => {
    const s = await setup();
    await rename(s.folder.root, join(s.parent, 'unmounted'));
    await mkdir(s.folder.root);
    const result = await commit(s);
    expect(result).toMatchObject({ ok: false, error: { code: 'CLIENT.targetRemoved', itemKey: 'k' } });
    expect(s.fs.calls.some((c) => c.op === 'rename')).toBe(false);
    expect(await readdir(s.folder.root)).toEqual([]);
    expect(await readdir(s.parent)).toEqual(['root', 'unmounted']);
  });

  test('F3: the drive vanishing between the check and the rename (real ENOENT) → CLIENT.targetRemoved', async () => {
    const s = await setup();
    const fs: StagingFs = {
      ...s.fs,
      rename: async (from, to) => {
        await rename(s.folder.root, join(s.parent, 'gone')); // the USB stick is pulled right now
        return nodeFs.rename(from, to);
      },
    };
    const result = await commit({ ...s, folder: { ...s.folder, fs } });
    expect(result).toMatchObject({ ok: false, error: { code: 'CLIENT.targetRemoved', itemKey: 'k' } });
    expect(!result.ok && result.error.message).toMatch(/destination disappeared/);
  });

  test('M1: a final path outside the job folder or a part outside parts/ is refused before any I/O', async () => {
    const s = await setup();
    for (const [partPath, finalPath] of [
      [s.partPath, join(s.folder.path, '..', 'escape.bin')],
      [s.partPath, join(s.folder.path, 'sub', 'x.bin')],
      [s.partPath, join(s.folder.path, '.courier')],
      [join(s.parent, 'elsewhere.part'), s.finalPath],
    ] as const) {
      const result = await commitPart({ partPath, finalPath, folder: s.folder });
      expect(result).toMatchObject({ ok: false, error: { code: 'CLIENT.fileSystem' } });
    }
    expect(s.fs.calls).toEqual([]);
  });
});

describe('setExecutable (M9/X1)', () => {
  test('sets 0755 on POSIX and does nothing on Windows', async () => {
    const dir = await tempDir();
    const file = join(dir, 'tool.sh');
    await writeFile(file, '#!/bin/sh\n', { mode: 0o600 });
    const fs = faultyFs();
    expect(await setExecutable(file, fs, 'win32')).toEqual({ ok: true, value: undefined });
    expect(fs.calls).toEqual([]);
    expect(await setExecutable(file, fs, 'linux')).toEqual({ ok: true, value: undefined });
    expect((await stat(file)).mode & 0o777).toBe(0o755);
  });
});
