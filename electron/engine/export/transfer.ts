// Moves bytes for an export: copies one staged file to `<file>.part` on the target while hashing what
// is read, and re-reads a target file to hash it.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fail, ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { CREATE_EXCLUSIVE, READ_NOFOLLOW } from '../staging/fs-adapter.js';
import type { StagingFileHandle } from '../staging/fs-adapter.js';
import { errnoOf, fsError } from '../staging/fs-errors.js';
import { writeAll } from '../staging/file-io.js';
import { openDiskReader, type DiskReader } from '../staging/disk-reader.js';
import { createThreadHash, type ThreadHash } from '../integrity/hash-thread.js';
import { cancelled, exportFsError, sourceChanged } from './export-errors.js';
import type { SourceFile } from './source.js';
import { PART_SUFFIX, type ExportTarget } from './target.js';

/** Large enough that a USB stick sees long sequential writes, small enough to keep memory flat. */
const CHUNK = 4 * 1024 * 1024;

export const partPathOf = (target: ExportTarget, file: string): string =>
  join(target.partsDir, `${file}${PART_SUFFIX}`);

export interface Digest {
  readonly size: number;
  readonly sha256: string;
}

/**
 * Streams a file on the target through SHA-256. undefined when it does not exist or is not a regular
 * file (a planted link is never read through). `onBytes` drives progress; the signal stops between reads.
 */
export async function hashTargetFile(
  target: ExportTarget,
  path: string,
  onBytes: (bytes: number) => void,
  signal: AbortSignal | undefined,
): Promise<Result<Digest | undefined>> {
  let reader: DiskReader | undefined;
  let hash: ThreadHash | undefined;
  try {
    // From the drive itself where it allows direct reads, not the page cache's copy of what was written.
    reader = await openDiskReader(target.fs, path, { readBytes: CHUNK });
    if (!(await reader.stat()).isFile()) return ok(undefined);
    hash = createThreadHash();
    const size = await reader.read([hash], { onRead: onBytes, ...(signal ? { signal } : {}) });
    return ok({ size, sha256: (await hash.digest()).toString('hex') });
  } catch (error) {
    if (signal?.aborted) return fail(cancelled(target.path));
    const errno = errnoOf(error);
    if (errno === 'ENOENT' || errno === 'ELOOP') {
      const root = await target.checkRoot();
      return root.ok ? ok(undefined) : root;
    }
    return targetFailure(target, error, 'reading back', path);
  } finally {
    hash?.discard();
    await reader?.close().catch(() => undefined);
  }
}

/** A failure on the target: a vanished drive explains most errors (F3), so that is checked first. */
async function targetFailure(
  target: ExportTarget,
  error: unknown,
  action: string,
  path: string,
  itemKey?: string,
): Promise<Result<never>> {
  const root = await target.checkRoot();
  if (!root.ok) return fail(itemKey !== undefined ? { ...root.error, itemKey } : root.error);
  return fail(exportFsError(error, { action, path, ...(itemKey !== undefined ? { itemKey } : {}) }));
}

/**
 * Copies `file` from the package to its `.part` on the target and fsyncs it. The bytes read are
 * hashed on the way: a source changed since it was verified is caught here and the copy discarded.
 */
export async function copyToPart(
  target: ExportTarget,
  sourceDir: string,
  file: SourceFile,
  onBytes: (bytes: number) => void,
  signal: AbortSignal | undefined,
): Promise<Result<void>> {
  const { fs } = target;
  const from = join(sourceDir, file.file);
  const part = partPathOf(target, file.file);
  let input: StagingFileHandle | undefined;
  let output: StagingFileHandle | undefined;
  const discard = async () => {
    await output?.close().catch(() => undefined);
    output = undefined;
    await fs.rm(part, { force: true }).catch(() => undefined);
  };
  try {
    input = await fs.open(from, READ_NOFOLLOW);
  } catch (error) {
    return fail(fsError(error, { action: 'reading the staged file', path: from, itemKey: file.itemKey }));
  }
  try {
    try {
      // A leftover part (an earlier attempt) or a planted link is removed, never written through (F6).
      await fs.rm(part, { force: true });
      output = await fs.open(part, CREATE_EXCLUSIVE, 0o644);
    } catch (error) {
      return await targetFailure(target, error, 'creating', part, file.itemKey);
    }
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(CHUNK);
    let position = 0;
    for (;;) {
      if (signal?.aborted) {
        await discard();
        return fail(cancelled(target.path));
      }
      let bytesRead: number;
      try {
        ({ bytesRead } = await input.read(buffer, 0, CHUNK, position));
      } catch (error) {
        await discard();
        return fail(fsError(error, { action: 'reading the staged file', path: from, itemKey: file.itemKey }));
      }
      if (bytesRead === 0 || position + bytesRead > file.size) {
        if (bytesRead > 0) position += bytesRead;
        break;
      }
      const chunk = buffer.subarray(0, bytesRead);
      hash.update(chunk);
      try {
        await writeAll(output, chunk, position);
      } catch (error) {
        await discard();
        return await targetFailure(target, error, 'writing', part, file.itemKey);
      }
      position += bytesRead;
      onBytes(bytesRead);
    }
    const actual = hash.digest('hex');
    if (position !== file.size || actual !== file.sha256) {
      await discard();
      return fail(sourceChanged(from, file.itemKey, file.sha256, actual));
    }
    try {
      // Flushed before the read-back (F5), which then reads the drive itself where it allows direct
      // reads (staging/disk-reader.ts), and otherwise at least follows the data to the device.
      await output.sync();
      await output.close();
      output = undefined;
    } catch (error) {
      await discard();
      return await targetFailure(target, error, 'flushing', part, file.itemKey);
    }
    return ok(undefined);
  } finally {
    await input.close().catch(() => undefined);
    await output?.close().catch(() => undefined);
  }
}
