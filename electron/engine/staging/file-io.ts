// Small durable-I/O building blocks shared by the staging modules: write-all, directory fsync,
// atomic replace (temp + fsync + rename + fsync dir) and streamed reads.
import { dirname, join } from 'node:path';
import { ok, fail } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { CREATE_EXCLUSIVE } from './fs-adapter.js';
import type { StagingFileHandle, StagingFs } from './fs-adapter.js';
import { errnoOf, fsError } from './fs-errors.js';

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

/** Per file system and folder: the folder fsync under way, and the one waiting to start after it. */
interface DirSyncs {
  running?: Promise<void>;
  queued?: Promise<void>;
}
const dirSyncs = new WeakMap<StagingFs, Map<string, DirSyncs>>();

/**
 * fsync a directory so a rename in it survives a power cut (POSIX). Group commit: a caller joins the
 * fsync of the same folder that is waiting to start (it starts after the caller's change, so it
 * covers it), else queues one after the fsync under way. Files committed at once then share
 * flushes instead of paying one each in turn (issue 9).
 */
export function fsyncDir(fs: StagingFs, dir: string): Promise<void> {
  let byDir = dirSyncs.get(fs);
  if (!byDir) dirSyncs.set(fs, (byDir = new Map()));
  let syncs = byDir.get(dir);
  if (!syncs) byDir.set(dir, (syncs = {}));
  if (syncs.queued) return syncs.queued;
  const own = syncs;
  const sync: Promise<void> = (own.running ?? Promise.resolve())
    .catch(() => undefined)
    .then(() => {
      own.queued = undefined;
      own.running = sync;
      return fsyncDirNow(fs, dir);
    })
    .finally(() => {
      if (own.running === sync) own.running = undefined;
      if (!own.running && !own.queued) byDir.delete(dir);
    });
  own.queued = sync;
  return sync;
}

async function fsyncDirNow(fs: StagingFs, dir: string): Promise<void> {
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

/** Anything that consumes file bytes in order: a Hash, a Verify. */
export interface ByteSink {
  /**
   * Takes the next bytes. A sink that works on them elsewhere (the hashing thread) returns a promise:
   * the chunk's memory is not reused before it settles.
   */
  update(chunk: Uint8Array): unknown;
}

/** Feeds `chunk` to every sink; a promise when a sink still works on its memory. */
function feed(sinks: readonly ByteSink[], chunk: Uint8Array): Promise<unknown> | undefined {
  const busy = sinks.map((sink) => sink.update(chunk)).filter((done) => done instanceof Promise);
  if (busy.length === 0) return undefined;
  const done = Promise.all(busy);
  // Awaited later, after the next read: until then a failure must not count as unhandled.
  done.catch(() => undefined);
  return done;
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
  /** The two buffers to read through (disk-reader.ts keeps them for the next reader). */
  readonly buffers: readonly [Buffer, Buffer];
  /**
   * Reads start and span whole blocks of this size, as direct I/O requires (with aligned buffers,
   * direct-io.ts); only the bytes from `from` on reach the sinks, and a short read is the file's end.
   */
  readonly align?: number;
}

const roundUp = (value: number, unit: number): number => Math.ceil(value / unit) * unit;

/**
 * Streams an open file into `sinks` from `from` (its start by default), through two buffers (flat
 * memory whatever the size): the next read runs in the thread pool while this one is hashed, so
 * reading and hashing overlap. Returns how many bytes it fed the sinks, less than `length` when the
 * file is shorter.
 */
export async function readInto(
  handle: StagingFileHandle,
  sinks: readonly ByteSink[],
  options: ReadIntoOptions,
): Promise<number> {
  const { buffers } = options;
  const align = options.align ?? 1;
  const from = options.from ?? 0;
  const end = from + (options.length ?? Number.POSITIVE_INFINITY);
  /** How much to ask for at file offset `at`: whole blocks, never (much) past the end. */
  const wanted = (buffer: Buffer, at: number): number => Math.min(buffer.length, roundUp(end - at, align));
  const readAt = async (buffer: Buffer, at: number): Promise<number> =>
    at >= end ? 0 : (await handle.read(buffer, 0, wanted(buffer, at), at)).bytesRead;
  let at = from - (from % align);
  let fed = 0;
  let which = 0;
  let pending: Promise<number> | undefined;
  /** Per buffer, the sinks still working on what was last read into it. */
  const inUse: (Promise<unknown> | undefined)[] = [undefined, undefined];
  try {
    if (options.signal?.aborted) throw options.signal.reason;
    pending = readAt(buffers[0], at);
    while (at < end) {
      const bytesRead = pending ? await pending : 0;
      pending = undefined;
      if (bytesRead === 0) break;
      const buffer = buffers[which]!;
      const atEnd = align > 1 && bytesRead < wanted(buffer, at);
      const chunk = buffer.subarray(Math.max(0, from - at), Math.min(bytesRead, end - at));
      at += bytesRead;
      if (options.signal?.aborted) throw options.signal.reason;
      const next = 1 - which;
      // After a short direct read the offset is no longer aligned: there is nothing more to read.
      if (!atEnd) {
        await inUse[next];
        pending = readAt(buffers[next]!, at);
      }
      if (chunk.length > 0) {
        inUse[which] = feed(sinks, chunk);
        fed += chunk.length;
        options.onRead?.(chunk.length);
      }
      which = next;
      if (atEnd) break;
    }
    await Promise.all(inUse);
    return fed;
  } finally {
    // A read still running must not land in a buffer the caller reuses, nor a sink still read it.
    await pending?.catch(() => undefined);
    await Promise.allSettled(inUse);
  }
}
