// Raw HTTP against the browser host for tests: node:http, so the Host header, unnormalised paths and
// chunked bodies go out exactly as written. Plus a stub service and a small SSE reader.
import { request } from 'node:http';
import { vi } from 'vitest';
import type { CourierService, PushListener, PushMessage } from '../../electron/service/index.js';
import { ok } from '../../electron/shared/result.js';

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  json(): unknown;
}

export function rawRequest(
  port: number,
  options: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    chunked?: boolean;
  },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host: `127.0.0.1:${port}`, ...options.headers };
    if (options.body !== undefined && !options.chunked)
      headers['content-length'] = String(Buffer.byteLength(options.body));
    const req = request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

export interface StubService extends CourierService {
  readonly invoke: CourierService['invoke'] & ReturnType<typeof vi.fn>;
  emit(message: PushMessage): void;
  readonly listenerCount: () => number;
}

export function stubService(): StubService {
  const listeners = new Set<PushListener>();
  return {
    invoke: vi.fn(async (method: string, request: unknown) => ok({ method, request })) as never,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close: async () => undefined,
    emit: (message) => listeners.forEach((l) => l(message)),
    listenerCount: () => listeners.size,
  };
}

export interface SseClient {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  /** Resolves with the next `count` events (name and parsed data). */
  next(count: number): Promise<{ event: string; data: unknown }[]>;
  close(): void;
}

export function openSse(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        let buffer = '';
        const events: { event: string; data: unknown }[] = [];
        let wake: (() => void) | undefined;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const lines = block.split('\n').filter((l) => !l.startsWith(':'));
            const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
            const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
            if (event !== undefined && data !== undefined) events.push({ event, data: JSON.parse(data) });
          }
          wake?.();
        });
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          async next(count) {
            while (events.length < count) await new Promise<void>((r) => (wake = r));
            return events.splice(0, count);
          },
          close: () => req.destroy(),
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}
