// Export against real and injected disk faults: a full drive (F1), FAT32's 4 GiB limit (F2), a pulled
// drive (F3), read-only media (F4), a failing fsync (F5) and an antivirus-locked rename (F8). Real
// mounts need root; each such test names why it is skipped elsewhere.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { exportPackage } from '../../../../electron/engine/index.js';
import { fabricateBigPackage, useStagedPackage } from '../../../support/export-package.js';
import { mountPoint, skipReason, useMounts } from '../../../support/export-mounts.js';
import { errno, faultyFs, type FsCall, type FsOp } from '../../../support/staging-faulty-fs.js';
import { useTempDirs } from '../../../support/temp-dir.js';

const staged = useStagedPackage();
const tempDir = useTempDirs();
const mounts = useMounts();
const noTmpfs = skipReason('tmpfs');
const noVfat = skipReason('vfat');
const FIVE_GIB = 5 * 1024 ** 3;

describe('F1: a full drive', () => {
  test.skipIf(noTmpfs)(
    `a 2 MiB tmpfs is refused in pre-flight with needed and available ${noTmpfs ?? ''}`,
    async () => {
      const mnt = mountPoint(await tempDir());
      await mounts.tmpfs(mnt, '2m');
      const result = await exportPackage({ source: staged().folder, targetRoot: mnt });
      expect(!result.ok && result.error.code).toBe('CLIENT.diskFull');
      if (result.ok) return;
      const { bytesNeeded, bytesAvailable } = result.error.detail as {
        bytesNeeded: number;
        bytesAvailable: number;
      };
      expect(bytesAvailable).toBeLessThanOrEqual(2 * 1024 * 1024);
      expect(bytesNeeded).toBeGreaterThan(16 * 1024 * 1024);
      expect(result.error.message).toMatch(/MiB .* needed .* available\. Nothing was written/);
      expect(await readdir(mnt)).toEqual([]);
    },
  );

  test('ENOSPC during the copy stops with disk full and keeps what was already copied', async () => {
    const root = await tempDir();
    const fs = faultyFs({
      before: (call) => (call.op === 'write' && call.path.includes('tiles') ? errno('ENOSPC') : undefined),
    });
    const result = await exportPackage({ source: staged().folder, targetRoot: root, fs });
    expect(!result.ok && result.error.code).toBe('CLIENT.diskFull');
    expect(!result.ok && result.error.message).toMatch(
      /filled up while writing .*tiles.*files already copied are reused/,
    );
    expect(!result.ok && result.error.itemKey).toMatch(/tiles/);
  });
});

describe('F2: FAT32 and a file of 4 GiB or more', () => {
  test.skipIf(noVfat)(
    `a loop-mounted FAT32 image refuses a 5 GiB file before writing ${noVfat ?? ''}`,
    async () => {
      const dir = await tempDir();
      const source = await fabricateBigPackage(join(dir, 'staging'), FIVE_GIB);
      const mnt = mountPoint(dir);
      await mounts.fat32(join(dir, 'fat32.img'), mnt, 64);
      const result = await exportPackage({ source, targetRoot: mnt });
      expect(!result.ok && result.error.code).toBe('CLIENT.fileSystem');
      expect(!result.ok && result.error.message).toMatch(/huge-image\.img.*vfat.*exFAT or NTFS/);
      expect(await readdir(mnt)).toEqual([]);
    },
  );

  test('the same refusal wherever the file system is identified as FAT (fs identification injected)', async () => {
    const dir = await tempDir();
    const source = await fabricateBigPackage(join(dir, 'staging'), FIVE_GIB);
    const root = await tempDir();
    const identifyFileSystem = async () => ({ type: 'vfat', mountPoint: root, how: 'mountinfo' as const });
    const result = await exportPackage({ source, targetRoot: root, identifyFileSystem });
    expect(!result.ok && result.error.detail).toMatchObject({ reason: 'fatFileSizeLimit', size: FIVE_GIB });
    expect(!result.ok && result.error.message).toMatch(
      /cannot hold a file of 4 GiB or more\. Nothing was written/,
    );
    expect(await readdir(root)).toEqual([]);
  });

  test.skipIf(noTmpfs)(`the file system is read from mountinfo ${noTmpfs ?? ''}`, async () => {
    const mnt = mountPoint(await tempDir());
    await mounts.tmpfs(mnt, '64m');
    const result = await exportPackage({ source: staged().folder, targetRoot: mnt });
    expect(result.ok && result.value.fileSystem).toEqual({
      type: 'tmpfs',
      mountPoint: mnt,
      how: 'mountinfo',
    });
  });
});

/** A predicate true on the `n`th call of `op` on a path ending in `suffix`, made fresh per test. */
const nth =
  (op: FsOp, n: number, suffix = '.part') =>
  () => {
    let seen = 0;
    return (call: FsCall) => call.op === op && call.path.endsWith(suffix) && ++seen === n;
  };

describe('F3: the drive is pulled during the export', () => {
  const pulledAt = [
    // After the root was checked and before mkdir: the folder lands on the system disk, is noticed
    // (another device than the root) and removed again.
    ['just before the package folder is created', nth('mkdir', 1, '@2.3.1')],
    ['between two files', nth('rm', 2)],
    ['in the middle of a file, after it was opened on the drive', nth('write', 1)],
  ] as const;
  for (const [when, moment] of pulledAt) {
    test.skipIf(noTmpfs)(
      `${when}: ends with "destination disappeared", nothing is left on the laptop's disk ${noTmpfs ?? ''}`,
      async () => {
        const parent = await tempDir();
        const mnt = mountPoint(parent);
        await mounts.tmpfs(mnt, '64m');
        const isMoment = moment();
        let pulled = false;
        const fs = faultyFs({
          before: (call) => {
            if (!pulled && isMoment(call)) {
              pulled = true;
              mounts.lazyUnmount(mnt);
            }
            return undefined;
          },
        });
        const result = await exportPackage({ source: staged().folder, targetRoot: mnt, fs });
        expect(pulled).toBe(true);
        expect(!result.ok && result.error.code).toBe('CLIENT.targetRemoved');
        expect(!result.ok && result.error.message).toMatch(/destination disappeared/);
        // The mount point is an empty folder on the system disk again, and stays so.
        expect(await readdir(mnt)).toEqual([]);
        expect(await readdir(parent)).toEqual(['mnt']);
      },
    );
  }
});

describe('F4: a drive that cannot be written', () => {
  test.skipIf(noTmpfs)(`read-only media is refused by the write probe ${noTmpfs ?? ''}`, async () => {
    const mnt = mountPoint(await tempDir());
    await mounts.tmpfs(mnt, '64m');
    mounts.readOnly(mnt);
    const result = await exportPackage({ source: staged().folder, targetRoot: mnt });
    expect(!result.ok && result.error.code).toBe('CLIENT.fileSystem');
    expect(!result.ok && result.error.message).toMatch(/Cannot write to the destination.*read-only/);
    expect(await readdir(mnt)).toEqual([]);
  });

  test('permission denied is refused by the write probe (injected: root ignores mode bits)', async () => {
    const root = await tempDir();
    const fs = faultyFs({
      before: (call) =>
        call.op === 'open' && call.path.includes('write-probe') ? errno('EACCES') : undefined,
    });
    const result = await exportPackage({ source: staged().folder, targetRoot: root, fs });
    expect(!result.ok && result.error.message).toMatch(/Cannot write to the destination.*permission denied/);
    expect(await readdir(root)).toEqual([]);
  });
});

describe('F5 and F8: flush and rename faults on the target', () => {
  test('F5: an fsync that fails (EIO) stops the export; the file never gets its final name', async () => {
    const root = await tempDir();
    const fs = faultyFs({
      before: (call) =>
        call.op === 'sync' && call.path.endsWith('.part') && call.path.includes('tiles')
          ? errno('EIO')
          : undefined,
    });
    const result = await exportPackage({ source: staged().folder, targetRoot: root, fs });
    expect(!result.ok && result.error.code).toBe('CLIENT.fileSystem');
    expect(!result.ok && result.error.message).toMatch(/flushing .*tiles.*\.part.*I\/O error/);
    const left = await readdir(join(root, '1.field-nav@2.3.1'));
    expect(left.filter((name) => name.includes('tiles') || name === 'manifest.json')).toEqual([]);
  });

  test('F8: a rename refused twice with EPERM (antivirus) is retried and the export completes', async () => {
    const root = await tempDir();
    let refused = 0;
    const fs = faultyFs({
      before: (call) =>
        call.op === 'rename' && call.path.endsWith('.part') && refused++ < 2 ? errno('EPERM') : undefined,
    });
    const result = await exportPackage({ source: staged().folder, targetRoot: root, fs });
    expect(result.ok && result.value.verified).toBe(true);
    expect(refused).toBeGreaterThan(2);
    expect((await stat(join(root, '1.field-nav@2.3.1', 'manifest.json'))).isFile()).toBe(true);
  });
});
