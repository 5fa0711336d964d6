// The auth session against a scripted loopback gateway: a canary token and password that must never
// surface (A4, S2), credentials for the API origin only, one shared sign-in for concurrent calls,
// and clock skew that must not turn into a refresh before every call.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createApiClient } from '../../../../electron/engine/api/api-client.js';
import type { ApiClient } from '../../../../electron/engine/api/api-client.js';
import type { Log } from '../../../../electron/shared/log.js';
import { normalizeApiUrl } from '../../../../electron/engine/api/api-url.js';
import { createAuthSession } from '../../../../electron/engine/api/auth-session.js';
import { ManualClock } from '../../../../electron/engine/clock.js';
import { createTransport } from '../../../../electron/engine/http/transport.js';
import { startHttpServer } from '../../../support/http-test-server.js';
import type { TestServer } from '../../../support/http-test-server.js';

const CANARY = 'CANARY7f3a';
const ID = '42.field-nav@2.3.1';

interface Gateway {
  /** Answer every login with this status and body instead of tokens. */
  login?: { status: number; body: string };
  refreshStatus?: number;
  /** Refuse every bearer token. */
  revoked?: boolean;
  /** Token lifetime relative to the test clock (negative: already expired, as with clock skew). */
  ttlMs: number;
  issued: number;
}

let clock: ManualClock;
let gateway: Gateway;
let server: TestServer;
let foreign: TestServer;
const transport = createTransport();
const logs: string[] = [];
const valid = new Set<string>();

function tokens(): string {
  gateway.issued += 1;
  const access = `${CANARY}-access-${gateway.issued}`;
  valid.add(access);
  return JSON.stringify({
    accessToken: access,
    refreshToken: `${CANARY}-refresh-${gateway.issued}`,
    expireAt: new Date(clock.now() + gateway.ttlMs).toISOString(),
    refreshExpireAt: new Date(clock.now() + 36_000_000).toISOString(),
  });
}

function reply(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(body);
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const path = req.url ?? '';
  req.resume();
  if (path === '/api/login') {
    const scripted = gateway.login;
    return scripted ? reply(res, scripted.status, scripted.body) : reply(res, 201, tokens());
  }
  if (path === '/api/login/refresh') {
    return gateway.refreshStatus ? reply(res, gateway.refreshStatus, '{}') : reply(res, 201, tokens());
  }
  const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
  if (gateway.revoked || !valid.has(token)) {
    return reply(
      res,
      401,
      JSON.stringify({ statusCode: 401, message: 'Unauthorized', name: 'UnauthorizedException' }),
    );
  }
  reply(res, 200, JSON.stringify({ catalogId: ID, status: 'inProgress', progress: 10 }));
}

beforeEach(async () => {
  clock = new ManualClock();
  gateway = { ttlMs: 1_800_000, issued: 0 };
  valid.clear();
  logs.length = 0;
  server = await startHttpServer(handle);
  foreign = await startHttpServer((_req, res) => res.end());
});
afterEach(async () => {
  transport.close();
  await Promise.all([server.close(), foreign.close()]);
});

function client(): ApiClient {
  const log: Log = (level, message, fields) =>
    logs.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  return createApiClient({
    apiUrl: server.url,
    auth: { kind: 'password', username: 'tech01', password: async () => `${CANARY}-password` },
    deviceId: 'TECH-LAPTOP-07',
    transport,
    clock,
    log,
  });
}

const count = (path: string) => server.requests.filter((r) => r.url === path).length;

describe('secrets never surface (A4, S2)', () => {
  test('the canary token and password appear in no error, message, detail or log line', async () => {
    const api = client();
    const seen: unknown[] = [await api.status(ID)];
    gateway.revoked = true;
    gateway.refreshStatus = 401;
    seen.push(await api.status(ID)); // 401 -> refresh refused -> sign-in -> 401 -> CLIENT.auth
    gateway.login = { status: 201, body: JSON.stringify({ accessToken: `${CANARY}-bare` }) };
    seen.push(await api.status(ID)); // a token set that fails validation
    gateway.login = {
      status: 401,
      body: JSON.stringify({
        message: 'Request failed',
        data: { error_description: 'Invalid user credentials' },
      }),
    };
    seen.push(await api.status(ID));

    expect(seen.map((r) => (r as { ok: boolean; error?: { code: string } }).error?.code)).toEqual([
      undefined,
      'CLIENT.auth',
      'CLIENT.badResponse',
      'CLIENT.auth',
    ]);
    expect(logs.length).toBeGreaterThan(0);
    const everything = JSON.stringify(seen) + logs.join('\n');
    expect(everything).not.toContain(CANARY);
    // The canary did travel, to the API origin only.
    expect(server.requests.some((r) => r.headers.authorization?.includes(CANARY))).toBe(true);
    expect(foreign.requests).toHaveLength(0);
  });

  test('the session refuses to build credentials for any other origin', async () => {
    const base = normalizeApiUrl(server.url);
    if (!base.ok) throw new Error('setup');
    const session = createAuthSession({
      apiBase: base.value,
      mode: { kind: 'password', username: 'tech01', password: async () => 'pw' },
      transport,
      clock,
      log: () => {},
    });
    const outsiders = [
      `${foreign.url}/api/x`,
      server.url.replace('http:', 'https:'),
      server.url.replace('127.0.0.1', 'localhost'),
      `http://user:pw@127.0.0.1:${server.port}/api/x`,
    ];
    for (const href of outsiders) {
      const headers = await session.headersFor(new URL(href));
      expect(headers.ok ? 'ok' : headers.error.code).toBe('CLIENT.urlRejected');
    }
    expect(count('/api/login')).toBe(0);
    const own = await session.headersFor(new URL(`${server.url}/api/delivery/x`));
    expect(own.ok && own.value.authorization).toMatch(/^Bearer /);
  });
});

describe('sign-in economy', () => {
  test('concurrent calls share one sign-in', async () => {
    const api = client();
    const results = await Promise.all([api.status(ID), api.status(ID), api.status(ID)]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(count('/api/login')).toBe(1);
  });

  test('a token that looks expired on arrival (clock skew) is not refreshed before every call', async () => {
    gateway.ttlMs = -3_600_000;
    const api = client();
    for (let i = 0; i < 3; i += 1) expect((await api.status(ID)).ok).toBe(true);
    expect(count('/api/login')).toBe(1);
    expect(count('/api/login/refresh')).toBe(0);
  });
});
