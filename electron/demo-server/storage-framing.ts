// How an object response is framed under a fault script (Content-Length, chunked for gzip, or
// EOF-delimited) and where the script cuts its body. Pure.
import type { StorageFaultScript } from './faults.js';
import type { BodyEnding } from './storage-body.js';

export interface Framing {
  /** The Content-Length to send; undefined for a chunked (gzip) or EOF-delimited body. */
  readonly declared: number | undefined;
  /** No length and no chunks: the body ends when the connection closes. */
  readonly eofDelimited: boolean;
  /** Body bytes to send at most, and how the response ends there. */
  readonly limit: number;
  readonly atLimit: BodyEnding;
}

interface Limit {
  readonly at: number;
  readonly ending: BodyEnding;
}

/** `length` is what the response should carry: the whole object or the range. */
export function planFraming(script: StorageFaultScript, length: number): Framing {
  // A truncation without a scripted length is EOF-delimited: the case a client completes
  // silently (T3). With a Content-Length, or chunked under gzip, it leaves the framing unfinished.
  const eofDelimited =
    script.truncateAfterBytes !== undefined && script.contentLength === undefined && !script.gzip;
  // gzip's length is unknown until the body is compressed, so node:http sends it chunked.
  const declared = script.contentLength ?? (script.gzip || eofDelimited ? undefined : length);

  const limits: Limit[] = [];
  if (script.truncateAfterBytes !== undefined)
    limits.push({ at: script.truncateAfterBytes, ending: eofDelimited ? 'end' : 'drop' });
  if (script.resetAfterBytes !== undefined) limits.push({ at: script.resetAfterBytes, ending: 'drop' });
  if (script.stallAfterBytes !== undefined) limits.push({ at: script.stallAfterBytes, ending: 'stall' });
  // A Content-Length below the body's length cuts the body there, and the response is complete.
  if (declared !== undefined) limits.push({ at: declared, ending: 'end' });
  // Faults come first, so they win a tie with a short Content-Length.
  const first = limits.reduce<Limit>((a, b) => (b.at < a.at ? b : a), { at: Infinity, ending: 'end' });
  return { declared, eofDelimited, limit: first.at, atLimit: first.ending };
}
