// Opens the job folder under an existing staging root, remembers the root's identity (F3), probes
// writability (F4) and checks free space (F1).
import { isAbsolute, join, relative, sep } from 'node:path';
import type { Stats } from 'node:fs';
import { appError } from '../../shared/app-error.js';
import { CONTROL_DIR } from '../../shared/manifest.js';
import { fail, ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import type { Clock } from '../clock.js';
import { quoted } from '../display-text.js';
import { jobFolderName } from './folder-name.js';
import { CREATE_EXCLUSIVE } from './fs-adapter.js';
import type { StagingFs } from './fs-adapter.js';
import { errnoOf, fileSystemError, fsError } from './fs-errors.js';

export const PARTS_DIR = 'parts';
const PROBE_FILE = 'write-probe.tmp';
const MiB = 1024 * 1024;

export interface SpaceCheck {
  readonly bytesNeeded: number;
  readonly bytesAvailable: number;
}

export interface JobFolder {
  readonly root: string;
  /** The job folder: `<root>/<jobFolderName(catalogId)>`. */
  readonly path: string;
  /** `<path>/.courier`: journal, lock, temp files. */
  readonly controlDir: string;
  /** `<path>/.courier/parts`: partial downloads, a namespace no item name can reach (M3). */
  readonly partsDir: string;
  readonly catalogId: string;
  readonly fs: StagingFs;
  readonly clock: Clock;
  /** The staging root's device and inode at open: a later run of the job must find the same (F3). */
  readonly rootIdentity: RootIdentity;
  /** The root still has the device and inode it had at open, and the job folder still exists (F3). */
  checkRoot(): Promise<Result<void>>;
  /** Refuses unless free space ≥ remaining + 5 % + 64 MiB (F1). */
  freeSpace(remainingBytes: number): Promise<Result<SpaceCheck>>;
}

export interface RootIdentity {
  readonly dev: number;
  readonly ino: number;
}

export interface OpenJobFolderOptions {
  readonly stagingRoot: string;
  readonly catalogId: string;
  readonly fs: StagingFs;
  readonly clock: Clock;
  /**
   * The root an earlier run of the same job used. After a drive is pulled its mount point is an
   * empty folder on the system disk: opening it anew would silently stage there instead (F3).
   */
  readonly expectedRoot?: RootIdentity;
}

/** `name` joined to `dir`, or undefined unless the result is a direct child of `dir` (own containment check). */
export function childPath(dir: string, name: string): string | undefined {
  if (name === '' || name === '.' || name === '..' || /[/\\\0]/.test(name)) return undefined;
  const path = join(dir, name);
  const rel = relative(dir, path);
  return rel === name && !rel.startsWith('..') && !rel.includes(sep) && !isAbsolute(rel) ? path : undefined;
}

function removed(root: string, why: string): Result<never> {
  return fail(
    appError({
      code: 'CLIENT.targetRemoved',
      message: `The destination disappeared: ${quoted(root)} ${why}. Was the drive removed? Reconnect it and resume.`,
      retryable: false,
      detail: { path: root },
    }),
  );
}

const sameNode = (a: Stats, b: Stats): boolean => a.dev === b.dev && a.ino === b.ino;

/** Creates `path` (mode 0700) unless present, then insists it is a real directory, not a planted link (F6). */
async function ensureDir(fs: StagingFs, path: string): Promise<Result<Stats>> {
  try {
    await fs.mkdir(path, 0o700);
  } catch (error) {
    if (errnoOf(error) !== 'EEXIST')
      return fail(fsError(error, { action: 'creating the folder', path, onRoot: true }));
  }
  try {
    const stats = await fs.lstat(path);
    if (!stats.isDirectory()) {
      return fail(
        fileSystemError(
          `${quoted(path)} is not a folder (a link or a file is in the way). Remove it and retry.`,
          path,
        ),
      );
    }
    return ok(stats);
  } catch (error) {
    return fail(fsError(error, { action: 'checking the folder', path, onRoot: true }));
  }
}

export async function openJobFolder(options: OpenJobFolderOptions): Promise<Result<JobFolder>> {
  const { stagingRoot: root, catalogId, fs, clock } = options;
  if (!isAbsolute(root)) {
    return fail(
      appError({
        code: 'CLIENT.invalidRequest',
        message: `The staging folder ${quoted(root)} is not an absolute path.`,
        retryable: false,
      }),
    );
  }
  let rootStats: Stats;
  try {
    // Never created here: mkdir on a removed drive's mount point would land on the system disk (F3).
    rootStats = await fs.stat(root);
  } catch (error) {
    return fail(fsError(error, { action: 'opening the destination', path: root, onRoot: true }));
  }
  if (!rootStats.isDirectory()) {
    return fail(fileSystemError(`The destination ${quoted(root)} is not a folder. Choose a folder.`, root));
  }
  if (
    options.expectedRoot &&
    !(rootStats.dev === options.expectedRoot.dev && rootStats.ino === options.expectedRoot.ino)
  ) {
    return removed(root, 'is no longer the drive or folder this delivery was being staged on');
  }
  const path = childPath(root, jobFolderName(catalogId));
  if (path === undefined) return fail(fileSystemError(`No safe folder name for ${quoted(catalogId)}.`, root));
  const controlDir = join(path, CONTROL_DIR);
  const partsDir = join(controlDir, PARTS_DIR);

  const job = await ensureDir(fs, path);
  if (!job.ok) return job;
  const jobStats = job.value;
  for (const dir of [controlDir, partsDir]) {
    const made = await ensureDir(fs, dir);
    if (!made.ok) return made;
  }
  const probe = await probeWritable(fs, join(controlDir, PROBE_FILE));
  if (!probe.ok) return probe;

  const folder: JobFolder = {
    root,
    path,
    controlDir,
    partsDir,
    catalogId,
    fs,
    clock,
    rootIdentity: { dev: rootStats.dev, ino: rootStats.ino },
    async checkRoot() {
      try {
        if (!sameNode(await fs.stat(root), rootStats)) return removed(root, 'is no longer the same folder');
      } catch (error) {
        return fail(fsError(error, { action: 'checking the destination', path: root, onRoot: true }));
      }
      try {
        if (!sameNode(await fs.lstat(path), jobStats)) return removed(path, 'was replaced');
      } catch (error) {
        return fail(fsError(error, { action: 'checking the job folder', path, onRoot: true }));
      }
      return ok(undefined);
    },
    async freeSpace(remainingBytes) {
      let available: number;
      try {
        const info = await fs.statfs(path);
        available = info.bavail * info.bsize;
      } catch (error) {
        return fail(fsError(error, { action: 'checking free space on', path, onRoot: true }));
      }
      const needed = remainingBytes + Math.ceil(remainingBytes * 0.05) + 64 * MiB;
      if (available < needed) {
        return fail(
          appError({
            code: 'CLIENT.diskFull',
            message: `Not enough free space in ${quoted(root)}: ${formatMiB(needed)} needed (downloads plus a 5 % and 64 MiB margin), ${formatMiB(available)} available. Free some space or choose another drive.`,
            retryable: false,
            detail: { path: root, bytesNeeded: needed, bytesAvailable: available },
          }),
        );
      }
      return ok({ bytesNeeded: needed, bytesAvailable: available });
    },
  };
  return ok(folder);
}

/** Creates and removes a probe file, so read-only media or a permission problem shows at start (F4). */
async function probeWritable(fs: StagingFs, probe: string): Promise<Result<void>> {
  try {
    await fs.rm(probe, { force: true });
    const handle = await fs.open(probe, CREATE_EXCLUSIVE, 0o600);
    await handle.close();
    await fs.rm(probe, { force: true });
    return ok(undefined);
  } catch (error) {
    const mapped = fsError(error, { action: 'testing that Courier can write to', path: probe, onRoot: true });
    if (mapped.code !== 'CLIENT.fileSystem') return fail(mapped);
    return fail(
      appError({ ...mapped, message: `Cannot write to the destination folder. ${mapped.message}` }),
    );
  }
}

function formatMiB(bytes: number): string {
  return `${(bytes / MiB).toFixed(1)} MiB (${bytes} bytes)`;
}
