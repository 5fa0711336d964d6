// The transport against real loopback servers: failure mapping (T1, T5), raw bodies (T9), stale
// keep-alive sockets (T10), TLS with and without the CA bundle, and the URL gate (U1).
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, test } from 'vitest';
import { ManualClock } from '../../../../electron/engine/clock.js';
import { readJson } from '../../../../electron/engine/http/read-body.js';
import { createTransport } from '../../../../electron/engine/http/transport.js';
import type { HttpTransport } from '../../../../electron/engine/http/transport.js';
import {
  closedPort,
  collect,
  selfSignedCert,
  startHttpServer,
  startHttpsServer,
  startRawServer,
} from '../../../support/http-test-server.js';
import type { TestServer } from '../../../support/http-test-server.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function transport(options: Parameters<typeof createTransport>[0] = {}): HttpTransport {
  const made = createTransport(options);
  cleanups.push(() => made.close());
  return made;
}

async function server(make: Promise<TestServer>): Promise<TestServer> {
  const started = await make;
  cleanups.push(() => started.close());
  return started;
}

/** Resolves once `count` raw bytes arrived on any socket of a raw server built with it. */
function bytesSeen(): { onData: (chunk: Buffer) => void; arrived: Promise<void> } {
  let resolve!: () => void;
  const arrived = new Promise<void>((r) => (resolve = r));
  return { onData: () => resolve(), arrived };
}

describe('URL gate (U1, U4)', () => {
  test.each(['file:///etc/passwd', 'data:text/plain,hello', 'ftp://127.0.0.1/x', 'javascript:alert(1)'])(
    '%s is refused before any I/O',
    async (href) => {
      const result = await transport().request({ method: 'GET', url: new URL(href) });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('CLIENT.urlRejected');
    },
  );

  test('credentials in the URL and link-local hosts are refused without connecting', async () => {
    const target = await server(startHttpServer((_req, res) => res.end('x')));
    const withUser = new URL(target.url);
    withUser.username = 'u';
    withUser.password = 'p';
    const results = await Promise.all([
      transport().request({ method: 'GET', url: withUser }),
      transport().request({ method: 'GET', url: new URL('http://169.254.169.254/latest/meta-data') }),
    ]);
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual([
      'CLIENT.urlRejected',
      'CLIENT.urlRejected',
    ]);
    expect(target.connections()).toBe(0);
  });
});

describe('failures become AppErrors at this edge', () => {
  test('T1: a refused port is a retryable CLIENT.network', async () => {
    const port = await closedPort();
    const result = await transport().request({ method: 'GET', url: new URL(`http://127.0.0.1:${port}/x`) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({
      code: 'CLIENT.network',
      retryable: true,
      detail: { socket: 'ECONNREFUSED' },
    });
  });

  test('T1: an unresolvable name is a retryable CLIENT.network', async () => {
    const result = await transport().request({
      method: 'GET',
      url: new URL('http://courier-test.invalid/x'),
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'CLIENT.network', retryable: true });
  });

  test('T5: headers that never arrive end in CLIENT.timeout after the header deadline (fake clock)', async () => {
    const clock = new ManualClock();
    const seen = bytesSeen();
    const silent = await server(startRawServer((socket) => socket.on('data', seen.onData)));
    const pending = transport({ clock }).request({ method: 'GET', url: new URL(`${silent.url}/status`) });
    await seen.arrived;
    await clock.advance(29_000);
    await clock.advance(1_000);
    const result = await pending;
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toMatchObject({
        code: 'CLIENT.timeout',
        retryable: true,
        detail: { phase: 'headers' },
      });
  });

  test('T5: the real clock enforces a small header deadline too', async () => {
    const silent = await server(startRawServer(() => {}));
    const result = await transport().request({
      method: 'GET',
      url: new URL(silent.url),
      headersTimeoutMs: 100,
    });
    expect(result.ok ? 'ok' : result.error.code).toBe('CLIENT.timeout');
  });

  test('T5: a TLS handshake that never completes hits the connect deadline', async () => {
    const clock = new ManualClock();
    const seen = bytesSeen();
    const mute = await server(startRawServer((socket) => socket.on('data', seen.onData)));
    const pending = transport({ clock }).request({
      method: 'GET',
      url: new URL(`https://127.0.0.1:${mute.port}/`),
    });
    await seen.arrived; // the ClientHello
    await clock.advance(15_000);
    const result = await pending;
    if (!result.ok)
      expect(result.error).toMatchObject({ code: 'CLIENT.timeout', detail: { phase: 'connect' } });
    expect(result.ok).toBe(false);
  });

  test('a cancel while waiting for headers is CLIENT.cancelled, and an aborted signal sends nothing', async () => {
    const seen = bytesSeen();
    const silent = await server(startRawServer((socket) => socket.on('data', seen.onData)));
    const controller = new AbortController();
    const pending = transport().request({
      method: 'GET',
      url: new URL(silent.url),
      signal: controller.signal,
    });
    await seen.arrived;
    controller.abort();
    const result = await pending;
    expect(result.ok ? 'ok' : result.error.code).toBe('CLIENT.cancelled');

    const idle = await server(startHttpServer((_req, res) => res.end()));
    const early = await transport().request({
      method: 'GET',
      url: new URL(idle.url),
      signal: AbortSignal.abort(),
    });
    expect(early.ok ? 'ok' : early.error.code).toBe('CLIENT.cancelled');
    expect(idle.connections()).toBe(0);
  });

  test('a header value with CR/LF is refused as a value, not thrown', async () => {
    const target = await server(startHttpServer((_req, res) => res.end()));
    const result = await transport().request({
      method: 'GET',
      url: new URL(target.url),
      headers: { 'x-test': 'a\r\nInjected: 1' },
    });
    expect(result.ok ? 'ok' : result.error.code).toBe('CLIENT.invalidRequest');
    expect(target.requests).toHaveLength(0);
  });
});

describe('bodies and headers', () => {
  test('T9: a gzip body comes back as the raw bytes sent, identity was asked for, and readJson refuses it', async () => {
    const json = Buffer.from(JSON.stringify({ padding: 'x'.repeat(100_000) }));
    const packed = gzipSync(json);
    const target = await server(
      startHttpServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(packed);
      }),
    );
    const client = transport();
    const first = await client.request({
      method: 'GET',
      url: new URL(target.url),
      headers: { 'Accept-Encoding': 'gzip, br' },
    });
    if (!first.ok) throw new Error(first.error.message);
    const raw = await collect(first.value.body);
    expect(raw.equals(packed)).toBe(true);
    expect(raw.length).toBeLessThan(json.length / 10);
    expect(target.requests[0]?.headers['accept-encoding']).toBe('identity');

    const second = await client.request({ method: 'GET', url: new URL(target.url) });
    if (!second.ok) throw new Error(second.error.message);
    const parsed = await readJson(second.value);
    expect(parsed.ok ? 'ok' : parsed.error.code).toBe('CLIENT.badResponse');
  });

  test('U3: redirects are returned to the caller, never followed', async () => {
    const target = await server(
      startHttpServer((_req, res) => {
        res.writeHead(302, { location: '/elsewhere' });
        res.end();
      }),
    );
    const result = await transport().request({ method: 'GET', url: new URL(`${target.url}/start`) });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.status).toBe(302);
    expect(result.value.headers.location).toBe('/elsewhere');
    expect(target.requests.map((r) => r.url)).toEqual(['/start']);
  });
});

/**
 * A raw keep-alive server whose first connection answers one request and then drops the socket
 * when the next request arrives, as a server that just closed an idle connection does (T10).
 * Later connections answer every request, unless `dropFirstOnLater` is set.
 */
function staleSocketServer(dropFirstOnLater = false): Promise<TestServer> {
  return startRawServer((socket, index) => {
    let requests = 0;
    socket.on('data', (chunk: Buffer) => {
      requests += chunk.toString('latin1').split('\r\n\r\n').length - 1;
      const drop = index === 0 ? requests >= 2 : dropFirstOnLater;
      if (drop) return socket.destroy();
      socket.write(
        `HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\n${index}${requests}`,
      );
    });
  });
}

describe('T10: stale keep-alive sockets', () => {
  test('a GET on a socket the server already closed is repeated once on a fresh connection', async () => {
    const target = await server(staleSocketServer());
    const client = transport();
    const first = await client.request({ method: 'GET', url: new URL(`${target.url}/a`) });
    if (!first.ok) throw new Error(first.error.message);
    expect((await collect(first.value.body)).toString()).toBe('01');
    const second = await client.request({ method: 'GET', url: new URL(`${target.url}/b`) });
    if (!second.ok) throw new Error(second.error.message);
    expect((await collect(second.value.body)).toString()).toBe('11');
    expect(target.connections()).toBe(2);
  });

  test('the repeat happens only once', async () => {
    const target = await server(staleSocketServer(true));
    const client = transport();
    const first = await client.request({ method: 'GET', url: new URL(target.url) });
    if (first.ok) await collect(first.value.body);
    const second = await client.request({ method: 'GET', url: new URL(target.url) });
    expect(second.ok ? 'ok' : second.error.code).toBe('CLIENT.network');
    expect(target.connections()).toBe(2);
  });

  test('a POST is never repeated: it may have reached the server', async () => {
    const target = await server(staleSocketServer());
    const client = transport();
    const body = Buffer.from('{}');
    const first = await client.request({ method: 'POST', url: new URL(target.url), body });
    if (first.ok) await collect(first.value.body);
    const second = await client.request({ method: 'POST', url: new URL(target.url), body });
    expect(second.ok ? 'ok' : second.error).toMatchObject({ code: 'CLIENT.network', retryable: true });
    expect(target.connections()).toBe(1);
  });
});

describe('TLS (T1)', () => {
  const made = selfSignedCert();
  const skip = 'skip' in made ? made.skip : undefined;

  test.skipIf(skip !== undefined)(
    'a self-signed server is refused without the CA and accepted with it',
    async () => {
      if ('skip' in made) return;
      const secure = await server(startHttpsServer(made, (_req, res) => res.end('secret')));
      const url = new URL(`${secure.url}/x`);

      const refused = await transport().request({ method: 'GET', url });
      expect(refused.ok).toBe(false);
      if (!refused.ok) {
        expect(refused.error).toMatchObject({ code: 'CLIENT.network', retryable: false });
        expect(refused.error.detail?.tls).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
        expect(refused.error.message).toMatch(/CA bundle/);
      }

      const accepted = await transport({ ca: made.cert }).request({ method: 'GET', url });
      if (!accepted.ok) throw new Error(accepted.error.message);
      expect(accepted.value.status).toBe(200);
      expect((await collect(accepted.value.body)).toString()).toBe('secret');
    },
  );

  test.skipIf(skip !== undefined)(
    'mTLS: the client certificate and key are presented when configured',
    async () => {
      if ('skip' in made) return;
      const strict = { ...made, ca: made.cert, requestCert: true, rejectUnauthorized: true };
      const secure = await server(
        startHttpsServer(strict, (req, res) => res.end(String(req.socket.remoteAddress))),
      );
      const url = new URL(`${secure.url}/x`);

      const anonymous = await transport({ ca: made.cert }).request({ method: 'GET', url });
      if (anonymous.ok) await collect(anonymous.value.body);
      expect(anonymous.ok).toBe(false);

      const identified = await transport({ ca: made.cert, cert: made.cert, key: made.key }).request({
        method: 'GET',
        url,
      });
      if (!identified.ok) throw new Error(identified.error.message);
      expect(identified.value.status).toBe(200);
      await collect(identified.value.body);
    },
  );
});
