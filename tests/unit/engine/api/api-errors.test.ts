// Non-2xx answers from real sockets become AppErrors (protocol §1.1 error body, F2, F15, F16, T7).
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { errorFromResponse } from '../../../../electron/engine/api/api-errors.js';
import { createTransport } from '../../../../electron/engine/http/transport.js';
import type { AppError } from '../../../../electron/shared/app-error.js';
import { startHttpServer } from '../../../support/http-test-server.js';
import type { TestServer } from '../../../support/http-test-server.js';

const NOW = Date.UTC(2026, 6, 2, 8, 0, 0);

function gatewayBody(statusCode: number, message: string | string[], errorCode?: string): string {
  return JSON.stringify({
    name: 'HttpException',
    statusCode,
    message,
    ...(errorCode ? { errorCode } : {}),
    data: {},
    timestamp: new Date(NOW).toISOString(),
    path: '/api/v1/x',
  });
}

const routes: Record<string, (res: ServerResponse) => void> = {
  '/known-code': (res) => json(res, 500, gatewayBody(500, 'Item not found', 'DELIVERY.notFound')),
  '/unknown-code': (res) => json(res, 400, gatewayBody(400, 'new failure', 'DELIVERY.brandNew')),
  '/validation': (res) =>
    json(res, 400, gatewayBody(400, ['deliveryStatus must be one of …', 'type must be …'])),
  '/proxy-page': (res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad gateway</html>'),
  '/throttled': (res) => json(res, 429, gatewayBody(429, 'Too Many Requests'), { 'retry-after': '120' }),
  '/throttled-garbage': (res) => json(res, 429, gatewayBody(429, 'slow down'), { 'retry-after': 'soon' }),
  '/unauthorized': (res) => json(res, 401, gatewayBody(401, 'No authentication provided')),
  '/escape': (res) => json(res, 404, gatewayBody(404, 'no \u001b[31mred\u001b[0m \u202eevil')),
  '/redirect': (res) => res.writeHead(302, { location: 'https://portal.example/login' }).end(),
};

function json(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(body);
}

let server: TestServer;
const transport = createTransport();
beforeAll(async () => {
  server = await startHttpServer((req, res) => routes[req.url ?? '']!(res));
});
afterAll(async () => {
  transport.close();
  await server.close();
});

async function errorFor(path: string): Promise<AppError> {
  const sent = await transport.request({ method: 'GET', url: new URL(path, server.url) });
  if (!sent.ok) throw new Error(sent.error.message);
  return errorFromResponse(sent.value, NOW);
}

describe('errorFromResponse', () => {
  test('a server errorCode passes through verbatim; 5xx stays retryable', async () => {
    expect(await errorFor('/known-code')).toMatchObject({
      code: 'DELIVERY.notFound',
      httpStatus: 500,
      retryable: true,
      detail: { serverCode: 'DELIVERY.notFound' },
    });
  });

  test('an unknown server code becomes APP.unknown, keeping the raw code in detail', async () => {
    expect(await errorFor('/unknown-code')).toMatchObject({
      code: 'APP.unknown',
      retryable: false,
      detail: { serverCode: 'DELIVERY.brandNew' },
    });
  });

  test('F15: validation messages are joined into the message', async () => {
    const error = await errorFor('/validation');
    expect(error).toMatchObject({ code: 'CLIENT.badResponse', httpStatus: 400, retryable: false });
    expect(error.message).toContain('deliveryStatus must be one of …; type must be …');
  });

  test('a proxy error page is a retryable CLIENT.serverError', async () => {
    const error = await errorFor('/proxy-page');
    expect(error).toMatchObject({ code: 'CLIENT.serverError', httpStatus: 502, retryable: true });
    expect(error.message).toBe('The server answered 502 (Bad Gateway).');
  });

  test('T7: a valid Retry-After is kept in detail; garbage is ignored', async () => {
    expect((await errorFor('/throttled')).detail).toEqual({ retryAfterMs: 120_000 });
    const garbage = await errorFor('/throttled-garbage');
    expect(garbage).toMatchObject({ code: 'CLIENT.serverError', retryable: true });
    expect(garbage.detail).toBeUndefined();
  });

  test('F16: a 401 without a code is CLIENT.auth', async () => {
    expect(await errorFor('/unauthorized')).toMatchObject({ code: 'CLIENT.auth', httpStatus: 401 });
  });

  test('escape sequences and bidi overrides from the server are removed', async () => {
    const error = await errorFor('/escape');
    expect(error.message).not.toContain('\u001b');
    expect(error.message).not.toContain('\u202e');
    expect(error.message).toContain('red');
  });

  test('U3: a redirect is not followed and not retried', async () => {
    expect(await errorFor('/redirect')).toMatchObject({
      code: 'CLIENT.badResponse',
      httpStatus: 302,
      retryable: false,
    });
    expect(server.requests.filter((r) => r.url === '/redirect')).toHaveLength(1);
  });
});
