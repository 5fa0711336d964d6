// Gives a verified `.part` its final name (§0.4): check the root, fsync the file, rename, fsync the
// folders; retries a rename blocked by an antivirus (F8).
import { basename, dirname, join } from 'node:path';
import { appError } from '../../shared/app-error.js';
import { fail, ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { quoted } from '../display-text.js';
import { READ_WRITE_NOFOLLOW } from './fs-adapter.js';
import type { StagingFileHandle, StagingFs } from './fs-adapter.js';
import { errnoOf, fileSystemError, fsError } from './fs-errors.js';
import { fsyncDir } from './file-io.js';
import type { JobFolder } from './job-folder.js';

/** graceful-fs waits up to 60 s; 30 s covers a virus scan of a large file without hanging a job. */
export const RENAME_RETRY_LIMIT_MS = 30_000;
const LOCKED_ERRNOS = new Set(['EPERM', 'EBUSY', 'EACCES']);

export interface CommitOptions {
  readonly partPath: string;
  readonly finalPath: string;
  readonly folder: Pick<JobFolder, 'path' | 'partsDir' | 'fs' | 'clock' | 'checkRoot'>;
  readonly itemKey?: string;
  readonly signal?: AbortSignal;
  readonly retryLimitMs?: number;
  /**
   * The caller fsynced the part after its last write (a download's final checkpoint), so the fsync
   * here would only flush the access time its read-back set: one flush less per file (issue 9).
   */
  readonly dataSynced?: boolean;
}

/**
 * Call only after size, hash and signature policy passed on the `.part`'s bytes. An existing file with
 * the final name is replaced by this rename alone, so a verified file is only ever replaced by another
 * verified one (F7), and the old file stays intact if anything before the rename fails (F5).
 */
export async function commitPart(options: CommitOptions): Promise<Result<void>> {
  const { partPath, finalPath, folder, itemKey } = options;
  const { fs } = folder;
  const withItem = itemKey !== undefined ? { itemKey } : {};
  // Own containment check (not safe-name.ts): the part lives in parts/, the final name directly in the job folder.
  if (
    dirname(finalPath) !== folder.path ||
    join(folder.path, basename(finalPath)) !== finalPath ||
    basename(finalPath).startsWith('.')
  ) {
    return fail(
      fileSystemError(
        `The final path ${quoted(finalPath)} is not a plain name in the job folder; nothing was renamed.`,
        finalPath,
        itemKey,
      ),
    );
  }
  if (dirname(partPath) !== folder.partsDir) {
    return fail(
      fileSystemError(
        `The partial file ${quoted(partPath)} is not in Courier's parts folder; nothing was renamed.`,
        partPath,
        itemKey,
      ),
    );
  }
  const root = await folder.checkRoot();
  if (!root.ok) return fail(appError({ ...root.error, ...withItem }));

  let handle: StagingFileHandle | undefined;
  try {
    // Already synced: a look at the name is enough (lstat, so a planted link is no regular file).
    if (!options.dataSynced) handle = await fs.open(partPath, READ_WRITE_NOFOLLOW);
    const stats = handle ? await handle.stat() : await fs.lstat(partPath);
    if (!stats.isFile()) {
      return fail(
        fileSystemError(
          `The partial file ${quoted(partPath)} is not a regular file; nothing was renamed.`,
          partPath,
          itemKey,
        ),
      );
    }
    await handle?.sync();
  } catch (error) {
    return fail(fsError(error, { action: 'flushing the verified file', path: partPath, ...withItem }));
  } finally {
    await handle?.close().catch(() => undefined);
  }

  const renamed = await renameWithRetry(options);
  if (!renamed.ok) return renamed;
  try {
    // Both at once: one journal commit of the file system usually covers the two.
    await Promise.all([fsyncDir(fs, folder.path), fsyncDir(fs, folder.partsDir)]);
  } catch (error) {
    return fail(fsError(error, { action: 'flushing the folder of', path: finalPath, ...withItem }));
  }
  return ok(undefined);
}

async function renameWithRetry(options: CommitOptions): Promise<Result<void>> {
  const { partPath, finalPath, folder, itemKey, signal } = options;
  const withItem = itemKey !== undefined ? { itemKey } : {};
  const limit = options.retryLimitMs ?? RENAME_RETRY_LIMIT_MS;
  const deadline = folder.clock.now() + limit;
  let delay = 100;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await folder.fs.rename(partPath, finalPath);
      return ok(undefined);
    } catch (error) {
      const errno = errnoOf(error) ?? '';
      if (errno === 'ENOENT') {
        // The part or the folder vanished: a removed drive is the likely reason, so say that if so.
        const root = await folder.checkRoot();
        if (!root.ok) return fail(appError({ ...root.error, ...withItem }));
      }
      const wait = Math.min(delay, deadline - folder.clock.now());
      if (!LOCKED_ERRNOS.has(errno))
        return fail(
          fsError(error, { action: 'renaming the verified file to', path: finalPath, ...withItem }),
        );
      if (wait <= 0) {
        return fail(
          appError({
            code: 'CLIENT.fileSystem',
            message: `Could not give ${quoted(finalPath)} its final name: the file is locked by another program (antivirus or indexer?) for over ${Math.round(limit / 1000)} s. Close that program and retry; the verified download is kept.`,
            retryable: true,
            ...withItem,
            detail: { path: finalPath, errno, attempts: attempt },
          }),
        );
      }
      try {
        await folder.clock.sleep(wait, signal);
      } catch {
        return fail(
          appError({
            code: 'CLIENT.cancelled',
            message: `Renaming ${quoted(finalPath)} was cancelled.`,
            retryable: false,
            ...withItem,
          }),
        );
      }
      delay = Math.min(delay * 2, 2_000);
    }
  }
}

/** 0755 on POSIX, after verification only; nothing is ever executed (M9, X1). A no-op on Windows. */
export async function setExecutable(
  finalPath: string,
  fs: StagingFs,
  platform: NodeJS.Platform = process.platform,
): Promise<Result<void>> {
  if (platform === 'win32') return ok(undefined);
  try {
    await fs.chmod(finalPath, 0o755);
    return ok(undefined);
  } catch (error) {
    return fail(fsError(error, { action: 'marking as executable', path: finalPath }));
  }
}
