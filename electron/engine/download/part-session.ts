// One `.part` file during a download: where the bytes go, restart from zero (T8, I4), durable
// checkpoints (goal 4), and the read-back of every durable range from disk behind the writer (I3,
// read-behind.ts): the digest and signature a file is judged on are the disk's. When nothing published
// will check those bytes, the stream is hashed too, as a second witness to compare with.
import { createHash } from 'node:crypto';
import { basename, dirname } from 'node:path';
import type { AppError } from '../../shared/app-error.js';
import { fail, ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import type { StagingFs } from '../staging/fs-adapter.js';
import type { ByteSink } from '../staging/file-io.js';
import { openDiskReader, type DiskReader } from '../staging/disk-reader.js';
import { fsError } from '../staging/fs-errors.js';
import { PART_SUFFIX, openPart } from '../staging/part-file.js';
import type { PartFile } from '../staging/part-file.js';
import { downloadError, forItem } from './download-errors.js';
import type { FileDigest } from '../integrity/file-digest.js';
import { createReadBehind } from './read-behind.js';
import type { DownloadRequest, ResumeValidator } from './download-types.js';

export interface PartSession {
  /** Bytes of the file now in the `.part` (written, not necessarily durable). */
  readonly offset: number;
  /** How many bytes may pass between two durable checkpoints. */
  readonly checkpointBytes: number;
  /** The furthest offset this call has reached; a retry that passes it made progress. */
  readonly highWater: number;
  readonly resumedFrom: number;
  readonly bytesFetched: number;
  validator: ResumeValidator;
  /** Writes at the current offset and feeds the digests; never more than one chunk in memory. */
  write(chunk: Buffer): Promise<Result<void>>;
  /** Truncates to zero and resets the digests: the partial belonged to another copy (T8, I4). */
  restart(): Promise<Result<void>>;
  /**
   * fsync, then tell the caller's journal the durable offset. Writes may go on meanwhile; one
   * checkpoint at a time. With `recordInBackground` it resolves once the fsync is done and the
   * journal record goes on by itself (see download-artifact.ts for when that is safe).
   */
  checkpoint(options?: { readonly recordInBackground?: boolean }): Promise<Result<void>>;
  /** `checkpointBytes` have been written since the last checkpoint began. */
  readonly checkpointDue: boolean;
  /** The offset the journal holds: where a crash now would resume from. */
  readonly journaled: number;
  /** SHA-256 of every byte that streamed in (the resumed prefix included); null unless witnessed. */
  streamedDigest(): Buffer | null;
  /** After the last checkpoint: the file as the disk gives it back (size, SHA-256, signature). */
  readBack(): Promise<Result<FileDigest>>;
  close(): Promise<void>;
}

export interface SessionOptions {
  readonly request: DownloadRequest;
  readonly fs: StagingFs;
  readonly checkpointBytes: number;
  readonly signal: AbortSignal | undefined;
}

function partLocation(partPath: string): { partsDir: string; fileName: string } {
  return { partsDir: dirname(partPath), fileName: basename(partPath).slice(0, -PART_SUFFIX.length) };
}

async function openAt(options: SessionOptions, offset: number): Promise<Result<PartFile>> {
  const { request, fs } = options;
  const { partsDir, fileName } = partLocation(request.partPath);
  const part = await openPart({
    folder: { partsDir, fs },
    fileName,
    offset,
    declaredSize: request.expectedSize ?? null,
    itemKey: request.itemKey,
  });
  return part.ok ? part : fail(forItem(part.error, request.itemKey));
}

/** Feeds the bytes already on disk to the digests, in one pass (I2: the final hash covers the whole file). */
async function primeFromDisk(
  options: SessionOptions,
  length: number,
  sinks: ByteSink[],
): Promise<Result<void>> {
  const { request, fs, signal } = options;
  let reader: DiskReader | undefined;
  try {
    reader = await openDiskReader(fs, request.partPath);
    if ((await reader.read(sinks, { length, ...(signal ? { signal } : {}) })) < length) {
      throw Object.assign(new Error('partial shorter than its offset'), { code: 'EIO' });
    }
    return ok(undefined);
  } catch (error) {
    const path = request.partPath;
    return fail(fsError(error, { action: 'reading the partial file', path, itemKey: request.itemKey }));
  } finally {
    await reader?.close().catch(() => undefined);
  }
}

export async function openSession(options: SessionOptions): Promise<Result<PartSession>> {
  const { request, checkpointBytes } = options;
  const { itemKey } = request;
  const opened = await openAt(options, request.resume?.offset ?? 0);
  if (!opened.ok) return opened;
  let part = opened.value;
  const resumedFrom = part.position;
  const witness = () => (request.witnessStream ? createHash('sha256') : undefined);
  let hash = witness();
  const behind = createReadBehind({
    fs: options.fs,
    path: request.partPath,
    itemKey,
    signature: request.signature,
    signal: options.signal,
  });
  if (resumedFrom > 0) {
    // The prefix comes from the disk: it feeds the stream's digest and the read-back alike.
    const primed = await primeFromDisk(options, resumedFrom, [...(hash ? [hash] : []), ...behind.sinks()]);
    if (!primed.ok) {
      await part.close();
      return primed;
    }
    behind.primed(resumedFrom);
  }
  let highWater = resumedFrom;
  let bytesFetched = 0;
  /** Where the last checkpoint began: the next is due `checkpointBytes` after it. */
  let checkpointedAt = resumedFrom;
  let journaled = resumedFrom;

  const session: PartSession = {
    get offset() {
      return part.position;
    },
    get highWater() {
      return highWater;
    },
    resumedFrom,
    checkpointBytes,
    get bytesFetched() {
      return bytesFetched;
    },
    // A partial with no offset carries no claim about which copy it came from.
    validator: resumedFrom > 0 ? { ...request.resume?.validator } : {},

    async write(chunk) {
      const writing = part.write(chunk);
      // Hash while the thread pool writes (goal 6); if the write fails the session ends anyway.
      hash?.update(chunk);
      const written = await writing;
      bytesFetched += chunk.length;
      if (!written.ok) return fail(writeError(written.error, part.position));
      highWater = Math.max(highWater, part.position);
      return ok(undefined);
    },

    async restart() {
      await behind.reset();
      await part.close();
      const reopened = await openAt(options, 0);
      if (!reopened.ok) return reopened;
      part = reopened.value;
      hash = witness();
      session.validator = {};
      checkpointedAt = 0;
      journaled = 0;
      return ok(undefined);
    },

    async checkpoint(options) {
      checkpointedAt = part.position;
      const synced = await part.checkpoint();
      if (!synced.ok) return fail(forItem(synced.error, itemKey));
      const durable = synced.value;
      behind.advance(durable);
      const recording = record(durable);
      if (options?.recordInBackground) return ok(undefined);
      return recording;
    },

    get checkpointDue() {
      return part.position - checkpointedAt >= checkpointBytes;
    },

    get journaled() {
      return journaled;
    },

    streamedDigest() {
      return hash?.digest() ?? null;
    },

    readBack() {
      return behind.finish(part.position);
    },

    async close() {
      await behind.close();
      await part.close();
    },
  };

  /** Tells the caller's journal that bytes up to `durable` are on disk. */
  async function record(durable: number): Promise<Result<void>> {
    try {
      await request.onCheckpoint?.({ offset: durable, validator: { ...session.validator } });
    } catch (error) {
      const text = `its progress could not be recorded (${error instanceof Error ? error.message : String(error)}).`;
      return fail(downloadError(itemKey, 'CLIENT.fileSystem', text, false, { detail: { offset: durable } }));
    }
    journaled = durable;
    return ok(undefined);
  }

  function writeError(error: AppError, written: number): AppError {
    if (error.code !== 'CLIENT.diskFull') return forItem(error, itemKey);
    const needed = request.expectedSize === undefined ? null : request.expectedSize - written;
    const text =
      `the disk is full after ${written} bytes` +
      (needed === null ? '' : `; ${needed} more bytes are needed`) +
      '. Free some space and resume: the partial download is kept.';
    return downloadError(itemKey, 'CLIENT.diskFull', text, false, {
      detail: {
        bytesNeeded: needed,
        bytesWritten: written,
        path: request.partPath,
        errno: error.detail?.errno ?? null,
      },
    });
  }

  return ok(session);
}
