// I3 at no extra pass: a `.part`'s bytes are read back from disk behind the writer, each range as
// soon as a checkpoint made it durable, while the download still streams. The digest (and signature)
// a file is judged on is the disk's, and only the tail after the last checkpoint is read at the end.
// Where the file system allows it, the reads are direct (staging/disk-reader.ts): from the disk
// itself, not the page cache's copy.
import { SETTING_DEFAULTS } from '../../shared/settings-schema.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { ITEMS_PER_SLOT } from '../job/transfer-slots.js';
import type { FileDigest, SignatureToCheck } from '../integrity/file-digest.js';
import { createThreadHash, type ThreadHash } from '../integrity/hash-thread.js';
import { startSignatureCheck, type SignatureCheck } from '../integrity/signature.js';
import type { StagingFs } from '../staging/fs-adapter.js';
import { fsError } from '../staging/fs-errors.js';
import type { ByteSink } from '../staging/file-io.js';
import { openDiskReader, type DiskReader } from '../staging/disk-reader.js';

/**
 * Read buffers kept for the next downloads: as many as read back at once with the default concurrency
 * (job/transfer-slots.ts). Fewer made a pair of garbage megabytes per small file (peak RSS +15%).
 */
const KEEP_IDLE = SETTING_DEFAULTS.concurrency * ITEMS_PER_SLOT;

export interface ReadBehindOptions {
  readonly fs: StagingFs;
  readonly path: string;
  readonly itemKey: string;
  readonly signature: SignatureToCheck | undefined;
  readonly signal: AbortSignal | undefined;
}

export interface ReadBehind {
  /** What the bytes already on disk at the start (a resumed prefix) are fed to, with `primed`. */
  sinks(): ByteSink[];
  /** Bytes [0, length) were fed to `sinks()` straight from the disk. */
  primed(length: number): void;
  /** Bytes [0, durable) are on disk: read what is new of them, in the background, in order. */
  advance(durable: number): void;
  /** Reads up to `end` and gives what the disk holds: size, SHA-256 and the signature over it. */
  finish(end: number): Promise<Result<FileDigest>>;
  /** The partial was truncated: start over from byte 0. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export function createReadBehind(options: ReadBehindOptions): ReadBehind {
  const { fs, path, itemKey, signal } = options;
  let hash: ThreadHash | undefined;
  let check: SignatureCheck | undefined;
  let sinks: ByteSink[];
  /** Bytes up to here are read or queued to be. */
  let queuedTo = 0;
  let chain: Promise<void> = Promise.resolve();
  let failure: unknown;
  // One reader for every range: its buffers are reused, not a fresh megabyte per range.
  let reader: DiskReader | undefined;

  const fresh = () => {
    hash?.discard();
    hash = createThreadHash();
    check = options.signature
      ? startSignatureCheck(options.signature.key, options.signature.signatureBase64)
      : undefined;
    sinks = check?.sink ? [hash, check.sink] : [hash];
    queuedTo = 0;
    failure = undefined;
  };
  fresh();

  const readRange = async (from: number, to: number): Promise<void> => {
    reader ??= await openDiskReader(fs, path, { keepIdle: KEEP_IDLE });
    const read = await reader.read(sinks, { from, length: to - from, ...(signal ? { signal } : {}) });
    if (read < to - from) throw Object.assign(new Error('the file is shorter than written'), { code: 'EIO' });
  };

  const advance = (durable: number): void => {
    if (durable <= queuedTo) return;
    const from = queuedTo;
    queuedTo = durable;
    chain = chain
      .then(() => (failure === undefined ? readRange(from, durable) : undefined))
      .catch((error: unknown) => {
        failure ??= error;
      });
  };

  /** After the reads in flight; the next read opens the file afresh (it may have been replaced). */
  const closeReader = async (): Promise<void> => {
    await chain;
    await reader?.close().catch(() => undefined);
    reader = undefined;
  };

  return {
    sinks: () => sinks,
    primed(length) {
      queuedTo = length;
    },
    advance,
    async finish(end) {
      advance(end);
      await chain;
      if (failure !== undefined)
        return fail(fsError(failure, { action: 'reading back the downloaded file', path, itemKey }));
      try {
        return ok({ size: queuedTo, sha256: await hash!.digest(), signatureValid: check?.holds() });
      } catch (error) {
        return fail(fsError(error, { action: 'hashing the downloaded file', path, itemKey }));
      } finally {
        hash = undefined;
      }
    },
    async reset() {
      await closeReader();
      fresh();
    },
    async close() {
      await closeReader();
      hash?.discard();
    },
  };
}
