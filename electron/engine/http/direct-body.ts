// The body of one direct-GET response, decoded by its framing and delivered straight into the
// sink's regions; the connection goes back to the pool only after a complete, exact body.
import { BodyDecoder } from './body-decoder.js';
import { HEAD_BUFFER, type Connection, type Reader } from './direct-connection.js';
import type { framingOf } from './response-head.js';

/** Where a body goes. Called from socket callbacks: both must return at once. */
export interface BodySink {
  /** Where the next bytes may land (at least one byte); the sink owns it until `landed`. */
  region(): Uint8Array;
  /**
   * `count` body bytes now sit at the start of the region last handed out. Returning false pauses
   * reading until `DirectBody.resume()`.
   */
  landed(count: number): boolean;
}

export interface DirectBody {
  /**
   * Delivers the body to `sink`: resolves at the end its framing gives (or the close, for a body
   * without length), rejects on a socket or framing error (with its code) or an abort (its reason).
   */
  pipe(sink: BodySink): Promise<void>;
  /** Goes on reading after `landed` returned false. */
  resume(): void;
  /** Ends the exchange. The connection is reused only after a complete body. Idempotent. */
  destroy(): void;
}

export interface BodyHooks {
  readonly reusable: boolean;
  readonly release: (connection: Connection) => void;
  readonly stopListening: () => void;
}

/** The body of one response, delivered to a sink; `early` are body bytes that came with the head. */
export function directBody(
  connection: Connection,
  framing: ReturnType<typeof framingOf>,
  early: Buffer,
  hooks: BodyHooks,
): DirectBody {
  const decoder = new BodyDecoder(framing);
  const { socket } = connection;
  let sink: BodySink | undefined;
  let finished = false;
  let paused = false;
  let leftover = early;
  let settle: { resolve: () => void; reject: (error: Error) => void } | undefined;
  let outcome: { error?: Error } | undefined;

  const finish = (error?: Error) => {
    if (finished) return;
    finished = true;
    hooks.stopListening();
    outcome = error ? { error } : {};
    if (error || !hooks.reusable || decoder.excess || leftover.length > 0) {
      connection.reader = undefined;
      socket.destroy();
    } else hooks.release(connection);
    if (settle && error) settle.reject(error);
    else settle?.resolve();
  };

  /** Decodes `count` raw bytes at the start of `region` (the sink's last) for the sink; false pauses. */
  const deliver = (region: Uint8Array, count: number): boolean => {
    const body = decoder.decode(region, 0, count);
    const goOn = body > 0 ? sink!.landed(body) : true;
    if (decoder.done) {
      finish();
      return false;
    }
    if (!goOn) paused = true;
    return goOn;
  };

  /** Feeds bytes that did not land in a region of the sink (those that came with the head). */
  const drain = (): void => {
    while (leftover.length > 0 && !paused && !finished) {
      const region = sink!.region();
      const count = Math.min(region.length, leftover.length);
      region.set(leftover.subarray(0, count));
      leftover = leftover.subarray(count);
      deliver(region, count);
    }
  };

  /** Drains, then reads the socket unless paused, finished or already at its end. */
  const flow = (): void => {
    try {
      drain();
    } catch (error) {
      return finish(error as Error);
    }
    if (paused || finished) return;
    if (decoder.done) return finish();
    if (connection.failure) return finish(connection.failure);
    if (connection.ended) return framing.kind === 'close' ? finish() : finish(cutShort());
    socket.resume();
  };

  // The socket reads into a region of the sink only while no earlier bytes wait: a region handed
  // to the socket must not be handed out again (by drain) before the socket fills it.
  let scratch: Buffer | undefined;
  let lastRegion: Uint8Array | undefined;
  const reader: Reader = {
    buffer: () =>
      (lastRegion = leftover.length > 0 ? undefined : sink!.region()) ??
      (scratch ??= Buffer.allocUnsafe(HEAD_BUFFER)),
    read: (count, into) => {
      try {
        if (into === lastRegion) return deliver(into, count);
        // Landed where an earlier reader pointed the socket: copied, like the head's bytes.
        leftover = Buffer.concat([leftover, into.subarray(0, count)]);
        drain();
        return !paused && !finished;
      } catch (error) {
        finish(error as Error);
        return false;
      }
    },
    end: () => {
      if (leftover.length > 0) return;
      if (framing.kind === 'close') finish();
      else finish(cutShort());
    },
    error: (error) => finish(error),
  };

  return {
    pipe(target) {
      if (sink) return Promise.reject(new Error('the body is already being read'));
      sink = target;
      return new Promise<void>((resolve, reject) => {
        settle = { resolve, reject };
        if (outcome) return outcome.error ? reject(outcome.error) : resolve();
        if (framing.kind === 'none') {
          finish();
          return;
        }
        connection.reader = reader;
        flow();
      });
    },
    resume() {
      if (!paused || finished) return;
      paused = false;
      flow();
    },
    destroy() {
      if (!finished) finish(new DOMException('The body was abandoned', 'AbortError'));
    },
  };
}

function cutShort(): Error {
  return Object.assign(new Error('the server closed the connection before the end of the body'), {
    code: 'ECONNRESET',
  });
}
