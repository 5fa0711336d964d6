// Small durable-I/O building blocks shared by the staging modules: write-all, directory fsync,
// atomic replace (temp + fsync + rename + fsync dir) and capped reads.
import { dirname, join } from 'node:path';
import { ok, fail } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { CREATE_EXCLUSIVE, READ_NOFOLLOW } from './fs-adapter.js';
import type { StagingFileHandle, StagingFs } from './fs-adapter.js';
import { errnoOf, fileSystemError, fsError } from './fs-errors.js';

/**
 * The most one write call hands the kernel. Linux sizes the page-cache folios of a write by its
 * length, and on virtual machines whose free memory goes back to the host (virtio-balloon free page
 * reporting) the large folios of a 4 MiB write cost twice the CPU per byte of 256 KiB writes (`dd` of
 * 2 GiB into such memory: 6.0 s against 4.1 s of system time; 0.4 to 0.6 s either way elsewhere).
 * Smaller writes copy for less but cost a thread-pool round trip each, which ate the gain (issue 9).
 */
export const WRITE_CALL_BYTES = 256 * 1024;

/** Writes every byte at `position` (a write may be short) and returns the position after the data. */
export async function writeAll(
  handle: StagingFileHandle,
  data: Uint8Array,
  position: number,
): Promise<number> {
  let done = 0;
  while (done < data.length) {
    const length = Math.min(WRITE_CALL_BYTES, data.length - done);
    const { bytesWritten } = await handle.write(data, done, length, position + done);
    if (bytesWritten <= 0) throw Object.assign(new Error('write made no progress'), { code: 'EIO' });
    done += bytesWritten;
  }
  return position + done;
}

// Windows cannot open a directory for fsync, and some POSIX file systems (FUSE, some network mounts)
// refuse it; those cannot be made more durable, so only real I/O errors are reported.
const DIR_SYNC_UNSUPPORTED = new Set(['EISDIR', 'EPERM', 'EACCES', 'EINVAL', 'ENOTSUP', 'EBADF']);

/** fsync a directory so a rename in it survives a power cut (POSIX). */
export async function fsyncDir(fs: StagingFs, dir: string): Promise<void> {
  let handle: StagingFileHandle;
  try {
    handle = await fs.open(dir, 'r');
  } catch (error) {
    if (DIR_SYNC_UNSUPPORTED.has(errnoOf(error) ?? '')) return;
    throw error;
  }
  try {
    await handle.sync();
  } catch (error) {
    if (!DIR_SYNC_UNSUPPORTED.has(errnoOf(error) ?? '')) throw error;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

export interface AtomicWrite {
  /** The final path. */
  readonly path: string;
  readonly data: string | Uint8Array;
  readonly mode: number;
  /** Where the temporary file goes (same file system); defaults to the final path's folder. */
  readonly tempDir?: string;
  /** Whose file this is, for the error message ("the journal", "manifest.json"). */
  readonly what: string;
}

/**
 * Replaces `path` so that a crash at any point leaves either the old or the new content, never a torn
 * file. The temp name is fixed: callers hold the job lock, so only one writer exists, and a leftover
 * from a crash is simply removed (rm unlinks a planted symlink, never its target).
 */
export async function writeFileAtomic(fs: StagingFs, spec: AtomicWrite): Promise<Result<void>> {
  const dir = dirname(spec.path);
  const tempDir = spec.tempDir ?? dir;
  const name = spec.path.slice(dir.length + 1);
  const temp = join(tempDir, `${name}.tmp`);
  const bytes = typeof spec.data === 'string' ? Buffer.from(spec.data, 'utf8') : spec.data;
  let step = 'preparing';
  let handle: StagingFileHandle | undefined;
  try {
    await fs.rm(temp, { force: true });
    step = 'creating';
    handle = await fs.open(temp, CREATE_EXCLUSIVE, spec.mode);
    step = 'writing';
    await writeAll(handle, bytes, 0);
    step = 'flushing';
    await handle.sync();
    await handle.close();
    handle = undefined;
    step = 'renaming';
    await fs.rename(temp, spec.path);
    step = 'flushing the folder of';
    await fsyncDir(fs, dir);
    if (tempDir !== dir) await fsyncDir(fs, tempDir);
    return ok(undefined);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    if (step !== 'flushing the folder of') await fs.rm(temp, { force: true }).catch(() => undefined);
    // ENOENT while creating or renaming inside the job folder means the folder (the drive) is gone.
    const onRoot = step === 'creating' || step === 'renaming';
    return fail(fsError(error, { action: `${step} ${spec.what}`, path: spec.path, onRoot }));
  }
}

/**
 * Reads a small control file (journal, lock, manifest) without following a symlink and without
 * reading more than `maxBytes`. undefined when it does not exist.
 */
export async function readSmallFile(
  fs: StagingFs,
  path: string,
  maxBytes: number,
  what: string,
): Promise<Result<Buffer | undefined>> {
  let handle: StagingFileHandle | undefined;
  try {
    handle = await fs.open(path, READ_NOFOLLOW);
    const { size } = await handle.stat();
    if (size > maxBytes) {
      return fail(
        fileSystemError(`${what} is larger than ${maxBytes} bytes, so it cannot be genuine.`, path),
      );
    }
    const buffer = Buffer.alloc(size);
    let done = 0;
    while (done < size) {
      const { bytesRead } = await handle.read(buffer, done, size - done, done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return ok(buffer.subarray(0, done));
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return ok(undefined);
    return fail(fsError(error, { action: `reading ${what}`, path }));
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Anything that consumes file bytes in order: a Hash, a Verify. */
export interface ByteSink {
  update(chunk: Uint8Array): unknown;
}

export interface ReadIntoOptions {
  /** Where to start reading (default: the file's start). */
  readonly from?: number;
  /** Stop after this many bytes (default: the rest of the file). */
  readonly length?: number;
  /** Checked between reads; an abort throws the signal's reason. */
  readonly signal?: AbortSignal;
  /** Bytes just read, for progress. */
  readonly onRead?: (bytes: number) => void;
  readonly chunkBytes?: number;
  /** Two buffers to read through, for a caller that reads often: no garbage per call. */
  readonly buffers?: readonly [Buffer, Buffer];
}

/**
 * Streams an open file into `sinks` from `from` (its start by default), through two buffers (flat
 * memory whatever the size): the next read runs in the thread pool while this one is hashed, so
 * reading and hashing overlap. Returns how many bytes it read, less than `length` when the file is
 * shorter.
 */
export async function readInto(
  handle: StagingFileHandle,
  sinks: readonly ByteSink[],
  options: ReadIntoOptions = {},
): Promise<number> {
  const limit = options.length ?? Number.POSITIVE_INFINITY;
  const size = Math.max(1, Math.min(options.chunkBytes ?? 1024 * 1024, limit));
  const buffers = options.buffers ?? [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)];
  const from = options.from ?? 0;
  const readAt = async (buffer: Buffer, at: number): Promise<number> =>
    at >= limit
      ? 0
      : (await handle.read(buffer, 0, Math.min(buffer.length, limit - at), from + at)).bytesRead;
  let position = 0;
  let which = 0;
  let pending: Promise<number> | undefined;
  try {
    if (options.signal?.aborted) throw options.signal.reason;
    pending = readAt(buffers[0], 0);
    while (position < limit) {
      const bytesRead = await pending;
      pending = undefined;
      if (bytesRead === 0) break;
      const chunk = buffers[which]!.subarray(0, bytesRead);
      position += bytesRead;
      if (options.signal?.aborted) throw options.signal.reason;
      which = 1 - which;
      pending = readAt(buffers[which]!, position);
      for (const sink of sinks) sink.update(chunk);
      options.onRead?.(bytesRead);
    }
    return position;
  } finally {
    // A read still running must not land in a buffer the caller reuses.
    await pending?.catch(() => undefined);
  }
}
