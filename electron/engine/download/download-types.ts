// The public shapes of one artifact download: request, injected dependencies and outcome.
// Types only, nothing at runtime, so callers can depend on it cheaply.
import type { Result } from '../../shared/result.js';
import type { Clock } from '../clock.js';
import type { SignatureToCheck } from '../integrity/file-digest.js';
import type { HttpTransport } from '../http/transport.js';
import type { RateLimiter } from '../rate-limiter.js';
import type { StagingFs } from '../staging/fs-adapter.js';
import type { UrlPolicy } from '../url-policy.js';

/** What identifies the server's copy a partial belongs to (sent back as If-Range, T8). */
export interface ResumeValidator {
  /** A strong ETag, quoted as the server sent it. Weak ETags are never kept: If-Range forbids them. */
  readonly etag?: string;
  /** Last-Modified, verbatim. */
  readonly lastModified?: string;
}

/** The journal's view of a partial: bytes [0, offset) of the `.part` are durable (fsynced). */
export interface ResumeState {
  readonly offset: number;
  readonly validator: ResumeValidator;
}

export interface DownloadRequest {
  readonly itemKey: string;
  /** Already accepted by checkArtifactUrl. */
  readonly url: URL;
  /** The declared size; undefined means "unknown": `maxSize` caps it and size cannot vouch for it (M7). */
  readonly expectedSize: number | undefined;
  /** The `.part` file. Never renamed here: the caller verifies and commits. */
  readonly partPath: string;
  /** From the journal; absent or offset 0 starts a fresh `.part`. */
  readonly resume?: ResumeState;
  /** Checked over the bytes read back from disk (with the SHA-256 of those bytes). */
  readonly signature?: SignatureToCheck;
  /**
   * Also hash the bytes as they stream in, to compare with the read-back (I3). Needed only when no
   * published hash or checked signature will judge the bytes on disk: otherwise those catch a disk
   * that stored other bytes, and a second SHA-256 pass would only cost time.
   */
  readonly witnessStream?: boolean;
  /** Pause or cancel: aborts promptly, checkpoints, and returns CLIENT.cancelled. */
  readonly signal?: AbortSignal;
  /** Bytes of the file received so far (written or about to be). Called per chunk: keep it cheap. */
  onProgress?(bytesDone: number): void;
  /**
   * Every byte of the body is written (not yet flushed or read back): the caller may start another
   * transfer beside the rest of this one.
   */
  onReceived?(): void;
  /** After an fsync: `offset` bytes are durable. The caller writes its journal here. */
  onCheckpoint?(state: ResumeState): void | Promise<void>;
  /** A fresh presigned URL for the same item, when the storage answered 403 (U5). */
  refreshUrl?(): Promise<Result<URL>>;
}

export interface DownloadTimeouts {
  readonly connectMs: number;
  readonly headersMs: number;
  /** No body byte for this long aborts the request as CLIENT.stalled (T5). */
  readonly stallMs: number;
  /** Slower than this over the window aborts the request (slow loris, T5). */
  readonly minThroughput: { readonly bytesPerSecond: number; readonly windowMs: number };
}

export interface RetryPolicy {
  /** Attempts in a row that make no progress before the item fails (T1: 5). */
  readonly attempts: number;
  readonly baseMs: number;
  readonly maxMs: number;
  /** ±spread of each delay; 0.2 unless set. */
  readonly jitter?: number;
}

export interface DownloadDeps {
  readonly transport: HttpTransport;
  readonly clock: Clock;
  readonly limiter: RateLimiter;
  /** [0, 1), for backoff jitter. */
  readonly random: () => number;
  readonly fs: StagingFs;
  /** For redirects (U3); the first URL was checked by the caller. */
  readonly urlPolicy: UrlPolicy;
  readonly timeouts: DownloadTimeouts;
  readonly retry: RetryPolicy;
  /** The cap for an item of unknown size (64 GiB by default). */
  readonly maxSize: number;
  /** fsync and report a checkpoint at most this often (8 MiB): what a crash can cost (goal 4). */
  readonly checkpointBytes: number;
}

export interface DownloadOutcome {
  /** Bytes in the `.part`, equal to expectedSize when it was known. */
  readonly size: number;
  /** SHA-256 of the file as the disk gave it back, read behind the writer (I2, I3). */
  readonly sha256: Buffer;
  /** The signature over those bytes; undefined when none was asked for. */
  readonly signatureValid: boolean | undefined;
  /** SHA-256 of the bytes as they streamed in, when `witnessStream` asked for it; else null. */
  readonly streamedSha256: Buffer | null;
  readonly validator: ResumeValidator;
  /** Body bytes received by this call (what the network cost). */
  readonly bytesFetched: number;
  /** The durable offset this call started from after checking the partial (0 after a restart). */
  readonly resumedFrom: number;
}
