// Opening the job folder on real temp folders: never creating the root (F3), the root-identity check
// before commits (F3), the writability probe (F4), planted links (F6) and the free-space rule (F1).
import { mkdir, readdir, rename, stat, symlink, chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ManualClock } from '../../../../electron/engine/clock.js';
import { nodeFs } from '../../../../electron/engine/staging/fs-adapter.js';
import { jobFolderName } from '../../../../electron/engine/staging/folder-name.js';
import { openJobFolder } from '../../../../electron/engine/staging/job-folder.js';
import type { StagingFs } from '../../../../electron/engine/staging/fs-adapter.js';
import { errno, faultyFs } from '../../../support/staging-faulty-fs.js';
import { useTempDirs } from '../../../support/temp-dir.js';

const tempDir = useTempDirs();
const clock = new ManualClock();
const MiB = 1024 * 1024;
const isRoot = process.getuid?.() === 0;

async function open(stagingRoot: string, fs: StagingFs = nodeFs, catalogId = '9.tool@1.0.0') {
  return openJobFolder({ stagingRoot, catalogId, fs, clock });
}

describe('openJobFolder', () => {
  test('creates <root>/<safe name>/.courier/parts with mode 0700 and leaves no probe behind', async () => {
    const root = await tempDir();
    const opened = await open(root, nodeFs, 'Tool X@1');
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.value.path).toBe(join(root, jobFolderName('Tool X@1')));
    expect((await stat(opened.value.path)).mode & 0o777).toBe(0o700);
    expect(await readdir(opened.value.controlDir)).toEqual(['parts']);
    // Re-opening the same job (a resume) is fine.
    expect((await open(root, nodeFs, 'Tool X@1')).ok).toBe(true);
  });

  test('F3: a missing staging root is reported as removed and is never created', async () => {
    const parent = await tempDir();
    const root = join(parent, 'usb');
    const opened = await open(root);
    expect(opened).toMatchObject({ ok: false, error: { code: 'CLIENT.targetRemoved' } });
    expect(!opened.ok && opened.error.message).toMatch(/destination disappeared/);
    expect(await readdir(parent)).toEqual([]);
  });

  test('M1: catalogId ".." still gives a folder inside the root', async () => {
    const parent = await tempDir();
    const root = join(parent, 'root');
    await mkdir(root);
    const opened = await open(root, nodeFs, '..');
    expect(opened.ok && opened.value.path.startsWith(`${root}/`)).toBe(true);
    expect(await readdir(parent)).toEqual(['root']);
  });

  test('F3: root replaced by another folder at the same path → checkRoot fails, nothing written there', async () => {
    const parent = await tempDir();
    const root = join(parent, 'usb');
    await mkdir(root);
    const opened = await open(root);
    if (!opened.ok) throw new Error(opened.error.message);
    expect(await opened.value.checkRoot()).toEqual({ ok: true, value: undefined });
    await rename(root, join(parent, 'unmounted'));
    await mkdir(root); // what a lazy unmount leaves: an empty mount point on the parent disk
    const checked = await opened.value.checkRoot();
    expect(checked).toMatchObject({ ok: false, error: { code: 'CLIENT.targetRemoved' } });
    expect(!checked.ok && checked.error.message).toMatch(/destination disappeared.*drive removed/);
    expect(await readdir(root)).toEqual([]);
  });

  test('F3: the job folder deleted under a live root → checkRoot fails with CLIENT.targetRemoved', async () => {
    const root = await tempDir();
    const opened = await open(root);
    if (!opened.ok) throw new Error(opened.error.message);
    await rename(opened.value.path, join(root, 'moved'));
    expect(await opened.value.checkRoot()).toMatchObject({
      ok: false,
      error: { code: 'CLIENT.targetRemoved' },
    });
  });

  test.each([
    ['EROFS', /read-only/],
    ['EACCES', /permission denied/],
  ])('F4: the write probe failing with %s gives a clear CLIENT.fileSystem error', async (code, message) => {
    const root = await tempDir();
    const fs = faultyFs({
      before: (call) =>
        call.op === 'open' && call.path.endsWith('write-probe.tmp') ? errno(code) : undefined,
    });
    const opened = await open(root, fs);
    expect(opened).toMatchObject({ ok: false, error: { code: 'CLIENT.fileSystem' } });
    expect(!opened.ok && opened.error.message).toMatch(/Cannot write to the destination folder/);
    expect(!opened.ok && opened.error.message).toMatch(message);
  });

  test.skipIf(isRoot)('F4: a real read-only folder (chmod 0500) is refused at open', async () => {
    const root = await tempDir();
    await chmod(root, 0o500);
    try {
      const opened = await open(root);
      expect(opened).toMatchObject({ ok: false, error: { code: 'CLIENT.fileSystem' } });
    } finally {
      await chmod(root, 0o700);
    }
  });

  test('F6: a symlink planted as the job folder is refused and its target untouched', async () => {
    const root = await tempDir();
    const elsewhere = await tempDir();
    await symlink(elsewhere, join(root, jobFolderName('9.tool@1.0.0')));
    const opened = await open(root);
    expect(opened).toMatchObject({ ok: false, error: { code: 'CLIENT.fileSystem' } });
    expect(!opened.ok && opened.error.message).toMatch(/not a folder/);
    expect(await readdir(elsewhere)).toEqual([]);
  });

  test('F6: a symlink planted as .courier inside an existing job folder is refused', async () => {
    const root = await tempDir();
    const elsewhere = await tempDir();
    await mkdir(join(root, jobFolderName('9.tool@1.0.0')));
    await symlink(elsewhere, join(root, jobFolderName('9.tool@1.0.0'), '.courier'));
    expect(await open(root)).toMatchObject({ ok: false, error: { code: 'CLIENT.fileSystem' } });
    expect(await readdir(elsewhere)).toEqual([]);
  });

  test('a file as the staging root is refused', async () => {
    const parent = await tempDir();
    await writeFile(join(parent, 'f'), 'x');
    expect(await open(join(parent, 'f'))).toMatchObject({ ok: false, error: { code: 'CLIENT.fileSystem' } });
  });
});

describe('freeSpace (F1)', () => {
  const withFree = (bytes: number): StagingFs => ({
    ...nodeFs,
    statfs: async () => ({ bavail: bytes / 512, bsize: 512 }),
  });

  test('needs remaining + 5 % + 64 MiB; short → CLIENT.diskFull with needed vs available', async () => {
    const root = await tempDir();
    const opened = await open(root, withFree(100 * MiB));
    if (!opened.ok) throw new Error(opened.error.message);
    const needed = 30 * MiB + Math.ceil(30 * MiB * 0.05) + 64 * MiB;
    expect(await opened.value.freeSpace(30 * MiB)).toEqual({
      ok: true,
      value: { bytesNeeded: needed, bytesAvailable: 100 * MiB },
    });
    const short = await opened.value.freeSpace(40 * MiB);
    expect(short).toMatchObject({
      ok: false,
      error: {
        code: 'CLIENT.diskFull',
        detail: { bytesNeeded: 40 * MiB + 2 * MiB + 64 * MiB, bytesAvailable: 100 * MiB },
      },
    });
    expect(!short.ok && short.error.message).toMatch(/106\.0 MiB .* needed.*100\.0 MiB .* available/);
  });

  test('the real statfs: more than any disk holds is refused, with the real free bytes in detail', async () => {
    const opened = await open(await tempDir());
    if (!opened.ok) throw new Error(opened.error.message);
    const space = await opened.value.freeSpace(2 ** 50);
    expect(space).toMatchObject({ ok: false, error: { code: 'CLIENT.diskFull' } });
    expect(!space.ok && space.error.detail?.bytesAvailable).toBeGreaterThan(0);
  });

  test('F3: statfs failing with ENOENT on the job folder → CLIENT.targetRemoved', async () => {
    const fs = faultyFs({ before: (call) => (call.op === 'statfs' ? errno('ENOENT') : undefined) });
    const opened = await open(await tempDir(), fs);
    if (!opened.ok) throw new Error(opened.error.message);
    expect(await opened.value.freeSpace(1)).toMatchObject({
      ok: false,
      error: { code: 'CLIENT.targetRemoved' },
    });
  });
});
