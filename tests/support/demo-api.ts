// Test harness for the demo GetApp gateway: a fresh server per test on a fake clock, and a fetch
// wrapper that returns what a client sees (status, headers, raw text, parsed JSON). Real sockets only.
import { afterEach, beforeEach } from 'vitest';
import type { TokensDto } from '../../electron/shared/getapp-protocol.js';
import {
  startDemoServer,
  type DemoServer,
  type DemoServerOptions,
} from '../../electron/demo-server/index.js';

/** The fake clock's starting point (the protocol fixtures' morning). */
export const T0 = Date.parse('2026-07-02T08:15:00.000Z');

export interface FakeClock {
  now(): number;
  advance(ms: number): void;
}

export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON when the answer declares JSON and has a body, else undefined. */
  body: T;
}

export interface CallOptions {
  method?: string;
  /** Sent as JSON with Content-Type application/json. */
  json?: unknown;
  /** Sent verbatim (set the content type yourself). */
  rawBody?: string;
  headers?: Record<string, string>;
  /** How to authenticate: the device secret (default), a bearer token, or not at all. */
  auth?: 'device' | 'none' | { bearer: string };
}

export interface ApiHarness {
  readonly server: DemoServer;
  readonly clock: FakeClock;
  /** The server's origin, e.g. http://127.0.0.1:1234 (paths below start with /api or /demo). */
  readonly origin: string;
  call<T = Record<string, unknown>>(path: string, options?: CallOptions): Promise<ApiResponse<T>>;
  login(): Promise<TokensDto>;
}

/** Starts a demo server (faults enabled, fake clock) before each test and closes it after. */
export function useDemoApi(options: Omit<DemoServerOptions, 'now' | 'faults'> = {}): () => ApiHarness {
  let harness: ApiHarness | undefined;
  beforeEach(async () => {
    let time = T0;
    const clock: FakeClock = { now: () => time, advance: (ms) => void (time += ms) };
    const server = await startDemoServer({ ...options, now: clock.now, faults: true });
    const origin = server.apiUrl.replace(/\/api$/, '');
    const call = async <T>(path: string, opts: CallOptions = {}): Promise<ApiResponse<T>> => {
      const headers: Record<string, string> = { ...opts.headers };
      const auth = opts.auth ?? 'device';
      if (auth === 'device') headers['Device-Auth'] = server.credentials.deviceSecret;
      else if (auth !== 'none') headers.Authorization = `Bearer ${auth.bearer}`;
      let body: string | undefined = opts.rawBody;
      if (opts.json !== undefined) {
        body = JSON.stringify(opts.json);
        headers['Content-Type'] = 'application/json';
      }
      const res = await fetch(origin + path, {
        method: opts.method ?? (body ? 'POST' : 'GET'),
        headers,
        body,
      });
      const text = await res.text();
      const isJson = (res.headers.get('content-type') ?? '').startsWith('application/json');
      return {
        status: res.status,
        headers: res.headers,
        text,
        body: (isJson && text ? JSON.parse(text) : undefined) as T,
      };
    };
    const login = async () => {
      const { username, password } = server.credentials;
      const res = await call<TokensDto>('/api/login', { json: { username, password }, auth: 'none' });
      if (res.status !== 201) throw new Error(`login failed: ${res.status} ${res.text}`);
      return res.body;
    };
    harness = { server, clock, origin, call, login };
  });
  afterEach(async () => {
    await harness?.server.close();
    harness = undefined;
  });
  return () => {
    if (!harness) throw new Error('useDemoApi: only usable inside a test');
    return harness;
  };
}

/** Bytes of a catalog artifact, read in-process from the object the store serves. */
export async function servedBytes(server: DemoServer, catalogId: string, itemKey: string): Promise<Buffer> {
  const file = server.catalog.deliveries.get(catalogId)?.artifacts.find((a) => a.itemKey === itemKey)?.file;
  if (!file) throw new Error(`no file for ${catalogId} ${itemKey}`);
  const chunks: Buffer[] = [];
  for await (const chunk of file.object.open(0, file.object.size - 1)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The X-Amz-Date a presigned URL was issued at. */
export function amzDate(url: string): string | null {
  return new URL(url).searchParams.get('X-Amz-Date');
}
