// The engine's only HTTP client: node:http(s), and for artifact bodies the direct path of
// direct-get.ts; never fetch (it inflates gzip, accepts cut bodies). Keep-alive, TLS, identity
// encoding, per-phase deadlines.
import http from 'node:http';
import type { IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { appError } from '../../shared/app-error.js';
import { fail, ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { realClock } from '../clock.js';
import type { Clock } from '../clock.js';
import { createDirectGet, type DirectResponse } from './direct-get.js';
import { gate, guardedLookup } from './outbound-guard.js';
import { DeadlineError, cancelledError, isResetError, transportError } from './transport-errors.js';
import type { DeadlinePhase } from './transport-errors.js';

export type HttpMethod = 'GET' | 'HEAD' | 'POST';

export interface HttpRequest {
  readonly method: HttpMethod;
  readonly url: URL;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Buffer;
  readonly signal?: AbortSignal;
  /** TCP connect plus TLS handshake (T5: 15 s). */
  readonly connectTimeoutMs?: number;
  /** From the connected socket to the status line and headers (T5: 30 s). */
  readonly headersTimeoutMs?: number;
}

export interface HttpResponse {
  readonly status: number;
  /** Lowercase names, as node:http delivers them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The raw body bytes, never decoded or inflated. The caller must consume or destroy it. */
  readonly body: Readable;
}

/** A GET whose body is read into the caller's own buffers (direct-get.ts). */
export type DirectRequest = Pick<HttpRequest, 'url' | 'signal' | 'connectTimeoutMs' | 'headersTimeoutMs'> & {
  readonly headers: Readonly<Record<string, string>>;
};

export interface HttpTransport {
  request(req: HttpRequest): Promise<Result<HttpResponse>>;
  /** For artifact bodies: the bytes land in the caller's buffers, with no allocation per chunk. */
  getDirect(req: DirectRequest): Promise<Result<DirectResponse>>;
  /** Closes idle keep-alive sockets; requests still in flight finish. */
  close(): void;
}

export interface TransportOptions {
  /** PEM bundle of a private certificate authority (replaces the system roots for https). */
  readonly ca?: string;
  /** PEM client certificate and key for mTLS deployments. */
  readonly cert?: string;
  readonly key?: string;
  /** Sockets per origin (default 8). */
  readonly maxSockets?: number;
  /** Deadline timers; the real clock by default. */
  readonly clock?: Clock;
}

export const CONNECT_TIMEOUT_MS = 15_000;
export const HEADERS_TIMEOUT_MS = 30_000;
/**
 * Idle keep-alive sockets are dropped after this long: Node servers (the NestJS gateway) close them
 * after 5 s, and reusing one in that race fails a POST that cannot safely be repeated (T10). Node's
 * agent only destroys *free* sockets on this timeout; requests in flight keep their own deadlines.
 */
const FREE_SOCKET_TIMEOUT_MS = 4_000;

interface Outcome {
  readonly result: Result<HttpResponse>;
  /** The reused keep-alive socket was already dead: nothing reached the server (T10). */
  readonly staleSocket: boolean;
}

export function createTransport(options: TransportOptions = {}): HttpTransport {
  const clock = options.clock ?? realClock;
  const tls = {
    ...(options.ca !== undefined ? { ca: options.ca } : {}),
    ...(options.cert !== undefined ? { cert: options.cert } : {}),
    ...(options.key !== undefined ? { key: options.key } : {}),
  };
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.maxSockets ?? 8,
    timeout: FREE_SOCKET_TIMEOUT_MS,
    lookup: guardedLookup,
  };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent({ ...agentOptions, ...tls });
  const direct = createDirectGet({
    tls,
    clock,
    idleMs: FREE_SOCKET_TIMEOUT_MS,
    maxIdle: agentOptions.maxSockets,
  });

  function exchange(req: HttpRequest, pooled: boolean): Promise<Outcome> {
    const url = req.url;
    const isTls = url.protocol === 'https:';
    const origin = url.origin;
    return new Promise<Outcome>((resolve) => {
      // Identity only: a gzip body must reach the caller as the bytes the server sent (T9).
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers ?? {})) {
        if (name.toLowerCase() !== 'accept-encoding') headers[name] = value;
      }
      headers['accept-encoding'] = 'identity';
      if (req.body !== undefined) headers['content-length'] = String(req.body.length);
      // agent: false gives the T10 retry a socket of its own, never another stale one from the pool.
      const agent = pooled ? (isTls ? httpsAgent : httpAgent) : false;
      const requestOptions = {
        method: req.method,
        headers,
        agent,
        lookup: guardedLookup,
        ...(isTls ? tls : {}),
      };
      let client: http.ClientRequest;
      try {
        client = isTls ? https.request(url, requestOptions) : http.request(url, requestOptions);
      } catch {
        // node:http throws synchronously on header values with CR/LF or other invalid characters.
        const error = appError({
          code: 'CLIENT.invalidRequest',
          message: `The request to ${origin} could not be built (invalid header).`,
          retryable: false,
        });
        return resolve({ result: fail(error), staleSocket: false });
      }

      let settled = false;
      let response: IncomingMessage | undefined;
      let cancelTimer = (): void => {};
      const arm = (phase: DeadlinePhase, ms: number) => {
        cancelTimer();
        cancelTimer = clock.setTimer(ms, () => client.destroy(new DeadlineError(phase)));
      };
      const onAbort = () => {
        const reason = new DOMException('The request was cancelled', 'AbortError');
        client.destroy(reason);
        response?.destroy(reason);
      };
      const finish = (outcome: Outcome) => {
        if (settled) return;
        settled = true;
        cancelTimer();
        if (!outcome.result.ok) req.signal?.removeEventListener('abort', onAbort);
        resolve(outcome);
      };

      // Deadlines start when the agent hands out a socket: waiting in our own pool queue is not a
      // network fault. A new socket gets the connect deadline (DNS, TCP, TLS), then the header one.
      client.on('socket', (socket) => {
        const headersMs = req.headersTimeoutMs ?? HEADERS_TIMEOUT_MS;
        if (client.reusedSocket) return arm('headers', headersMs);
        arm('connect', req.connectTimeoutMs ?? CONNECT_TIMEOUT_MS);
        socket.once(isTls ? 'secureConnect' : 'connect', () => {
          if (!settled) arm('headers', headersMs);
        });
      });
      client.on('response', (res) => {
        response = res;
        // Cancelling still has to stop a body the caller is reading.
        res.once('close', () => req.signal?.removeEventListener('abort', onAbort));
        finish({
          result: ok({ status: res.statusCode ?? 0, headers: res.headers, body: res }),
          staleSocket: false,
        });
      });
      client.on('error', (error) => {
        // After the headers, failures surface on the response stream, where the reader sees them.
        if (settled) return;
        const staleSocket = client.reusedSocket && isResetError(error);
        finish({ result: fail(transportError(error, origin)), staleSocket });
      });
      req.signal?.addEventListener('abort', onAbort, { once: true });
      client.end(req.body);
    });
  }

  return {
    async request(req) {
      const allowed = gate(req.url);
      if (!allowed.ok) return allowed;
      if (req.signal?.aborted) return fail(cancelledError(req.url.origin));
      const first = await exchange(req, true);
      // T10: the server closed an idle socket just as we reused it. GET and HEAD are safe to repeat,
      // once and at once; it is not a failed attempt, so no retry budget is spent on it.
      if (first.staleSocket && (req.method === 'GET' || req.method === 'HEAD') && !req.signal?.aborted) {
        return (await exchange(req, false)).result;
      }
      return first.result;
    },
    async getDirect(req) {
      const allowed = gate(req.url);
      if (!allowed.ok) return allowed;
      if (req.signal?.aborted) return fail(cancelledError(req.url.origin));
      // Identity only, as for every request (T9).
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (name.toLowerCase() !== 'accept-encoding') headers[name] = value;
      }
      headers['accept-encoding'] = 'identity';
      return direct.get({
        url: req.url,
        headers,
        signal: req.signal,
        connectTimeoutMs: req.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
        headersTimeoutMs: req.headersTimeoutMs ?? HEADERS_TIMEOUT_MS,
      });
    },
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
      direct.close();
    },
  };
}
