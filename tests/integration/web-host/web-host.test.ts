// Browser mode's loopback host over real sockets: the session token, Host and Origin checks, the
// 4 KiB cap, strict schemas (E1, E9), server-sent events, and static files with the CSP that
// cannot be walked out of.
import { randomUUID } from 'node:crypto';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { BROWSER_CSP } from '../../../electron/service/index.js';
import { startWebHost, type WebHost } from '../../../electron/web-host/server.js';
import { useTempDirs } from '../../support/temp-dir.js';
import { openSse, rawRequest, stubService, type StubService } from '../../support/web-host-client.js';

const SECRET = 'outside-the-renderer-7f3a';
const tempDir = useTempDirs();
let host: WebHost;
let service: StubService;

beforeEach(async () => {
  const base = await tempDir();
  const rendererDir = join(base, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Courier</title>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("courier")');
  await writeFile(join(base, 'secret.txt'), SECRET);
  await symlink(join(base, 'secret.txt'), join(rendererDir, 'link.txt'));
  service = stubService();
  host = await startWebHost({ service, rendererDir });
});
afterEach(async () => {
  await host.close();
});

const invoke = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  rawRequest(host.port, {
    method: 'POST',
    path: `/api/invoke/${method}`,
    headers: { 'content-type': 'application/json', 'x-courier-token': host.token, ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('web host access', () => {
  test('binds 127.0.0.1 and hands out a 32-byte base64url token in the URL', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  test('every request without the token gets 403: page, asset, invoke, events', async () => {
    expect((await rawRequest(host.port, { path: '/' })).status).toBe(403);
    expect((await rawRequest(host.port, { path: '/?token=wrong' })).status).toBe(403);
    expect((await rawRequest(host.port, { path: '/assets/app.js' })).status).toBe(403);
    const noHeader = await invoke('listJobs', undefined, { 'x-courier-token': '' });
    expect(noHeader.status).toBe(403);
    expect(noHeader.json()).toMatchObject({ ok: false, error: { code: 'CLIENT.auth' } });
    // The query token opens pages and the event stream, never invokes.
    const byQuery = await rawRequest(host.port, {
      method: 'POST',
      path: `/api/invoke/listJobs?token=${host.token}`,
    });
    expect(byQuery.status).toBe(403);
    const events = await openSse(host.port, '/api/events');
    expect(events.status).toBe(403);
    events.close();
    expect(service.invoke).not.toHaveBeenCalled();
  });

  test('DNS rebinding: a Host other than 127.0.0.1:<port> or localhost:<port> is refused', async () => {
    const page = `/?token=${host.token}`;
    for (const hostHeader of [
      'evil.example',
      `evil.example:${host.port}`,
      `127.0.0.1:${host.port + 1}`,
      '127.0.0.1',
    ]) {
      const res = await rawRequest(host.port, { path: page, headers: { host: hostHeader } });
      expect(res.status, hostHeader).toBe(403);
    }
    const rebound = await invoke('listJobs', undefined, { host: `attacker.example:${host.port}` });
    expect(rebound.status).toBe(403);
    expect(
      (await rawRequest(host.port, { path: page, headers: { host: `localhost:${host.port}` } })).status,
    ).toBe(200);
    expect(service.invoke).not.toHaveBeenCalled();
  });

  test('a request from another origin is refused even with the token', async () => {
    const foreign = await invoke('listJobs', undefined, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const nullOrigin = await invoke('listJobs', undefined, { origin: 'null' });
    expect(nullOrigin.status).toBe(403);
    expect(service.invoke).not.toHaveBeenCalled();
    const own = await invoke('listJobs', undefined, { origin: `http://127.0.0.1:${host.port}` });
    expect(own.status).toBe(200);
  });
});

describe('web host invoke', () => {
  test('a valid request reaches the service and its Result comes back as JSON', async () => {
    const jobId = randomUUID();
    const res = await invoke('pauseJob', { jobId });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ ok: true, value: { method: 'pauseJob', request: { jobId } } });
    const none = await invoke('listJobs', undefined);
    expect(none.json()).toEqual({ ok: true, value: { method: 'listJobs' } });
  });

  test('E9: a body over 4 KiB gets 413, with or without Content-Length, and never reaches the service', async () => {
    const big = { query: 'x'.repeat(5000), page: 1, perPage: 10 };
    expect((await invoke('listProjects', big)).status).toBe(413);
    const chunked = await rawRequest(host.port, {
      method: 'POST',
      path: '/api/invoke/listProjects',
      headers: {
        'content-type': 'application/json',
        'x-courier-token': host.token,
        'transfer-encoding': 'chunked',
      },
      body: JSON.stringify(big),
      chunked: true,
    });
    expect(chunked.status).toBe(413);
    expect(service.invoke).not.toHaveBeenCalled();
  });

  test('E1: unknown fields, paths instead of ids and wrong types are rejected by the schema', async () => {
    for (const [method, body] of [
      ['pauseJob', { jobId: randomUUID(), path: '/etc/passwd' }],
      ['pauseJob', { jobId: '../../etc' }],
      ['verifyPackage', { packageId: 'x', folder: '/tmp' }],
      ['updateSettings', { stagingFolder: '/' }],
      ['listJobs', { anything: 1 }],
      ['startJobs', { catalogIds: 'not-a-list', itemType: 'software' }],
    ] as const) {
      const res = await invoke(method, body);
      expect(res.status, `${method} ${JSON.stringify(body)}`).toBe(400);
      expect(res.json()).toMatchObject({ ok: false, error: { code: 'CLIENT.invalidRequest' } });
    }
    expect(service.invoke).not.toHaveBeenCalled();
  });

  test('unknown methods, other verbs, non-JSON and broken JSON are refused', async () => {
    expect((await invoke('openExternal', { url: 'https://evil.example' })).status).toBe(404);
    expect((await invoke('constructor', undefined)).status).toBe(404);
    expect(
      (
        await rawRequest(host.port, {
          path: '/api/invoke/listJobs',
          headers: { 'x-courier-token': host.token },
        })
      ).status,
    ).toBe(405);
    const empty = await invoke('listJobs', undefined, { 'content-type': 'text/plain' });
    expect(empty.status).toBe(200); // no body at all: its type does not matter
    const plain = await rawRequest(host.port, {
      method: 'POST',
      path: '/api/invoke/pauseJob',
      headers: { 'content-type': 'text/plain', 'x-courier-token': host.token },
      body: JSON.stringify({ jobId: randomUUID() }),
    });
    expect(plain.status).toBe(415);
    const broken = await rawRequest(host.port, {
      method: 'POST',
      path: '/api/invoke/pauseJob',
      headers: { 'content-type': 'application/json', 'x-courier-token': host.token },
      body: '{"jobId":',
    });
    expect(broken.status).toBe(400);
    expect(service.invoke).toHaveBeenCalledTimes(1);
  });
});

describe('web host events', () => {
  test('server-sent events carry one named event with one JSON snapshot per push', async () => {
    const sse = await openSse(host.port, `/api/events?token=${host.token}`);
    expect(sse.status).toBe(200);
    expect(sse.headers['content-type']).toMatch(/^text\/event-stream/);
    service.emit({ event: 'notice', payload: { level: 'info', message: 'line one\nline two' } });
    service.emit({ event: 'jobRemoved', payload: { jobId: 'j1' } });
    expect(await sse.next(2)).toEqual([
      { event: 'notice', data: { level: 'info', message: 'line one\nline two' } },
      { event: 'jobRemoved', data: { jobId: 'j1' } },
    ]);
    sse.close();
    await expect.poll(() => service.listenerCount()).toBe(0);
  });
});

describe('web host static files', () => {
  test('the page comes with the strict CSP (connect-src self) and a cookie that opens its assets', async () => {
    const page = await rawRequest(host.port, { path: `/?token=${host.token}` });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>Courier</title>');
    expect(page.headers['content-security-policy']).toBe(BROWSER_CSP);
    expect(BROWSER_CSP).toContain("connect-src 'self'");
    expect(BROWSER_CSP).toContain("default-src 'none'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const cookie = String(page.headers['set-cookie']).split(';')[0]!;
    expect(String(page.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    const asset = await rawRequest(host.port, { path: '/assets/app.js', headers: { cookie } });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/^text\/javascript/);
    expect(asset.headers['x-content-type-options']).toBe('nosniff');
  });

  // Cookies are not isolated by port: any other server on 127.0.0.1 the browser visits receives this
  // cookie, so it must open the page's files and nothing else.
  test('the asset cookie is not a credential for /api/invoke or the event stream', async () => {
    const page = await rawRequest(host.port, { path: `/?token=${host.token}` });
    const cookie = String(page.headers['set-cookie']).split(';')[0]!;
    const value = cookie.slice(cookie.indexOf('=') + 1);
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(value).not.toBe(host.token);
    expect(String(page.headers['set-cookie'])).not.toContain(host.token);
    // It still opens the page again (a reload has no ?token=) and its assets.
    expect((await rawRequest(host.port, { path: '/', headers: { cookie } })).status).toBe(200);
    expect((await rawRequest(host.port, { path: '/assets/app.js', headers: { cookie } })).status).toBe(200);

    const forged: Record<string, string>[] = [
      { 'x-courier-token': value },
      { cookie },
      { cookie, 'x-courier-token': value },
    ];
    for (const headers of forged) {
      const res = await invoke('listJobs', undefined, { 'x-courier-token': '', ...headers });
      expect(res.status, JSON.stringify(headers)).toBe(403);
    }
    for (const [path, headers] of [
      [`/api/events?token=${value}`, {}],
      ['/api/events', { cookie }],
      [`/api/events?token=${value}`, { cookie }],
    ] as const) {
      const events = await openSse(host.port, path, headers);
      events.close();
      expect(events.status, path).toBe(403);
    }
    expect(service.invoke).not.toHaveBeenCalled();
  });

  test('path traversal in static paths is refused and never serves a file outside the renderer', async () => {
    const token = `token=${host.token}`;
    for (const path of [
      `/../secret.txt?${token}`,
      `/%2e%2e/secret.txt?${token}`,
      `/assets/..%2f..%2fsecret.txt?${token}`,
      `/assets%5c..%5c..%5csecret.txt?${token}`,
      `/..%5csecret.txt?${token}`,
      `/link.txt?${token}`,
      `/%00index.html?${token}`,
      `//etc/passwd?${token}`,
      `/assets/?${token}`,
    ]) {
      const res = await rawRequest(host.port, { path });
      expect([400, 404], path).toContain(res.status);
      expect(res.text, path).not.toContain(SECRET);
    }
  });
});
