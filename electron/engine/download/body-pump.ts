// Streams one accepted response body into the part session: backpressure, the engine-wide rate
// limit, the stall and throughput watchdog, and the byte-count rules that HTTP completion cannot be
// trusted with (T3, T4, M7).
import type { AppError } from '../../shared/app-error.js';
import type { BodySink, DirectBody } from '../http/direct-get.js';
import { downloadError } from './download-errors.js';
import type { PartSession } from './part-session.js';
import type { ResponseDecision } from './range-response.js';
import type { DownloadDeps } from './download-types.js';
import { startWatchdog } from './watchdog.js';
import { WriteBatcher } from './write-batcher.js';
import type { WatchdogTrip } from './watchdog.js';

export type PumpResult =
  | { readonly kind: 'done' }
  /** The body ended where its range said, before the end of the file: ask for the rest. */
  | { readonly kind: 'more' }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'failed'; readonly error: AppError };

export interface PumpContext {
  readonly itemKey: string;
  readonly body: DirectBody;
  readonly decision: Extract<ResponseDecision, { kind: 'body' }>;
  readonly session: PartSession;
  readonly deps: Pick<DownloadDeps, 'clock' | 'limiter' | 'timeouts'>;
  /** Aborts this request (the transport destroys the socket). */
  readonly controller: AbortController;
  /** The caller's pause/cancel signal. */
  readonly signal: AbortSignal | undefined;
  /** Bytes of the file received so far, per chunk. */
  readonly onProgress?: ((bytesDone: number) => void) | undefined;
}

/**
 * The batch the pump hands the part file at once, and the "chunk" of goal 4: at most this much beyond
 * the last checkpoint is lost in a crash. 4 MiB batches halve the CPU cost per byte of 1 MiB ones
 * (measured, goal 7); the part file passes each on in write calls of WRITE_CALL_BYTES (file-io.ts).
 */
export const WRITE_BATCH = 4 * 1024 * 1024;
const FLUSH_MS = 1000;

function tripError(itemKey: string, trip: WatchdogTrip, offset: number): AppError {
  const text =
    trip.reason === 'stalled'
      ? `no data arrived for ${Math.round(trip.idleMs / 1000)} s; the download resumes from byte ${offset}.`
      : `the link delivered only ${trip.bytes} bytes in ${Math.round(trip.windowMs / 1000)} s; the download resumes from byte ${offset}.`;
  return downloadError(itemKey, 'CLIENT.stalled', text, true, { detail: { reason: trip.reason, offset } });
}

export async function pumpBody(ctx: PumpContext): Promise<PumpResult> {
  const { itemKey, body, decision, session, deps, controller } = ctx;
  let trip: WatchdogTrip | undefined;
  const watchdog = startWatchdog({
    clock: deps.clock,
    stallMs: deps.timeouts.stallMs,
    minThroughput: deps.timeouts.minThroughput,
    onTrip: (value) => {
      trip = value;
      controller.abort(new Error(`watchdog: ${value.reason}`));
    },
  });
  const failed = (error: AppError): PumpResult => ({ kind: 'failed', error });
  // Three stages overlap: the socket reads straight into the batch being filled, full batches are
  // written (one batch at a time, up to WRITE_BATCH, goal 7), and every `checkpointBytes` a checkpoint
  // (fsync, then the journal) runs beside the writes, so neither the disk's write-back nor the
  // journal stops the socket (issue 9). Reading waits only when both batches are taken, or when it
  // would pass the journal by more than a checkpoint and a batch: what a crash may cost stays at
  // that (goal 4). A slow link still writes at least every FLUSH_MS, and every way out writes what
  // arrived first. Never batch past a checkpoint interval, so checkpoints keep their spacing.
  const batcher = WriteBatcher.take(
    Math.max(1, Math.min(WRITE_BATCH, session.checkpointBytes)),
    session.offset,
  );
  const window = session.checkpointBytes + batcher.capacity;
  let inFlight: Promise<AppError | undefined> | undefined;
  let inFlightBytes = 0;
  let checkpointing: Promise<AppError | undefined> | undefined;
  let flushedAt = deps.clock.now();
  /** A write or checkpoint failed: nothing more is written. */
  let diskError: AppError | undefined;
  /** T4 and the endless-data defence: the body went past its declared end. */
  let tooLong: AppError | undefined;
  /** The pump returned: a late rate-limit grant must not start anything. */
  let ended = false;
  /** Why reading waits: a full batch with the write still running, the journal, the rate limit. */
  const waiting = { write: false, journal: false, limit: false };
  /** The file offset of everything received so far: on disk, being written, or batched. */
  const received = () => session.offset + inFlightBytes + batcher.size;
  /** How much more may be read before the journal must catch up. */
  const allowance = () => session.journaled + window - received();

  /** Runs `work` as a stage; its failure ends the body, its end moves the pipeline on. */
  const stage = (work: Promise<AppError | undefined>): Promise<AppError | undefined> => {
    void work.then((error) => {
      if (error) {
        diskError ??= error;
        body.destroy();
      } else advance();
    });
    return work;
  };

  const startWrite = (): void => {
    // The next batch goes where this one ends.
    const data = batcher.detach(received());
    inFlightBytes = data.length;
    flushedAt = deps.clock.now();
    inFlight = stage(
      session.write(data).then((written) => {
        inFlight = undefined;
        inFlightBytes = 0;
        return written.ok ? undefined : written.error;
      }),
    );
  };

  const startCheckpoint = (): void => {
    checkpointing = stage(
      session.checkpoint().then((saved) => {
        checkpointing = undefined;
        return saved.ok ? undefined : saved.error;
      }),
    );
  };

  /** Starts what can start, and reads on when nothing holds reading back. */
  const advance = (): void => {
    if (diskError || tooLong || ended) return;
    if (!inFlight && batcher.full) startWrite();
    if (!checkpointing && session.checkpointDue) startCheckpoint();
    const write = batcher.full;
    const journal = allowance() <= 0;
    // Only waiting that stops us reading counts as local work for the watchdog: a write or an
    // fsync running while the socket is still read says nothing about the server.
    if (write && !waiting.write && inFlight) void watchdog.local(inFlight);
    if (journal && !waiting.journal && checkpointing) void watchdog.local(checkpointing);
    waiting.write = write;
    waiting.journal = journal;
    if (!waiting.write && !waiting.journal && !waiting.limit) body.resume();
  };

  /** Writes everything received and waits for the writes and checkpoints under way. */
  const flush = async (): Promise<AppError | undefined> => {
    for (;;) {
      if (inFlight) await inFlight;
      else if (checkpointing) await checkpointing;
      else if (diskError || batcher.size === 0) return diskError;
      else startWrite();
    }
  };

  const sink: BodySink = {
    // Never more than the journal allows: the next read cannot overshoot it.
    region: () => batcher.region(Math.max(1, allowance())),
    landed(count) {
      watchdog.received(count);
      if (received() + count > decision.end) {
        const text = decision.exact
          ? `the server sent more than the ${decision.end} bytes it declared.`
          : `the file is larger than the ${decision.end}-byte limit for files of unknown size.`;
        tooLong = downloadError(itemKey, 'CLIENT.sizeMismatch', text, false, {
          detail: { limit: decision.end },
        });
        body.destroy();
        return false;
      }
      batcher.commit(count);
      ctx.onProgress?.(received());
      if (deps.limiter.limited) {
        // Rate limit: read no further until the bytes just read are paid for.
        waiting.limit = true;
        void watchdog.local(deps.limiter.take(count, controller.signal)).then(
          () => {
            waiting.limit = false;
            advance();
          },
          () => undefined, // aborted: the body fails with the abort's reason
        );
      }
      if (!inFlight && batcher.size > 0 && deps.clock.now() - flushedAt >= FLUSH_MS) startWrite();
      advance();
      return !waiting.write && !waiting.journal && !waiting.limit;
    },
  };

  try {
    await body.pipe(sink);
    const error = await flush();
    if (error) return failed(error);
  } catch (error) {
    // Bytes that arrived before the break are as good as any: keep them for the resume.
    const kept = await flush();
    if (ctx.signal?.aborted) return { kind: 'cancelled' };
    if (kept) return failed(kept);
    if (tooLong) return failed(tooLong);
    if (trip) return failed(tripError(itemKey, trip, session.offset));
    const reason = (error as { code?: unknown } | null)?.code;
    const text = `the connection broke after ${session.offset} bytes${typeof reason === 'string' ? ` (${reason})` : ''}; the download resumes from there.`;
    return failed(
      downloadError(itemKey, 'CLIENT.network', text, true, { detail: { offset: session.offset } }),
    );
  } finally {
    ended = true;
    watchdog.stop();
    // A body left half-read would pin the socket; after a clean end this is a no-op. Once the
    // socket is closed or done with the body, and flush() awaited every write, no one uses the batches.
    body.destroy();
    if (!inFlight) batcher.release();
  }
  if (ctx.signal?.aborted) return { kind: 'cancelled' };
  // T3: an EOF-delimited body cut short "completes"; only the byte count tells.
  if (decision.exact && session.offset < decision.end) {
    const text = `the server ended the transfer after ${session.offset} of ${decision.end} bytes; the download resumes from there.`;
    return failed(
      downloadError(itemKey, 'CLIENT.sizeMismatch', text, true, {
        detail: { expected: decision.end, received: session.offset },
      }),
    );
  }
  if (decision.fileSize !== undefined && session.offset < decision.fileSize) return { kind: 'more' };
  return { kind: 'done' };
}
