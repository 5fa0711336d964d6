// Test support for the demo object store: a real storage server on 127.0.0.1:0 with a fake clock,
// a fault registry and a request log, plus clients that decode nothing and report how a body ended.
import { createHook } from 'node:async_hooks';
import { once } from 'node:events';
import { request, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { FaultRegistry, RequestLog } from '../../electron/demo-server/faults.js';
import { createPresigner, type Presigner } from '../../electron/demo-server/presign.js';
import { createStorageServer } from '../../electron/demo-server/storage-server.js';
import type { StoredObject } from '../../electron/demo-server/stored-object.js';

/** A fixed instant for fake clocks (release day of the built-in catalog plus an hour). */
export const T0 = Date.UTC(2026, 5, 21, 10, 0, 0);
export const LAST_MODIFIED = new Date('2026-06-21T09:12:00.000Z');

/** An object path shaped like the origin's (its `@` travels as %40). */
export const releasePath = (name: string) => `getapp/releases/1.field-nav@2.3.1/${name}`;

export interface StorageHarness {
  readonly server: Server;
  readonly baseUrl: string;
  /** The fake clock the presigner reads; tests move `clock.now` forward. */
  readonly clock: { now: number };
  readonly presigner: Presigner;
  readonly faults: FaultRegistry;
  readonly log: RequestLog;
  /** A presigned URL for `objectPath`, issued at the fake clock's now. */
  url(objectPath: string): string;
  close(): Promise<void>;
}

export async function startStorage(
  objects: Readonly<Record<string, StoredObject>>,
  options: { ttlSeconds?: number } = {},
): Promise<StorageHarness> {
  const clock = { now: T0 };
  let baseUrl = '';
  const presigner = createPresigner({
    secret: Buffer.from('storage-harness-secret'),
    ttlSeconds: options.ttlSeconds ?? 3600,
    now: () => clock.now,
    resolveBaseUrl: () => baseUrl,
  });
  const faults = new FaultRegistry();
  const log = new RequestLog();
  const server = createStorageServer({
    objects: new Map(Object.entries(objects)),
    presigner,
    faults,
    requestLog: log,
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const closed = once(server, 'close');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    server,
    baseUrl,
    clock,
    presigner,
    faults,
    log,
    url: (objectPath) => presigner.sign(objectPath),
    async close() {
      // What startDemoServer does: stalled and dripping responses must not keep the server open.
      if (server.listening) {
        server.closeAllConnections();
        server.close();
      }
      await closed;
    },
  };
}

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** Sizes of the body pieces as they arrived. */
  readonly pieces: number[];
  /** True when the body ended as its framing said; false when the connection went away first. */
  readonly complete: boolean;
  /** The error code the client saw on the body, if any (ECONNRESET for a body cut short). */
  readonly error: string | undefined;
}

export interface GetOptions {
  method?: string;
  headers?: Record<string, string>;
  /** Give up (destroy the socket) once this many body bytes have arrived. */
  stopAfterBytes?: number;
}

/** One request on a fresh connection; no decompression, no retries, no redirects. */
export function get(url: string, options: GetOptions = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers, agent: false });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let received = 0;
      let error: string | undefined;
      const settle = () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks),
          pieces: chunks.map((c) => c.length),
          complete: res.complete,
          error,
        });
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        received += chunk.length;
        if (options.stopAfterBytes !== undefined && received >= options.stopAfterBytes) req.destroy();
      });
      // 'close' comes after 'end' or after the connection broke ('error' then carries "aborted").
      res.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
      res.on('close', settle);
    });
    req.end();
  });
}

/** A GET whose body the test watches as it arrives (stalls, drips, disconnects). */
export interface LiveGet {
  /** Resolves with the status line and headers as soon as they arrive. */
  readonly response: Promise<IncomingMessage>;
  readonly chunks: Buffer[];
  received(): number;
  /** Resolves once the response is over, however it ended. */
  readonly closed: Promise<void>;
  destroy(): void;
}

export function liveGet(url: string): LiveGet {
  const chunks: Buffer[] = [];
  const req = request(url, { agent: false });
  req.on('error', () => {});
  const response = new Promise<IncomingMessage>((resolve) =>
    req.on('response', (res) => {
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', () => {});
      resolve(res);
    }),
  );
  const closed = new Promise<void>((resolve) => req.on('close', () => resolve()));
  req.end();
  return {
    response,
    chunks,
    received: () => chunks.reduce((sum, chunk) => sum + chunk.length, 0),
    closed,
    destroy: () => req.destroy(),
  };
}

/** A GET over a raw socket: everything the server wrote until it closed, headers split off. */
export async function rawGet(url: string): Promise<{ head: string; body: Buffer }> {
  const { hostname, port, pathname, search } = new URL(url);
  const socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  socket.write(`GET ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n\r\n`);
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  await once(socket, 'close');
  const all = Buffer.concat(chunks);
  const split = all.indexOf('\r\n\r\n');
  return { head: all.subarray(0, split).toString('latin1'), body: all.subarray(split + 4) };
}

/** Waits (bounded) until `condition` holds: for server-side effects a client cannot await. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    if (await condition()) return;
    await sleep(10);
  }
  throw new Error(`timed out waiting until ${what}`);
}

export function openConnections(server: Server): Promise<number> {
  return new Promise((resolve, reject) =>
    server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
  );
}

/** A timer as node:timers creates it; `_destroyed` is set once it fired or was cleared. */
interface TimerResource {
  hasRef(): boolean;
  _destroyed?: boolean;
}

/**
 * Watches every timer created from now on, for leak checks around a disconnect: `pending()` counts
 * those still armed and keeping the process alive. Timers that fired or were cleared drop out.
 */
export function trackTimers(): { pending(): number; stop(): void } {
  const created: TimerResource[] = [];
  const hook = createHook({
    init(_id, type, _trigger, resource) {
      if (type === 'Timeout') created.push(resource as TimerResource);
    },
  }).enable();
  return {
    pending: () => created.filter((timer) => !timer._destroyed && timer.hasRef()).length,
    stop: () => hook.disable(),
  };
}

/** Parses one element of an S3 XML error body. */
export const xmlField = (body: Buffer, name: string) =>
  new RegExp(`<${name}>([^<]*)</${name}>`).exec(body.toString('utf8'))?.[1];
