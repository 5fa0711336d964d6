// Streams one object body into a response with backpressure (one chunk in flight: flat memory at any
// size) and applies body faults (cut, drop, stall, drip, corrupt, extra, gzip). No HTTP rules here.
import type { ServerResponse } from 'node:http';
import { pipeline, Readable } from 'node:stream';
import { createGzip } from 'node:zlib';

/**
 * How a response ends once its bytes are out: `end` completes it (an EOF-delimited response then
 * closes the connection, as node:http does by itself); `drop` closes the connection with the
 * framing unfinished (short Content-Length, missing last chunk: what a reset looks like to the
 * client); `stall` keeps the connection open and silent until the client or the server gives up.
 */
export type BodyEnding = 'end' | 'drop' | 'stall';

export interface BodyPlan {
  readonly source: Readable;
  /** Object offset of the source's first byte, so `corruptByteAt` addresses the object. */
  readonly offset: number;
  readonly corruptByteAt?: number;
  readonly gzip?: boolean;
  /** Body bytes (as they go on the wire, after gzip) to send at most... */
  readonly limit: number;
  /** ...and how to end when that limit is reached. */
  readonly atLimit: BodyEnding;
  /** The Content-Length sent, if any: running out of body below it leaves the framing unfinished. */
  readonly declared?: number;
  readonly dripBytesPerSecond?: number;
  /** Bytes written to the raw socket after a complete body, beyond what the framing declared. */
  readonly extraBytes?: number;
  /** Aborted when the response closes (client gone or server closing): every wait ends with it. */
  readonly signal: AbortSignal;
  /** +n when n body bytes are handed to the socket, -n if that write then fails. */
  readonly count: (delta: number) => void;
}

interface Sink {
  write(chunk: Buffer, callback: (error?: Error | null) => void): boolean;
}

/** Resolves true after `ms`, or false as soon as `signal` aborts (the timer is cleared then). */
export function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** Writes one piece and waits until the socket took it, so at most one chunk is ever buffered. */
function writeOne(sink: Sink, piece: Buffer, plan: BodyPlan): Promise<boolean> {
  if (plan.signal.aborted) return Promise.resolve(false);
  if (piece.length === 0) return Promise.resolve(true);
  plan.count(piece.length);
  return new Promise((resolve) => {
    let settled = false;
    const settle = (ok: boolean) => {
      if (settled) return;
      settled = true;
      plan.signal.removeEventListener('abort', onAbort);
      if (!ok) plan.count(-piece.length);
      resolve(ok);
    };
    const onAbort = () => settle(false);
    plan.signal.addEventListener('abort', onAbort, { once: true });
    sink.write(piece, (error) => settle(!error));
  });
}

// Ten sends a second keep a drip smooth without a timer per byte; below 10 B/s, a byte per tick.
function pacing(rate: number | undefined): { bytes: number; ms: number } {
  if (rate === undefined || rate <= 0) return { bytes: Infinity, ms: 0 };
  return rate >= 10 ? { bytes: Math.floor(rate / 10), ms: 100 } : { bytes: 1, ms: 1000 / rate };
}

async function writePaced(sink: Sink, chunk: Buffer, plan: BodyPlan): Promise<boolean> {
  const step = pacing(plan.dripBytesPerSecond);
  for (let at = 0; at < chunk.length; at += step.bytes) {
    if (!(await writeOne(sink, chunk.subarray(at, at + step.bytes), plan))) return false;
    if (step.ms > 0 && !(await pause(step.ms, plan.signal))) return false;
  }
  return true;
}

async function* corrupted(source: Readable, offset: number, at: number): AsyncGenerator<Buffer> {
  let position = offset;
  for await (const raw of source) {
    let chunk = raw as Buffer;
    if (at >= position && at < position + chunk.length) {
      // Copy first: a memory object's chunks are views of the bytes every other request serves.
      chunk = Buffer.from(chunk);
      chunk[at - position] = chunk[at - position]! ^ 0xff;
    }
    position += chunk.length;
    yield chunk;
  }
}

function wireChunks(plan: BodyPlan): AsyncIterable<Buffer> {
  const body: AsyncIterable<Buffer> =
    plan.corruptByteAt === undefined ? plan.source : corrupted(plan.source, plan.offset, plan.corruptByteAt);
  if (!plan.gzip) return body;
  const gzip = createGzip();
  // Errors reach the consumer through `gzip` itself; this callback only keeps them handled.
  pipeline(Readable.from(body), gzip, () => {});
  return gzip;
}

function* filler(total: number): Generator<Buffer> {
  const block = Buffer.alloc(Math.min(total, 1 << 16), 'X');
  for (let left = total; left > 0; left -= block.length)
    yield block.subarray(0, Math.min(left, block.length));
}

/** Sends the body after the headers; resolves once it is out, dropped, or the client is gone. */
export async function sendBody(res: ServerResponse, plan: BodyPlan): Promise<void> {
  let sent = 0;
  let ending: BodyEnding | undefined;
  try {
    // The status line goes out first, so a stall or a drop at 0 bytes still shows the client its headers.
    res.flushHeaders();
    if (plan.limit <= 0) ending = plan.atLimit;
    else
      for await (const chunk of wireChunks(plan)) {
        const piece = chunk.length > plan.limit - sent ? chunk.subarray(0, plan.limit - sent) : chunk;
        if (!(await writePaced(res, piece, plan))) return;
        sent += piece.length;
        if (sent >= plan.limit) {
          ending = plan.atLimit;
          break;
        }
      }
  } finally {
    plan.source.destroy();
  }
  ending ??= plan.declared !== undefined && sent < plan.declared ? 'drop' : 'end';

  if (ending === 'end' && plan.extraBytes && res.socket) {
    // node:http frames the body; these bytes go around it, straight onto the connection (T4).
    for (const block of filler(plan.extraBytes)) if (!(await writePaced(res.socket, block, plan))) return;
    ending = 'drop';
  }
  if (plan.signal.aborted) return;
  if (ending === 'end') res.end();
  // Every write above has reached the kernel, so the client still gets all of them before the FIN.
  else if (ending === 'drop') res.destroy();
  else await untilAborted(plan.signal);
}
