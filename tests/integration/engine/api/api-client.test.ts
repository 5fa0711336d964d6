// The API client against the real demo server on loopback, with one fake clock for both: sign-in and
// tokens (A1, A2), Device-Auth, credentials for the API origin only (A4), bad bodies (M4), server
// errors as data (P3), Retry-After (T7), base URL forms and ?source=.
import { describe, expect, test } from 'vitest';
import { BUILTIN_IDS } from '../../../../electron/demo-server/index.js';
import { normalizeApiUrl } from '../../../../electron/engine/api/api-url.js';
import { createAuthSession } from '../../../../electron/engine/api/auth-session.js';
import { silentLog } from '../../../../electron/shared/log.js';
import { driveClock, useApiHarness, waitUntil } from '../../../support/api-test-helpers.js';

const harness = useApiHarness();
const ID = BUILTIN_IDS.fieldNav;

function codeOf(result: { ok: boolean; error?: { code: string } }): string {
  return result.ok ? 'ok' : (result.error?.code ?? '?');
}

describe('password sign-in and tokens', () => {
  test('signs in once and reuses the token for later calls', async () => {
    const h = await harness();
    const api = h.client();
    for (let i = 0; i < 3; i += 1) expect(codeOf(await api.status(ID))).toBe('ok');
    expect(h.requests('/login')).toHaveLength(1);
    expect(h.requests('/login/refresh')).toHaveLength(0);
    const sent = h.requests(`/preparedDelivery/${encodeURIComponent(ID)}`);
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((r) => r.headers.authorization)).size).toBe(1);
    expect(sent[0]?.headers.authorization).toMatch(/^Bearer \S+$/);
  });

  test('refreshes proactively once the clock passes expireAt - 60 s', async () => {
    const h = await harness({ tokenTtlSeconds: 1800 });
    const api = h.client();
    expect(codeOf(await api.status(ID))).toBe('ok');
    await h.clock.advance((1800 - 60) * 1000 - 1);
    expect(codeOf(await api.status(ID))).toBe('ok');
    expect(h.requests('/login/refresh')).toHaveLength(0);
    await h.clock.advance(1);
    expect(codeOf(await api.status(ID))).toBe('ok');
    expect(h.requests('/login/refresh')).toHaveLength(1);
    expect(h.requests('/login')).toHaveLength(1);
    const auth = h
      .requests('/preparedDelivery/' + encodeURIComponent(ID))
      .map((r) => r.headers.authorization);
    expect(auth[2]).not.toBe(auth[1]);
  });

  test('A2: a 401 mid-session refreshes once and repeats the call', async () => {
    const h = await harness();
    const api = h.client();
    expect(codeOf(await api.status(ID))).toBe('ok');
    h.server.faults!.api('delivery/preparedDelivery', { status: 401, times: 1 });
    const second = await api.status(ID);
    expect(codeOf(second)).toBe('ok');
    expect(h.requests('/login/refresh')).toHaveLength(1);
    expect(h.requests('/login')).toHaveLength(1);
    expect(h.requests('/preparedDelivery/' + encodeURIComponent(ID))).toHaveLength(3);
  });

  test('A2: when the refresh is refused too, it signs in again and repeats the call', async () => {
    const h = await harness();
    const api = h.client();
    expect(codeOf(await api.status(ID))).toBe('ok');
    h.server.faults!.api('delivery/preparedDelivery', { status: 401, times: 1 });
    h.server.faults!.api('login/refresh', { status: 401, times: 1 });
    expect(codeOf(await api.status(ID))).toBe('ok');
    expect(h.requests('/login/refresh')).toHaveLength(1);
    expect(h.requests('/login')).toHaveLength(2);
  });

  test('A2: a 401 that survives refresh and a fresh sign-in ends in CLIENT.auth, not a loop', async () => {
    const h = await harness();
    const api = h.client();
    h.server.faults!.api('delivery/preparedDelivery', { status: 401 });
    const result = await api.status(ID);
    expect(result.ok ? 'ok' : result.error).toMatchObject({
      code: 'CLIENT.auth',
      retryable: false,
      httpStatus: 401,
    });
    expect(h.requests('/preparedDelivery/' + encodeURIComponent(ID))).toHaveLength(3);
    expect(h.requests('/login')).toHaveLength(2);
    expect(h.requests('/login/refresh')).toHaveLength(1);
  });

  test("A1: a wrong password is CLIENT.auth with the server's reason, one request per call", async () => {
    const h = await harness();
    const api = h.client({
      auth: { kind: 'password', username: 'technician', password: async () => 'wrong' },
    });
    const result = await api.prepare(ID, 'software');
    expect(result.ok ? 'ok' : result.error).toMatchObject({
      code: 'CLIENT.auth',
      retryable: false,
      httpStatus: 401,
    });
    if (!result.ok) expect(result.error.message).toContain('Invalid user credentials');
    expect(h.requests('/login')).toHaveLength(1);
    expect(h.requests('/prepareDelivery')).toHaveLength(0);
    await api.status(ID);
    expect(h.requests('/login')).toHaveLength(2);
  });
});

describe('device secret and the API origin (A4, U3)', () => {
  test('Device-Auth mode sends the secret header and never signs in', async () => {
    const h = await harness();
    const api = h.client({ auth: { kind: 'deviceSecret', secret: h.server.credentials.deviceSecret } });
    expect(codeOf(await api.prepare(ID, 'software'))).toBe('ok');
    const [sent] = h.requests('/prepareDelivery');
    expect(sent?.headers['device-auth']).toBe(h.server.credentials.deviceSecret);
    expect(sent?.headers.authorization).toBeUndefined();
    expect(h.requests('/login')).toHaveLength(0);
  });

  test('a refused device secret is CLIENT.auth after one request', async () => {
    const h = await harness();
    const api = h.client({ auth: { kind: 'deviceSecret', secret: 'not-the-secret' } });
    const result = await api.status(ID);
    expect(codeOf(result)).toBe('CLIENT.auth');
    expect(h.requests('/preparedDelivery/' + encodeURIComponent(ID))).toHaveLength(1);
  });

  test('credentials are built for the API origin only, never for the storage origin', async () => {
    const h = await harness();
    const base = normalizeApiUrl(h.server.apiUrl);
    if (!base.ok) throw new Error('bad base');
    const session = createAuthSession({
      apiBase: base.value,
      mode: { kind: 'deviceSecret', secret: h.server.credentials.deviceSecret },
      transport: h.transport,
      clock: h.clock,
      log: silentLog,
    });
    const storage = await session.headersFor(new URL(`${h.server.storageUrl}/x`));
    expect(codeOf(storage)).toBe('CLIENT.urlRejected');
    const sameHostOtherPort = new URL(h.server.apiUrl);
    sameHostOtherPort.port = String(Number(sameHostOtherPort.port) + 1);
    expect(codeOf(await session.headersFor(sameHostOtherPort))).toBe('CLIENT.urlRejected');
    expect(codeOf(await session.headersFor(new URL(`${h.server.apiUrl}/checkHealth`)))).toBe('ok');

    // A whole prepare with artifacts: nothing carrying credentials ever reached the storage server.
    const api = h.client();
    const prepared = await api.prepare(ID, 'software');
    expect(prepared.ok && prepared.value.artifacts?.length).toBeTruthy();
    const leaked = (h.server.requestLog?.entries ?? []).filter(
      (e) => e.server === 'storage' && (e.headers.authorization || e.headers['device-auth']),
    );
    expect(leaked).toEqual([]);
  });
});

describe('answers', () => {
  test('P3: status "error" in a 2xx body is an ok Result carrying the DTO', async () => {
    const h = await harness();
    const api = h.client();
    for (const result of [
      await api.prepare(BUILTIN_IDS.notReleased, 'software'),
      await api.status(BUILTIN_IDS.notReleased),
    ]) {
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      expect(result.value.status).toBe('error');
      expect(result.value.error?.errorCode).toBe('DELIVERY.downloadNotAvailable');
    }
  });

  test('M4: an HTML page instead of the status is CLIENT.badResponse, whatever its Content-Type', async () => {
    const h = await harness();
    const api = h.client();
    const page = '<html><body><form action="/portal">Sign in to the Wi-Fi</form></body></html>';
    h.server.faults!.api('delivery/preparedDelivery', { status: 200, body: page, times: 1 });
    h.server.faults!.api('delivery/preparedDelivery', {
      status: 200,
      body: page,
      contentType: 'text/html',
      times: 1,
    });
    for (let i = 0; i < 2; i += 1) {
      const result = await api.status(ID);
      expect(codeOf(result)).toBe('CLIENT.badResponse');
    }
    expect(h.requests('/preparedDelivery/' + encodeURIComponent(ID))).toHaveLength(2);
  });

  test('M5: a status about another catalogId is refused (fault transform)', async () => {
    const h = await harness();
    h.server.faults!.api('delivery/preparedDelivery', {
      transform: (body) => ({ ...(body as object), catalogId: BUILTIN_IDS.b64Tools }),
    });
    expect(codeOf(await h.client().status(ID))).toBe('CLIENT.badResponse');
  });

  test('T7: 503 twice with Retry-After: 2 succeeds on the third attempt after two 2 s waits', async () => {
    const h = await harness();
    const api = h.client();
    h.server.faults!.api('delivery/preparedDelivery', { status: 503, retryAfter: '2', times: 2 });
    const path = '/preparedDelivery/' + encodeURIComponent(ID);
    const pending = api.status(ID);
    for (const attempt of [1, 2]) {
      await waitUntil(() => h.clock.pending === 1);
      expect(h.requests(path)).toHaveLength(attempt);
      await h.clock.advance(1999);
      expect(h.clock.pending).toBe(1); // backoff (1 s ±20 %) would have fired by now
      await h.clock.advance(1);
    }
    const result = await pending;
    expect(codeOf(result)).toBe('ok');
    expect(h.requests(path)).toHaveLength(3);
  });

  test('5xx with a server errorCode keeps the code, is retried 5 times, then returned', async () => {
    const h = await harness();
    const api = h.client();
    const body = JSON.stringify({
      name: 'Error',
      statusCode: 500,
      message: 'Kafka timeout',
      errorCode: 'DELIVERY.unknown',
    });
    h.server.faults!.api('delivery/preparedDelivery', { status: 500, body });
    const result = await driveClock(h.clock, api.status(ID));
    expect(result.ok ? 'ok' : result.error).toMatchObject({
      code: 'DELIVERY.unknown',
      httpStatus: 500,
      retryable: true,
    });
    if (!result.ok) expect(result.error.message).toContain('Kafka timeout');
    expect(h.requests('/preparedDelivery/' + encodeURIComponent(ID))).toHaveLength(5);
  });

  test('a 4xx is not retried and carries the server message', async () => {
    const h = await harness();
    const result = await h.client().component('99.nope@1.0.0');
    expect(result.ok ? 'ok' : result.error).toMatchObject({ code: 'CLIENT.badResponse', httpStatus: 404 });
    if (!result.ok) expect(result.error.message).toContain('not found');
    expect(h.requests('/component/99.nope%401.0.0')).toHaveLength(1);
  });

  test('report: 201 with an empty body is success; a failure is returned once, not retried', async () => {
    const h = await harness();
    const api = h.client();
    const dto = {
      deviceId: 'TECH-LAPTOP-07',
      catalogId: ID,
      itemKey: `${ID}@field-nav-setup-2.3.1.msi`,
      type: 'software' as const,
      deliveryStatus: 'Start' as const,
      currentTime: new Date(h.clock.now()).toISOString(),
      downloadData: 0,
    };
    expect(codeOf(await api.report(dto))).toBe('ok');
    h.server.faults!.api('delivery/updateDownloadStatus', { status: 503 });
    expect(codeOf(await api.report(dto))).toBe('CLIENT.serverError');
    expect(h.requests('/updateDownloadStatus')).toHaveLength(2);
  });

  test('component and projects are validated', async () => {
    const h = await harness();
    const api = h.client();
    const component = await api.component(ID);
    expect(component.ok && component.value.id).toBe(ID);
    const page = await api.projects({ query: 'field', page: 1, perPage: 5 });
    expect(page.ok && page.value.data.some((p) => p.release?.id === ID)).toBe(true);
    h.server.faults!.api('catalog/offering/projects', { transform: () => ({ data: 'nope' }) });
    expect(codeOf(await api.projects({}))).toBe('CLIENT.badResponse');
  });
});

describe('addresses', () => {
  test.each(['', '/', '/api', '/api/'])(
    'base URL "<origin>%s" reaches the same endpoints',
    async (suffix) => {
      const h = await harness();
      const origin = new URL(h.server.apiUrl).origin;
      const api = h.client({ apiUrl: `${origin}${suffix}` });
      expect(api.apiOrigin).toBe(origin);
      expect(codeOf(await api.checkHealth())).toBe('ok');
      expect(codeOf(await api.status(ID))).toBe('ok');
      expect(h.requests('/checkHealth').map((r) => r.url)).toEqual(['/api/checkHealth']);
      expect(h.requests(`/preparedDelivery/${encodeURIComponent(ID)}`)[0]?.url).toBe(
        '/api/delivery/preparedDelivery/1.field-nav%402.3.1',
      );
    },
  );

  test('?source=cache goes on prepare and status only', async () => {
    const h = await harness();
    const api = h.client({ source: 'cache' });
    expect(codeOf(await api.prepare(ID, 'software'))).toBe('ok');
    expect(codeOf(await api.status(ID))).toBe('ok');
    const dto = { deviceId: 'd', catalogId: ID, type: 'software' as const, deliveryStatus: 'Start' as const };
    expect(codeOf(await api.report(dto))).toBe('ok');
    expect(h.requests('/prepareDelivery')[0]?.url).toBe('/api/delivery/prepareDelivery?source=cache');
    expect(h.requests('/preparedDelivery/1.field-nav%402.3.1')[0]?.url).toMatch(/\?source=cache$/);
    expect(h.requests('/updateDownloadStatus')[0]?.url).toBe('/api/delivery/updateDownloadStatus');
  });

  test('an invalid base URL fails every call as a value', async () => {
    const h = await harness();
    const api = h.client({ apiUrl: 'ftp://example.test/api' });
    expect(codeOf(await api.status(ID))).toBe('CLIENT.invalidRequest');
    expect(api.apiOrigin).toBe('');
  });
});
