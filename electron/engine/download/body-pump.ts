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
}

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
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      watchdog.received(chunk.length);
      // T4 and the endless-data defence: stop before a byte past the declared end reaches the disk.
      if (session.offset + chunk.length > decision.end) {
        const text = decision.exact
          ? `the server sent more than the ${decision.end} bytes it declared.`
          : `the file is larger than the ${decision.end}-byte limit for files of unknown size.`;
        return failed(
          downloadError(itemKey, 'CLIENT.sizeMismatch', text, false, { detail: { limit: decision.end } }),
        );
      }
      await watchdog.local(deps.limiter.take(chunk.length, controller.signal));
      const written = await watchdog.local(session.write(chunk));
      if (!written.ok) return failed(written.error);
      const saved = await watchdog.local(session.checkpointIfDue());
      if (!saved.ok) return failed(saved.error);
    }
  } catch (error) {
    if (ctx.signal?.aborted) return { kind: 'cancelled' };
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
