// Reading API bodies from real sockets: every M4 shape of bad JSON, the byte cap, a stalled or
// broken body (T5, T2) and draining for keep-alive reuse.
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../../../electron/engine/clock.js';
import { drain, readJson, readText } from '../../../../electron/engine/http/read-body.js';
import { createTransport } from '../../../../electron/engine/http/transport.js';
import type { HttpResponse } from '../../../../electron/engine/http/transport.js';
import { startHttpServer } from '../../../support/http-test-server.js';
import type { TestServer } from '../../../support/http-test-server.js';

const JSON_TYPE = 'application/json; charset=utf-8';

const routes: Record<string, (res: ServerResponse) => void> = {
  '/ok': (res) => send(res, JSON_TYPE, '{"status":"done","__proto__":{"polluted":true},"n":1}'),
  '/html-typed': (res) => send(res, 'text/html', '<!doctype html><title>Login</title>'),
  '/html-as-json': (res) => send(res, JSON_TYPE, '<html><body>Proxy login</body></html>'),
  '/bom': (res) => send(res, JSON_TYPE, '\ufeff{"a":1}'),
  '/truncated': (res) => send(res, JSON_TYPE, '{"catalogId":"1.x@1","sta'),
  '/plain': (res) => send(res, 'text/plain', '{"a":1}'),
  '/untyped': (res) => send(res, undefined, '{"a":1}'),
  '/deep': (res) => send(res, JSON_TYPE, '['.repeat(200_000) + ']'.repeat(200_000)),
  '/bad-utf8': (res) => send(res, JSON_TYPE, Buffer.from([0x22, 0xc3, 0x28, 0x22])),
  '/declared-huge': (res) => {
    res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': String(200 * 1024 * 1024) });
    res.write('{"a":');
  },
  '/endless': (res) => {
    // Chunked, no length: the reader must stop at its cap, not at the end (M4, T4).
    res.writeHead(200, { 'content-type': JSON_TYPE });
    const block = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (!res.destroyed && res.write(block));
      if (!res.destroyed) res.once('drain', pump);
    };
    res.write('[');
    pump();
  },
  '/stall': (res) => {
    res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': '100' });
    res.write('{"a":');
  },
  '/reset': (res) => {
    res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': '100' });
    res.write('{"a":', () => res.destroy());
  },
};

function send(res: ServerResponse, type: string | undefined, body: string | Buffer): void {
  res.writeHead(200, {
    ...(type ? { 'content-type': type } : {}),
    'content-length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}

let target: TestServer;
const transport = createTransport();
beforeAll(async () => {
  target = await startHttpServer((req, res) => {
    const route = routes[req.url ?? ''];
    if (route) route(res);
    else res.writeHead(404).end();
  });
});
afterAll(async () => {
  transport.close();
  await target.close();
});

async function get(path: string): Promise<HttpResponse> {
  const result = await transport.request({ method: 'GET', url: new URL(path, target.url) });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('readJson (M4)', () => {
  test('a JSON document parses, and own __proto__ keys are dropped', async () => {
    const result = await readJson(await get('/ok'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toEqual({ status: 'done', n: 1 });
    expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
  });

  test.each([
    ['/html-typed', /web page, not data/],
    ['/html-as-json', /web page, not data/],
    ['/bom', /byte-order mark/],
    ['/truncated', /not valid JSON/],
    ['/plain', /expected JSON/],
    ['/untyped', /no content type/],
    ['/deep', /nested too deeply/],
    ['/bad-utf8', /UTF-8/],
  ])('%s is CLIENT.badResponse (%s)', async (path, message) => {
    const result = await readJson(await get(path));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('CLIENT.badResponse');
    expect(result.error.message).toMatch(message);
  });

  test('a declared 200 MB body is refused before reading, and the stream is destroyed', async () => {
    const response = await get('/declared-huge');
    const result = await readJson(response);
    expect(result.ok ? 'ok' : result.error.detail).toEqual({ capBytes: 1024 * 1024 });
    expect(response.body.destroyed).toBe(true);
  });

  test('an endless body stops at the cap', async () => {
    const response = await get('/endless');
    const result = await readJson(response, { capBytes: 256 * 1024 });
    expect(result.ok ? 'ok' : result.error.code).toBe('CLIENT.badResponse');
    expect(response.body.destroyed).toBe(true);
  });
});

describe('readText under transport faults', () => {
  test('T5: a body that stops arriving times out on the injected clock', async () => {
    const clock = new ManualClock();
    const pending = readText(await get('/stall'), { clock });
    await clock.advance(30_000);
    const result = await pending;
    expect(result.ok ? 'ok' : result.error).toMatchObject({
      code: 'CLIENT.timeout',
      detail: { phase: 'body' },
    });
  });

  test('T2: a connection reset mid-body is a retryable CLIENT.network', async () => {
    const result = await readText(await get('/reset'));
    expect(result.ok ? 'ok' : result.error).toMatchObject({ code: 'CLIENT.network', retryable: true });
  });
});

describe('drain', () => {
  test('a drained response leaves its keep-alive socket for the next request', async () => {
    const before = target.connections();
    await drain(await get('/ok'));
    await drain(await get('/ok'));
    expect(target.connections() - before).toBeLessThanOrEqual(1);
  });
});
