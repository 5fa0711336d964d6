// Reads a file as the disk holds it, for every verdict (I3): with direct reads (O_DIRECT) where the
// file system allows them, so a file just written (a download, a copy on a USB drive) is checked on
// the device and not in the page cache's copy of it; with ordinary reads elsewhere (EINVAL, Windows,
// macOS). Same bytes either way; direct-io.ts says why and how.
import type { Stats } from 'node:fs';
import { fail, ok, type Result } from '../../shared/result.js';
import { DIRECT_ALIGN, O_DIRECT, alignedBuffer, refusesDirect } from './direct-io.js';
import { READ_NOFOLLOW, type StagingFileHandle, type StagingFs } from './fs-adapter.js';
import { errnoOf, fileSystemError, fsError } from './fs-errors.js';
import { readInto, type ByteSink } from './file-io.js';

/** The read size unless a caller asks for another (1 MiB: reading overlaps hashing already). */
const DISK_READ_BYTES = 1024 * 1024;

/**
 * Idle aligned buffer pairs, by size, for the next reader: verifying many small files would otherwise
 * reserve and fault in fresh memory per file, and make garbage of it.
 */
const idle: (readonly [Buffer, Buffer])[] = [];

function takeBuffers(bytes: number): readonly [Buffer, Buffer] {
  const at = idle.findIndex((pair) => pair[0].length === bytes);
  if (at >= 0) return idle.splice(at, 1)[0]!;
  // Shared, so the hashing thread reads the bytes where they landed (integrity/hash-thread.ts).
  const memory = alignedBuffer(2 * bytes, { shared: true });
  return [memory.subarray(0, bytes), memory.subarray(bytes)];
}

export interface DiskRead {
  /** Where to start (default: the file's start). */
  readonly from?: number;
  /** Stop after this many bytes (default: the rest of the file). */
  readonly length?: number;
  readonly signal?: AbortSignal;
  /** Bytes just fed to the sinks, for progress. */
  readonly onRead?: (bytes: number) => void;
}

export interface DiskReader {
  stat(): Promise<Stats>;
  /** Feeds the bytes of the range to `sinks`, in order; returns how many (fewer: the file is shorter). */
  read(sinks: readonly ByteSink[], range?: DiskRead): Promise<number>;
  close(): Promise<void>;
}

export interface DiskReaderOptions {
  /** Bytes per read, a multiple of DIRECT_ALIGN (default DISK_READ_BYTES). */
  readonly readBytes?: number;
  /** How many idle buffer pairs to keep for later readers once this one closes (default 1). */
  readonly keepIdle?: number;
}

/** Opens `path` for reading without following a symlink (F6). Errors are the open's (ENOENT, ELOOP). */
export async function openDiskReader(
  fs: StagingFs,
  path: string,
  options: DiskReaderOptions = {},
): Promise<DiskReader> {
  const readBytes = options.readBytes ?? DISK_READ_BYTES;
  let direct = O_DIRECT !== 0;
  const open = async (): Promise<StagingFileHandle> => {
    if (direct) {
      try {
        return await fs.open(path, READ_NOFOLLOW | O_DIRECT);
      } catch (error) {
        if (!refusesDirect(error)) throw error;
        direct = false;
      }
    }
    return fs.open(path, READ_NOFOLLOW);
  };
  let handle = await open();
  let buffers: readonly [Buffer, Buffer] | undefined;

  return {
    stat: () => handle.stat(),
    async read(sinks, range = {}) {
      buffers ??= takeBuffers(readBytes);
      const from = range.from ?? 0;
      const length = range.length ?? Number.POSITIVE_INFINITY;
      let fed = 0;
      const reading = {
        buffers,
        onRead: (bytes: number) => {
          fed += bytes;
          range.onRead?.(bytes);
        },
        ...(range.signal ? { signal: range.signal } : {}),
      };
      try {
        await readInto(handle, sinks, { ...reading, from, length, align: direct ? DIRECT_ALIGN : 1 });
      } catch (error) {
        if (!direct || !refusesDirect(error)) throw error;
        // Direct reads refused (a file system that opens with O_DIRECT but cannot do it): the rest of
        // this range, and everything after, the ordinary way, from the first byte not yet fed.
        direct = false;
        await handle.close().catch(() => undefined);
        handle = await open();
        await readInto(handle, sinks, { ...reading, from: from + fed, length: length - fed });
      }
      return fed;
    },
    async close() {
      await handle.close();
      if (buffers && idle.length < (options.keepIdle ?? 1)) idle.push(buffers);
      buffers = undefined;
    },
  };
}

/**
 * Reads a small file whole (journal, lock, manifest, a self-check file just written to a drive)
 * without following a symlink and without reading more than `maxBytes`. undefined when it does not
 * exist.
 */
export async function readSmallFile(
  fs: StagingFs,
  path: string,
  maxBytes: number,
  what: string,
): Promise<Result<Buffer | undefined>> {
  let reader: DiskReader | undefined;
  try {
    reader = await openDiskReader(fs, path);
    const { size } = await reader.stat();
    if (size > maxBytes) {
      return fail(
        fileSystemError(`${what} is larger than ${maxBytes} bytes, so it cannot be genuine.`, path),
      );
    }
    const parts: Buffer[] = [];
    // Copied out: the reader's buffers are reused.
    await reader.read([{ update: (chunk) => parts.push(Buffer.from(chunk)) }], { length: size });
    return ok(Buffer.concat(parts));
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return ok(undefined);
    return fail(fsError(error, { action: `reading ${what}`, path }));
  } finally {
    await reader?.close().catch(() => undefined);
  }
}
