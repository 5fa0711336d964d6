// Direct I/O (issue 9): a `.part`'s whole blocks are written, and read back for the verdict (I3), with
// O_DIRECT where the file system allows it. Where it refuses (EINVAL: tmpfs, some FUSE mounts), the
// same bytes go the ordinary way and the verdict is the same; any other error still fails the item.
// Real sockets, real files; the fs adapter only watches the calls or refuses some of them.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { tempTakesDirect, isDirectCall } from '../../support/direct-probe.js';
import { afterEach, describe, expect, test } from 'vitest';
import { BUILTIN_IDS } from '../../../electron/demo-server/index.js';
import { exportPackage } from '../../../electron/engine/index.js';
import { verifyFolder } from '../../../electron/engine/staging/verify-folder.js';
import { engineHarness, type EngineHarness } from '../../support/engine-harness.js';
import { exists, itemNamed } from '../../support/engine-trust.js';
import { errno, faultyFs, type FaultyFs, type FsCall } from '../../support/staging-faulty-fs.js';
import { useStagedPackage } from '../../support/export-package.js';
import { useTempDirs } from '../../support/temp-dir.js';
import { mountPoint, skipReason, useMounts } from '../../support/export-mounts.js';
import type { JobSnapshot } from '../../../electron/shared/snapshots.js';

const TILES = 'field-nav-offline-tiles-2.3.1.zip';
/** 1 MiB batches: the 4 MiB + 7 byte tiles file takes four direct writes and an ordinary tail. */
const DOWNLOAD = { backoffBaseMs: 0, backoffMaxMs: 0, checkpointBytes: 1024 * 1024 };

const direct = await tempTakesDirect();

const onTiles = (call: FsCall) => call.path.endsWith(`${TILES}.part`);
const isDirect = isDirectCall;
const count = (calls: readonly FsCall[], op: FsCall['op'], how: boolean) =>
  calls.filter((call) => call.op === op && onTiles(call) && isDirect(call) === how).length;

let harness: EngineHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Stages field-nav through `fs`, in 1 MiB batches unless `download` says otherwise. */
async function fetchThrough(fs: FaultyFs, download: Record<string, number> = DOWNLOAD) {
  harness = await engineHarness({ deps: { fs }, config: { download } });
  return harness.fetch(BUILTIN_IDS.fieldNav);
}

/** The tiles file was staged verified, and the staged bytes are the server's. */
async function expectTrueTiles(job: JobSnapshot): Promise<void> {
  expect(itemNamed(job, TILES)).toMatchObject({ outcome: 'verified', signatureCheck: 'verified' });
  const artifact = harness!.server.catalog.deliveries
    .get(BUILTIN_IDS.fieldNav)!
    .artifacts.find((a) => a.file?.name === TILES)!;
  const staged = await readFile(join(job.folder!, TILES));
  // Fails if a refused block was skipped or written twice.
  expect(createHash('sha256').update(staged).digest('hex')).toBe(artifact.file!.sha256.toString('hex'));
}

describe('direct I/O for partial files', () => {
  test.skipIf(!direct)(
    'I3: whole blocks are written and read back directly; every file verified',
    async () => {
      const fs = faultyFs();
      const job = await fetchThrough(fs);
      expect(job).toMatchObject({ phase: 'staged', verified: true });
      // Fails if the part file or the read-back fell back to ordinary I/O on a file system that has direct.
      expect(count(fs.calls, 'write', true)).toBe(4);
      expect(count(fs.calls, 'read', true)).toBeGreaterThan(0);
      expect(count(fs.calls, 'read', false)).toBe(0);
      await expectTrueTiles(job);
    },
  );

  test('a file system that refuses O_DIRECT at open: ordinary I/O, the same verified file', async () => {
    const fs = faultyFs({
      before: (call) => (call.op === 'open' && isDirect(call) ? errno('EINVAL') : undefined),
    });
    const job = await fetchThrough(fs);
    expect(job).toMatchObject({ phase: 'staged', verified: true });
    expect(count(fs.calls, 'write', true)).toBe(0);
    expect(count(fs.calls, 'read', false)).toBeGreaterThan(0);
    await expectTrueTiles(job);
  });

  test.skipIf(!direct)(
    'direct writes refused midway (EINVAL): the rest goes the ordinary way, no byte lost',
    async () => {
      let directWrites = 0;
      const fs = faultyFs({
        before: (call) => {
          if (call.op !== 'write' || !onTiles(call) || !isDirect(call)) return undefined;
          directWrites += 1;
          return directWrites === 2 ? errno('EINVAL') : undefined;
        },
      });
      const job = await fetchThrough(fs);
      // One that landed, the refused one, and none after it: fails if direct I/O is tried again.
      expect(count(fs.calls, 'write', true)).toBe(2);
      await expectTrueTiles(job);
    },
  );

  test.skipIf(!direct)(
    'direct reads refused (EINVAL): the read-back goes on the ordinary way, same verdict',
    async () => {
      const fs = faultyFs({
        before: (call) =>
          call.op === 'read' && onTiles(call) && isDirect(call) ? errno('EINVAL') : undefined,
      });
      const job = await fetchThrough(fs);
      expect(count(fs.calls, 'read', false)).toBeGreaterThan(0);
      await expectTrueTiles(job);
    },
  );

  test.skipIf(!direct)(
    'a direct write that fails for real (EIO) fails the item: never staged, never verified',
    async () => {
      const fs = faultyFs({
        before: (call) => (call.op === 'write' && onTiles(call) && isDirect(call) ? errno('EIO') : undefined),
      });
      const job = await fetchThrough(fs, { ...DOWNLOAD, attempts: 1 });
      const item = itemNamed(job, TILES);
      expect(item.outcome).toBe('failed');
      expect(item.error).toMatchObject({ code: 'CLIENT.fileSystem' });
      expect(job.verified).toBe(false);
      expect(await exists(join(job.folder!, TILES))).toBe(false);
    },
  );
});

describe.skipIf(!direct)('direct reads for the checks after a download', () => {
  const staged = useStagedPackage();
  const tempDir = useTempDirs();

  test('I3: export reads every file it wrote back from the drive itself, not the page cache', async () => {
    const root = await tempDir();
    const fs = faultyFs();
    const result = await exportPackage({ source: staged().folder, targetRoot: root, fs });
    expect(result.ok).toBe(true);
    const readBack = fs.calls.filter((call) => call.op === 'read' && call.path.startsWith(root));
    // Fails if the read-back of what was just written is served by the page cache's copy.
    expect(readBack.length).toBeGreaterThan(0);
    expect(readBack.filter((call) => !isDirect(call))).toEqual([]);
    expect(new Set(readBack.map((call) => call.path)).size).toBeGreaterThanOrEqual(3);
  });

  test('I3: courier verify reads every listed file from the disk itself', async () => {
    const fs = faultyFs();
    const folder = staged().folder;
    const checked = await verifyFolder(folder, { fs, publicKeyPem: staged().publicKeyPem });
    expect(checked.ok && checked.value.state).toBe('verified');
    const artifactReads = fs.calls.filter(
      (call) => call.op === 'read' && !call.path.includes('.courier') && /\.(zip|msi|gz)$/.test(call.path),
    );
    expect(new Set(artifactReads.map((call) => call.path)).size).toBe(3);
    // Fails if a verdict at rest is read from the page cache.
    expect(artifactReads.filter((call) => !isDirect(call))).toEqual([]);
  });

  const mounts = useMounts();
  // A drive of its own: FAT32 as on most USB sticks where the kernel has vfat, else ext4.
  const drive = skipReason('vfat') === undefined ? 'fat32' : 'ext4';
  const noDrive = skipReason(drive === 'fat32' ? 'vfat' : 'ext4');
  test.skipIf(noDrive)(
    `I3: export to a loop-mounted ${drive} drive reads it back directly, and the drive verifies ${noDrive ?? ''}`,
    async () => {
      const dir = await tempDir();
      const mnt = mountPoint(dir);
      await mounts[drive](join(dir, 'usb.img'), mnt, 64);
      const fs = faultyFs();
      const result = await exportPackage({ source: staged().folder, targetRoot: mnt, fs });
      expect(result.ok).toBe(true);
      const readBack = fs.calls.filter((call) => call.op === 'read' && call.path.startsWith(mnt));
      // Fails if the read-back of the copies is served from the page cache instead of the drive.
      expect(readBack.length).toBeGreaterThan(0);
      expect(readBack.filter((call) => !isDirect(call))).toEqual([]);
      const onDrive = await verifyFolder(join(mnt, basename(staged().folder)), {
        publicKeyPem: staged().publicKeyPem,
      });
      expect(onDrive.ok && onDrive.value.state).toBe('verified');
    },
  );
});
