// Streams one accepted response body into the part session: backpressure, the engine-wide rate
// limit, the stall and throughput watchdog, and the byte-count rules that HTTP completion cannot be
// trusted with (T3, T4, M7). Imports node:stream types, ../../shared/, ../ engine modules, siblings.
import type { Readable } from 'node:stream';
import type { AppError } from '../../shared/app-error.js';
import { downloadError } from './download-errors.js';
import type { PartSession } from './part-session.js';
import type { ResponseDecision } from './range-response.js';
import type { DownloadDeps } from './types.js';
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
  readonly body: Readable;
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
 * Largest single disk write, and the "chunk" of goal 4: at most this much beyond the last checkpoint
 * is lost in a crash. 4 MiB writes halve the CPU cost per byte of 1 MiB ones (measured, goal 7).
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
  // Socket chunks are 16-64 KiB; writing each on its own costs a thread-pool round trip apiece, so
  // they are gathered into writes of up to WRITE_BATCH (goal 7). One write stays in flight while the
  // next batch is read and hashed, so the disk and the network overlap instead of taking turns. A
  // slow link still writes at least every FLUSH_MS, and every way out of the loop writes what
  // arrived first (goal 4).
  // Never batch past a checkpoint interval, so checkpoints keep their spacing whatever the setting.
  const batcher = new WriteBatcher(Math.max(1, Math.min(WRITE_BATCH, session.checkpointBytes)));
  let inFlight: Promise<AppError | undefined> | undefined;
  let inFlightBytes = 0;
  let flushedAt = deps.clock.now();
  /** The file offset of everything received so far: on disk, being written, or batched. */
  const received = () => session.offset + inFlightBytes + batcher.size;
  // Only waiting that stops us reading counts as local work for the watchdog: a write running while
  // the socket is still read says nothing about the server, but a slow disk we wait on does.
  const settleWrite = async (): Promise<AppError | undefined> => {
    const pending = inFlight;
    inFlight = undefined;
    return pending ? await watchdog.local(pending) : undefined;
  };
  /** Starts writing the batch once the previous write has finished; does not wait for this one. */
  const startFlush = async (): Promise<AppError | undefined> => {
    // Waiting for the previous write also frees its buffer for reuse (WriteBatcher.detach).
    const previous = await settleWrite();
    if (previous || batcher.size === 0) return previous;
    const data = batcher.detach();
    inFlightBytes = data.length;
    flushedAt = deps.clock.now();
    inFlight = (async () => {
      const written = await session.write(data);
      inFlightBytes = 0;
      if (!written.ok) return written.error;
      const saved = await session.checkpointIfDue();
      return saved.ok ? undefined : saved.error;
    })();
    return undefined;
  };
  /** Writes everything received and waits for it. */
  const flush = async (): Promise<AppError | undefined> => (await startFlush()) ?? (await settleWrite());
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      watchdog.received(chunk.length);
      // T4 and the endless-data defence: stop before a byte past the declared end reaches the disk.
      if (received() + chunk.length > decision.end) {
        const text = decision.exact
          ? `the server sent more than the ${decision.end} bytes it declared.`
          : `the file is larger than the ${decision.end}-byte limit for files of unknown size.`;
        const error = await flush();
        return failed(
          error ??
            downloadError(itemKey, 'CLIENT.sizeMismatch', text, false, { detail: { limit: decision.end } }),
        );
      }
      // A promise per socket chunk adds up at a gigabyte a second: wait only when there is a limit.
      if (deps.limiter.limited) await watchdog.local(deps.limiter.take(chunk.length, controller.signal));
      for (let at = 0; at < chunk.length;) {
        at += batcher.take(chunk, at);
        if (batcher.full) {
          const error = await startFlush();
          if (error) return failed(error);
        }
      }
      ctx.onProgress?.(received());
      if (batcher.size > 0 && deps.clock.now() - flushedAt >= FLUSH_MS) {
        const error = await startFlush();
        if (error) return failed(error);
      }
    }
    const error = await flush();
    if (error) return failed(error);
  } catch (error) {
    // Bytes that arrived before the break are as good as any: keep them for the resume.
    const kept = await flush();
    if (ctx.signal?.aborted) return { kind: 'cancelled' };
    if (kept) return failed(kept);
    if (trip) return failed(tripError(itemKey, trip, session.offset));
    const reason = (error as { code?: unknown } | null)?.code;
    const text = `the connection broke after ${session.offset} bytes${typeof reason === 'string' ? ` (${reason})` : ''}; the download resumes from there.`;
    return failed(
      downloadError(itemKey, 'CLIENT.network', text, true, { detail: { offset: session.offset } }),
    );
  } finally {
    watchdog.stop();
    // A body left half-read would pin the socket; after a clean end this is a no-op.
    body.destroy();
  }
  if (ctx.signal?.aborted) return { kind: 'cancelled' };
  // T3: an EOF-delimited body cut short "completes" in node:http; only the byte count tells.
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
