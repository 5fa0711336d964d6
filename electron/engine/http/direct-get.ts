// A GET whose body lands straight in the caller's buffers: each socket read is copied by the kernel
// into the region the caller names (its disk-write buffer), with no Buffer per chunk, no second copy
// by an HTTP parser and no stream in between. node:http allocates and copies every 64 KiB of a body
// twice and passes it through a stream: at a gigabyte a second that cost more CPU than writing,
// reading back and hashing the file together, most of it page faults and garbage collection (issue 9).
// Artifact bodies only; the API's small answers keep node:http (transport.ts). Keep-alive, TLS, the
// same address guard (U2) and deadlines (T5) and the stale-socket retry (T10) as transport.ts.
import { appError } from '../../shared/app-error.js';
import { fail, ok, type Result } from '../../shared/result.js';
import type { Clock } from '../clock.js';
import { directBody, type DirectBody } from './direct-body.js';
import { Connection, HEAD_BUFFER } from './direct-connection.js';
import {
  framingOf,
  headLength,
  MAX_HEAD_BYTES,
  parseHead,
  protocolError,
  type ResponseHead,
} from './response-head.js';
import { DeadlineError, isResetError, transportError } from './transport-errors.js';

export type { BodySink, DirectBody } from './direct-body.js';

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

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

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
