// A GET whose body lands straight in the caller's buffers: each socket read is copied by the kernel
// into the region the caller names (its disk-write buffer), with no Buffer per chunk, no second copy
// by an HTTP parser and no stream in between. node:http allocates and copies every 64 KiB of a body
// twice and passes it through a stream: at a gigabyte a second that cost more CPU than writing,
// reading back and hashing the file together, most of it page faults and garbage collection (issue 9).
// Artifact bodies only; the API's small answers keep node:http (transport.ts). Keep-alive, TLS, the
// same address guard (U2) and deadlines (T5) and the stale-socket retry (T10) as transport.ts.
import { isIP, connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { appError } from '../../shared/app-error.js';
import { fail, ok, type Result } from '../../shared/result.js';
import type { Clock } from '../clock.js';
import { BodyDecoder } from './body-decoder.js';
import { guardedLookup } from './outbound-guard.js';
import {
  framingOf,
  headLength,
  MAX_HEAD_BYTES,
  parseHead,
  protocolError,
  type ResponseHead,
} from './response-head.js';
import { DeadlineError, isResetError, transportError } from './transport-errors.js';

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

export interface DirectResponse {
  readonly status: number;
  readonly headers: ResponseHead['headers'];
  readonly body: DirectBody;
}

export interface DirectGetRequest {
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal | undefined;
  readonly connectTimeoutMs: number;
  readonly headersTimeoutMs: number;
}

export interface DirectGetOptions {
  readonly tls: { readonly ca?: string; readonly cert?: string; readonly key?: string };
  readonly clock: Clock;
  /** Idle keep-alive connections are closed after this long (see transport.ts). */
  readonly idleMs: number;
  /** Idle connections kept per origin. */
  readonly maxIdle: number;
}

/** Socket reads before the body (the head, and body bytes that came with it) land here. */
const HEAD_BUFFER = 64 * 1024;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** What the current exchange does with the connection's reads. */
interface Reader {
  buffer(): Uint8Array;
  /** `count` bytes landed at the start of `into` (normally the last buffer); false pauses reading. */
  read(count: number, into: Uint8Array): boolean;
  end(): void;
  error(error: Error): void;
}

/** One socket, reused across exchanges; its onread hooks forward to whichever exchange reads it. */
class Connection {
  readonly socket: Socket;
  reader: Reader | undefined;
  /** Something the connection can no longer be trusted for a next request after. */
  spoiled = false;
  /** The server closed its side (EOF). */
  ended = false;
  failure: Error | undefined;
  /** Told when the socket closes, for the idle pool. */
  onClose: (() => void) | undefined;
  /** Where reads land when no exchange reads (the bytes are then a protocol error). */
  private readonly spare = Buffer.allocUnsafe(16 * 1024);

  constructor(
    readonly key: string,
    url: URL,
    tls: DirectGetOptions['tls'],
  ) {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    const onread = {
      // Called after every read (and once at the start): where the next read lands.
      buffer: () => this.reader?.buffer() ?? this.spare,
      callback: (count: number, into: Uint8Array) => {
        if (this.reader) return this.reader.read(count, into);
        // Bytes nobody asked for: the server is out of step; never reuse this connection.
        this.spoiled = true;
        return false;
      },
    };
    const target = { host, port, lookup: guardedLookup, onread };
    // @types/node lists `onread` for net.connect only; tls.connect takes it too and reads through it.
    const secure = { ...target, ...tls, ...(isIP(host) ? {} : { servername: host }) };
    this.socket = url.protocol === 'https:' ? tlsConnect(secure) : netConnect(target);
    this.socket.on('end', () => {
      this.ended = true;
      this.reader?.end();
    });
    this.socket.on('error', (error) => {
      this.failure ??= error;
      this.reader?.error(error);
    });
    this.socket.on('timeout', () => this.socket.destroy());
    this.socket.on('close', () => {
      // After the server's EOF a close is the normal end; before it, the connection broke.
      if (!this.ended)
        this.failure ??= Object.assign(new Error('the connection closed'), { code: 'ECONNRESET' });
      if (this.failure) this.reader?.error(this.failure);
      this.onClose?.();
    });
  }

  get usable(): boolean {
    return !this.ended && !this.spoiled && this.failure === undefined && !this.socket.destroyed;
  }
}

function requestHead(url: URL, headers: Readonly<Record<string, string>>): Buffer | undefined {
  const lines = [`GET ${url.pathname}${url.search} HTTP/1.1`, `Host: ${url.host}`];
  for (const [name, value] of Object.entries(headers)) {
    if (!TOKEN.test(name) || /[\0\r\n]/.test(value) || name.toLowerCase() === 'host') return undefined;
    lines.push(`${name}: ${value}`);
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
}

export interface DirectGet {
  get(req: DirectGetRequest): Promise<Result<DirectResponse>>;
  /** Closes idle connections; exchanges in flight finish. */
  close(): void;
}

export function createDirectGet(options: DirectGetOptions): DirectGet {
  const idle = new Map<string, Connection[]>();

  const release = (connection: Connection) => {
    connection.reader = undefined;
    const list = idle.get(connection.key) ?? [];
    if (!connection.usable || list.length >= options.maxIdle) {
      connection.socket.destroy();
      return;
    }
    list.push(connection);
    idle.set(connection.key, list);
    connection.onClose = () => {
      const at = list.indexOf(connection);
      if (at >= 0) list.splice(at, 1);
    };
    connection.socket.unref();
    connection.socket.setTimeout(options.idleMs);
  };

  const acquire = (url: URL, pooled: boolean): { connection: Connection; reused: boolean } => {
    const key = `${url.protocol}//${url.host}`;
    const list = pooled ? idle.get(key) : undefined;
    while (list && list.length > 0) {
      const connection = list.pop()!;
      connection.onClose = undefined;
      if (!connection.usable) {
        connection.socket.destroy();
        continue;
      }
      connection.socket.setTimeout(0);
      connection.socket.ref();
      return { connection, reused: true };
    }
    return { connection: new Connection(key, url, options.tls), reused: false };
  };

  /** One exchange on one connection. `stale` is set when a reused connection died before answering. */
  function exchange(
    req: DirectGetRequest,
    head: Buffer,
    pooled: boolean,
  ): Promise<{ result: Result<DirectResponse>; stale: boolean }> {
    const origin = req.url.origin;
    const { connection, reused } = acquire(req.url, pooled);
    const { socket } = connection;
    return new Promise((resolve) => {
      const headBuffer = Buffer.allocUnsafe(HEAD_BUFFER);
      /** Bytes of the answer in headBuffer. */
      let received = 0;
      let settled = false;
      let cancelTimer = (): void => {};
      const arm = (phase: 'connect' | 'headers', ms: number) => {
        cancelTimer();
        cancelTimer = options.clock.setTimer(ms, () => socket.destroy(new DeadlineError(phase)));
      };
      const onAbort = () => socket.destroy(new DOMException('The request was cancelled', 'AbortError'));
      const stopListening = () => req.signal?.removeEventListener('abort', onAbort);
      const failed = (error: Error) => {
        if (settled) return;
        settled = true;
        cancelTimer();
        stopListening();
        connection.reader = undefined;
        socket.destroy();
        // A reused connection that died before any byte of the answer: the server had closed it (T10).
        const stale = reused && received === 0 && (isResetError(error) || errorCode(error) === 'ECONNRESET');
        resolve({ result: fail(transportError(error, origin)), stale });
      };

      let handed: Uint8Array | undefined;
      connection.reader = {
        buffer: () => (handed = headBuffer.subarray(received)),
        read: (count, into) => {
          // The first read of a connection lands where it was set up to (its spare buffer).
          if (into !== handed)
            headBuffer.set(into.subarray(0, Math.min(count, headBuffer.length - received)), received);
          received += Math.min(count, headBuffer.length - received);
          try {
            return parseWhenComplete();
          } catch (error) {
            failed(error as Error);
            return false;
          }
        },
        end: () =>
          failed(Object.assign(new Error('the server closed the connection'), { code: 'ECONNRESET' })),
        error: failed,
      };

      /** Skips informational answers; at the final head, hands the response over and pauses. */
      const parseWhenComplete = (): boolean => {
        for (;;) {
          const length = headLength(headBuffer.subarray(0, received));
          if (length > MAX_HEAD_BYTES) throw protocolError('HPE_HEADER_OVERFLOW', 'response head too large');
          if (length < 0) {
            if (received >= MAX_HEAD_BYTES || received === headBuffer.length)
              throw protocolError('HPE_HEADER_OVERFLOW', 'response head too large');
            return true;
          }
          const parsed = parseHead(headBuffer.subarray(0, length));
          if (parsed.head.status >= 100 && parsed.head.status < 200) {
            headBuffer.copyWithin(0, length, received);
            received -= length;
            continue;
          }
          const framing = framingOf(parsed.head.status, parsed.contentLength, parsed.transferEncoding);
          settled = true;
          cancelTimer();
          const body = directBody(connection, framing, headBuffer.subarray(length, received), {
            reusable: parsed.head.persistent && framing.kind !== 'close',
            release,
            stopListening,
          });
          resolve({
            result: ok({ status: parsed.head.status, headers: parsed.head.headers, body }),
            stale: false,
          });
          return false;
        }
      };

      if (req.signal?.aborted) return onAbort();
      req.signal?.addEventListener('abort', onAbort, { once: true });
      if (reused) {
        arm('headers', req.headersTimeoutMs);
        socket.resume();
      } else {
        arm('connect', req.connectTimeoutMs);
        socket.once(req.url.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
          if (!settled) arm('headers', req.headersTimeoutMs);
        });
      }
      socket.write(head);
    });
  }

  return {
    async get(req) {
      const head = requestHead(req.url, req.headers);
      if (!head) {
        const error = appError({
          code: 'CLIENT.invalidRequest',
          message: `The request to ${req.url.origin} could not be built (invalid header).`,
          retryable: false,
        });
        return fail(error);
      }
      const first = await exchange(req, head, true);
      // T10: as in transport.ts, once and at once, on a connection of its own.
      if (first.stale && !req.signal?.aborted) return (await exchange(req, head, false)).result;
      return first.result;
    },
    close() {
      for (const list of idle.values()) for (const connection of list) connection.socket.destroy();
      idle.clear();
    },
  };
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

interface BodyHooks {
  readonly reusable: boolean;
  readonly release: (connection: Connection) => void;
  readonly stopListening: () => void;
}

/** The body of one response, delivered to a sink; `early` are body bytes that came with the head. */
function directBody(
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
