// API client tests against the real demo server: a fake clock shared by client and server, a real
// transport, request-log queries, and helpers that move the fake clock while real sockets work.
import { afterEach } from 'vitest';
import { startDemoServer } from '../../electron/demo-server/index.js';
import type { DemoServer, DemoServerOptions, LoggedRequest } from '../../electron/demo-server/index.js';
import { createApiClient } from '../../electron/engine/api/api-client.js';
import type { ApiClient, ApiClientOptions } from '../../electron/engine/api/api-client.js';
import type { Log } from '../../electron/shared/log.js';
import { ManualClock } from '../../electron/engine/clock.js';
import { createTransport } from '../../electron/engine/http/transport.js';
import type { HttpTransport } from '../../electron/engine/http/transport.js';

export interface ApiHarness {
  readonly clock: ManualClock;
  readonly server: DemoServer;
  readonly transport: HttpTransport;
  /** Every log line the clients wrote, as text (for canary greps). */
  readonly logs: string[];
  client(overrides?: Partial<ApiClientOptions>): ApiClient;
  /** API requests whose path (query removed) ends with `suffix`. */
  requests(suffix: string): LoggedRequest[];
}

/** One demo server per test, closed afterwards. */
export function useApiHarness(): (options?: DemoServerOptions) => Promise<ApiHarness> {
  const open: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of open.splice(0)) await close();
  });
  return async (options = {}) => {
    const clock = new ManualClock();
    const server = await startDemoServer({ now: () => clock.now(), faults: true, ...options });
    const transport = createTransport();
    open.push(async () => {
      transport.close();
      await server.close();
    });
    const logs: string[] = [];
    const log: Log = (level, message, fields) =>
      logs.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
    return {
      clock,
      server,
      transport,
      logs,
      client: (overrides = {}) =>
        createApiClient({
          apiUrl: server.apiUrl,
          auth: {
            kind: 'password',
            username: server.credentials.username,
            password: async () => server.credentials.password,
          },
          deviceId: 'TECH-LAPTOP-07',
          transport,
          clock,
          random: () => 0.5,
          log,
          ...overrides,
        }),
      requests: (suffix) =>
        (server.requestLog?.entries ?? []).filter(
          (e) => e.server === 'api' && (e.url.split('?')[0] ?? '').endsWith(suffix),
        ),
    };
  };
}

/** Resolves once `predicate` holds, checking after each turn of the event loop (never by time). */
export async function waitUntil(predicate: () => boolean, turns = 200_000): Promise<void> {
  for (let i = 0; i < turns; i += 1) {
    if (predicate()) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  throw new Error('condition never became true');
}

/**
 * Runs `promise` to completion, advancing the fake clock by `stepMs` whenever a wait is pending;
 * real socket work in between runs at its own pace.
 */
export async function driveClock<T>(clock: ManualClock, promise: Promise<T>, stepMs = 1000): Promise<T> {
  let done = false;
  const finished = () => {
    done = true;
  };
  promise.then(finished, finished);
  for (let steps = 0; steps < 10_000 && !done; steps += 1) {
    await waitUntil(() => done || clock.pending > 0);
    if (!done) await clock.advance(stepMs);
  }
  return promise;
}
