// The export's target side: inspects the destination without writing (it is never created, never
// mkdir -p), probes writability, creates the package and work folders one level at a time, and
// re-checks the drive's identity before every commit (F3, F4).
import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fail, ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import type { Clock } from '../clock.js';
import { quoted } from '../display-text.js';
import { CREATE_EXCLUSIVE } from '../staging/fs-adapter.js';
import type { StagingFs } from '../staging/fs-adapter.js';
import { errnoOf, fileSystemError } from '../staging/fs-errors.js';
import { exportFsError, invalid, notEnoughSpace, targetRemoved } from './export-errors.js';

/** Temp copies live here, inside the package folder (same file system, so rename is atomic). */
export const WORK_DIR = '.courier-export';
export const PART_SUFFIX = '.part';
const MiB = 1024 * 1024;

export interface ExportTarget {
  readonly root: string;
  /** `<root>/<package folder name>`. */
  readonly path: string;
  /** `<path>/.courier-export`: `<file>.part` while a file is copied and read back. */
  readonly partsDir: string;
  readonly fs: StagingFs;
  readonly clock: Clock;
  /** Root and package folder still have the device and inode they had at the start (F3). */
  checkRoot(): Promise<Result<void>>;
}

const sameNode = (a: Stats, b: Stats): boolean => a.dev === b.dev && a.ino === b.ino;

/** The destination must already exist as a folder: creating it could land on the laptop's disk (F3). */
export async function inspectRoot(fs: StagingFs, root: string): Promise<Result<Stats>> {
  if (!isAbsolute(root)) return invalid(`The destination ${quoted(root)} is not an absolute path.`, root);
  let stats: Stats;
  try {
    stats = await fs.stat(root);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') {
      return invalid(
        `The destination ${quoted(root)} does not exist. Plug in the drive, or create the folder first; Courier never creates it, so a missing drive cannot turn into a folder on this computer.`,
        root,
      );
    }
    return fail(exportFsError(error, { action: 'opening the destination', path: root, onRoot: true }));
  }
  if (!stats.isDirectory()) return invalid(`The destination ${quoted(root)} is not a folder.`, root);
  return ok(stats);
}

/** Refuses unless free space covers `bytes` plus 5 % and 16 MiB (a drive's own metadata, cluster slack). */
export async function checkSpace(fs: StagingFs, root: string, bytes: number): Promise<Result<number>> {
  let available: number;
  try {
    const info = await fs.statfs(root);
    available = info.bavail * info.bsize;
  } catch (error) {
    return fail(exportFsError(error, { action: 'checking free space on', path: root, onRoot: true }));
  }
  const needed = bytes + Math.ceil(bytes * 0.05) + 16 * MiB;
  return available < needed ? fail(notEnoughSpace(root, needed, available)) : ok(needed);
}

/** Creates and removes a probe file in the root, so read-only media or a permission problem shows first (F4). */
export async function probeWritable(fs: StagingFs, root: string): Promise<Result<void>> {
  const probe = join(root, `.courier-write-probe-${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(probe, CREATE_EXCLUSIVE, 0o600);
    await handle.close();
    await fs.rm(probe, { force: true });
    return ok(undefined);
  } catch (error) {
    const mapped = exportFsError(error, {
      action: 'testing that Courier can write to',
      path: root,
      onRoot: true,
    });
    return fail(
      mapped.code === 'CLIENT.fileSystem'
        ? { ...mapped, message: `Cannot write to the destination. ${mapped.message}` }
        : mapped,
    );
  }
}

/** lstat, or undefined when the entry does not exist. */
export async function lstatOrNone(fs: StagingFs, path: string): Promise<Stats | undefined> {
  try {
    return await fs.lstat(path);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Creates `path` (one level) unless present, then insists it is a real folder on the root's device:
 * a folder created on another device means the drive vanished between the check and the mkdir, so it
 * is removed again and never used.
 */
async function ensureFolder(
  fs: StagingFs,
  path: string,
  mode: number,
  rootStats: Stats,
): Promise<Result<Stats>> {
  let created = false;
  try {
    await fs.mkdir(path, mode);
    created = true;
  } catch (error) {
    if (errnoOf(error) !== 'EEXIST')
      return fail(exportFsError(error, { action: 'creating the folder', path, onRoot: true }));
  }
  let stats: Stats;
  try {
    stats = await fs.lstat(path);
  } catch (error) {
    return fail(exportFsError(error, { action: 'checking the folder', path, onRoot: true }));
  }
  if (!stats.isDirectory()) {
    return fail(
      fileSystemError(
        `${quoted(path)} is in the way: it is not a folder (a file or a link). Remove it and export again.`,
        path,
      ),
    );
  }
  if (stats.dev !== rootStats.dev) {
    if (created) await fs.rm(path, { recursive: true, force: true }).catch(() => undefined);
    return fail(targetRemoved(path, 'is no longer on the destination drive'));
  }
  return ok(stats);
}

export async function openTarget(
  fs: StagingFs,
  clock: Clock,
  root: string,
  rootStats: Stats,
  name: string,
): Promise<Result<ExportTarget>> {
  const path = join(root, name);
  const partsDir = join(path, WORK_DIR);
  const rootCheck = async (): Promise<Result<void>> => {
    try {
      if (!sameNode(await fs.stat(root), rootStats))
        return fail(targetRemoved(root, 'is no longer the same folder'));
      return ok(undefined);
    } catch (error) {
      return fail(exportFsError(error, { action: 'checking the destination', path: root, onRoot: true }));
    }
  };
  const before = await rootCheck();
  if (!before.ok) return before;
  const folder = await ensureFolder(fs, path, 0o755, rootStats);
  if (!folder.ok) return folder;
  const work = await ensureFolder(fs, partsDir, 0o700, rootStats);
  if (!work.ok) return work;
  const folderStats = folder.value;
  return ok({
    root,
    path,
    partsDir,
    fs,
    clock,
    async checkRoot() {
      const rooted = await rootCheck();
      if (!rooted.ok) return rooted;
      try {
        if (!sameNode(await fs.lstat(path), folderStats)) return fail(targetRemoved(path, 'was replaced'));
        return ok(undefined);
      } catch (error) {
        return fail(exportFsError(error, { action: 'checking the package folder', path, onRoot: true }));
      }
    },
  });
}
