// API fault scripts as a client meets them: a status with Retry-After for the first N requests, a
// verbatim hostile body, a delayed answer, and the real answer rewritten by a transform.
import { describe, expect, it } from 'vitest';
import type { GatewayErrorBody, PrepareDeliveryResDto } from '../../../electron/shared/getapp-protocol.js';
import { BUILTIN_IDS } from '../../../electron/demo-server/index.js';
import { useDemoApi } from '../../support/demo-api.js';

const FIELD_NAV = BUILTIN_IDS.fieldNav;
const PREPARED = `/api/delivery/preparedDelivery/${encodeURIComponent(FIELD_NAV)}`;

describe('origin mode faults', () => {
  const api = useDemoApi();

  it('answers the scripted status with Retry-After N times, then the real answer', async () => {
    api().server.faults!.api(`delivery/preparedDelivery/${FIELD_NAV}`, {
      status: 503,
      retryAfter: '7',
      times: 2,
    });
    for (const path of [PREPARED, `/api/v2/delivery/preparedDelivery/${FIELD_NAV}`]) {
      const res = await api().call<GatewayErrorBody>(path);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(res.body).toMatchObject({ name: 'ServiceUnavailableException', statusCode: 503 });
    }
    const real = await api().call<PrepareDeliveryResDto>(PREPARED);
    expect([real.status, real.body.status]).toEqual([200, 'done']);
    expect(api().server.requestLog!.entries.map((e) => e.status)).toEqual([503, 503, 200]);
  });

  it('sends a scripted body verbatim with its content type', async () => {
    const page = '<html><body>Captive portal: please log in</body></html>';
    api().server.faults!.api('delivery/prepareDelivery', {
      status: 200,
      body: page,
      contentType: 'text/html',
    });
    const res = await api().call('/api/delivery/prepareDelivery', {
      json: { catalogId: FIELD_NAV, deviceId: 'd', itemType: 'software' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(res.text).toBe(page);
  });

  it('can send literal JSON text a serialiser would never write (duplicate keys)', async () => {
    const text = '{"catalogId":"x","status":"done","status":"paused"}';
    api().server.faults!.api('delivery/preparedDelivery', { status: 200, body: text, times: 1 });
    const res = await api().call(PREPARED);
    expect(res.text).toBe(text);
  });

  it('applies a fault before the guard, as a proxy in front of the gateway would', async () => {
    api().server.faults!.api('login', { status: 429, retryAfter: 'Wed, 21 Oct 2026 07:28:00 GMT', times: 1 });
    const res = await api().call('/api/login', { json: { username: 'a', password: 'b' }, auth: 'none' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('Wed, 21 Oct 2026 07:28:00 GMT');
  });

  it('still answers normally after a scripted delay', async () => {
    api().server.faults!.api('delivery/preparedDelivery', { delayMs: 1, times: 1 });
    const res = await api().call<PrepareDeliveryResDto>(PREPARED);
    expect([res.status, res.body.status]).toEqual([200, 'done']);
  });

  it('rewrites the real JSON answer with a transform', async () => {
    api().server.faults!.api('delivery/preparedDelivery', {
      times: 1,
      transform: (body) => ({ ...(body as PrepareDeliveryResDto), status: 'paused', size: '123' }),
    });
    const odd = await api().call<Record<string, unknown>>(PREPARED);
    expect(odd.status).toBe(200);
    expect(odd.body).toMatchObject({ catalogId: FIELD_NAV, status: 'paused', size: '123' });
    expect(odd.body.artifacts).toHaveLength(3);
    expect((await api().call<PrepareDeliveryResDto>(PREPARED)).body.status).toBe('done');
  });

  it('answers 500 with a gateway body when a transform throws', async () => {
    api().server.faults!.api('checkHealth', {
      transform: () => {
        throw new Error('boom');
      },
    });
    const res = await api().call<GatewayErrorBody>('/api/checkHealth', { auth: 'none' });
    expect(res.status).toBe(500);
    expect(res.body.name).toBe('InternalServerErrorException');
  });
});

describe('cache mode faults', () => {
  const api = useDemoApi({ mode: 'cache' });

  it('runs the real handler under a transform, so the preparation really starts', async () => {
    api().server.faults!.api('delivery/prepareDelivery', { times: 1, transform: () => ({ surprise: true }) });
    const res = await api().call('/api/delivery/prepareDelivery', {
      json: { catalogId: FIELD_NAV, deviceId: 'd', itemType: 'software' },
    });
    expect([res.status, res.body]).toEqual([201, { surprise: true }]);
    api().clock.advance(3_000);
    expect((await api().call<PrepareDeliveryResDto>(PREPARED)).body.status).toBe('inProgress');
  });

  it('does not run the handler when the script answers with a status', async () => {
    api().server.faults!.api('delivery/prepareDelivery', { status: 502, times: 1 });
    const res = await api().call('/api/delivery/prepareDelivery', {
      json: { catalogId: FIELD_NAV, deviceId: 'd', itemType: 'software' },
    });
    expect(res.status).toBe(502);
    // Nothing was started by the failed POST: this GET is the one that auto-starts it.
    expect((await api().call<PrepareDeliveryResDto>(PREPARED)).text).toBe(
      `{"catalogId":"${FIELD_NAV}","status":"start"}`,
    );
  });
});
