// The demo gateway's routing as a client meets it: URI versioning, 404 bodies, JSON plumbing (content
// type, malformed and oversized bodies), the demo pages, and the request log.
import { describe, expect, it } from 'vitest';
import type { GatewayErrorBody, PrepareDeliveryResDto } from '../../../electron/shared/getapp-protocol.js';
import { BUILTIN_IDS } from '../../../electron/demo-server/index.js';
import { T0, useDemoApi } from '../../support/demo-api.js';

const api = useDemoApi();
const FIELD_NAV = BUILTIN_IDS.fieldNav;
const prepareBody = { catalogId: FIELD_NAV, deviceId: 'TECH-LAPTOP-07', itemType: 'software' };

describe('versioning', () => {
  it('serves checkHealth unprotected on /api/v1 and on the unversioned path', async () => {
    for (const path of ['/api/v1/checkHealth', '/api/checkHealth']) {
      const res = await api().call(path, { auth: 'none' });
      expect(res.status).toBe(200);
    }
  });

  it('answers prepareDelivery the same on unversioned, v1 and v2 paths, with 201', async () => {
    for (const prefix of ['/api', '/api/v1', '/api/v2']) {
      const res = await api().call<PrepareDeliveryResDto>(`${prefix}/delivery/prepareDelivery`, {
        json: prepareBody,
      });
      expect(res.status).toBe(201);
      expect(res.body.catalogId).toBe(FIELD_NAV);
      expect(res.body.status).toBe('done');
      expect(res.body.artifacts).toHaveLength(3);
    }
  });

  it('answers preparedDelivery with 200 for a percent-encoded or raw catalogId, ignoring ?source', async () => {
    for (const path of [
      `/api/delivery/preparedDelivery/${encodeURIComponent(FIELD_NAV)}`,
      `/api/v2/delivery/preparedDelivery/${FIELD_NAV}?source=cache`,
      `/api/v1/delivery/preparedDelivery/${encodeURIComponent(FIELD_NAV)}?source=remote`,
    ]) {
      const res = await api().call<PrepareDeliveryResDto>(path);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ catalogId: FIELD_NAV, status: 'done' });
    }
  });

  it('rejects an unknown version with the 404 body showing that path', async () => {
    const res = await api().call<GatewayErrorBody>(`/api/v3/delivery/preparedDelivery/${FIELD_NAV}`);
    expect(res.status).toBe(404);
    expect(res.body.message).toBe(`Cannot GET /api/v3/delivery/preparedDelivery/${FIELD_NAV}`);
  });
});

describe('error bodies', () => {
  it('answers an unknown route with a NotFoundException body on the rewritten path', async () => {
    const res = await api().call<GatewayErrorBody>('/api/nothing/here?x=1', { auth: 'none' });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({
      name: 'NotFoundException',
      statusCode: 404,
      message: 'Cannot GET /api/v1/nothing/here?x=1',
      data: { statusCode: 404, message: 'Cannot GET /api/v1/nothing/here?x=1', error: 'Not Found' },
      timestamp: new Date(T0).toISOString(),
      path: '/api/v1/nothing/here?x=1',
    });
  });

  it('answers a wrong method with 404, as Express does', async () => {
    const res = await api().call<GatewayErrorBody>('/api/delivery/prepareDelivery');
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('Cannot GET /api/v1/delivery/prepareDelivery');
  });

  it('stamps the error with the server clock', async () => {
    api().clock.advance(90_000);
    const res = await api().call<GatewayErrorBody>('/api/v1/nope', { auth: 'none' });
    expect(res.body.timestamp).toBe(new Date(T0 + 90_000).toISOString());
  });

  it('answers malformed JSON with 400 and a parse message', async () => {
    const res = await api().call<GatewayErrorBody>('/api/delivery/prepareDelivery', {
      method: 'POST',
      rawBody: '{"catalogId": ',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.name).toBe('BadRequestException');
    expect(typeof res.body.message).toBe('string');
    expect(res.body.path).toBe('/api/v1/delivery/prepareDelivery');
  });

  it('does not parse a body sent without a JSON content type, so validation lists every field', async () => {
    const res = await api().call<GatewayErrorBody>('/api/delivery/prepareDelivery', {
      method: 'POST',
      rawBody: JSON.stringify(prepareBody),
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual([
      'catalogId should not be empty',
      'catalogId must be a string',
      'deviceId should not be empty',
      'deviceId must be a string',
      'itemType must be one of the following values: software, map, cache, config',
    ]);
  });

  it('refuses a JSON body above 1 MiB with 413', async () => {
    const res = await api().call<GatewayErrorBody>('/api/delivery/prepareDelivery', {
      json: { ...prepareBody, padding: 'x'.repeat(1024 * 1024) },
    });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, path: '/api/v1/delivery/prepareDelivery' });
  });

  it('accepts a body just under the cap and strips the unknown property', async () => {
    const res = await api().call<PrepareDeliveryResDto>('/api/delivery/prepareDelivery', {
      json: { ...prepareBody, padding: 'x'.repeat(1000 * 1000) },
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('done');
  });

  it('answers a badly percent-encoded catalogId with 400', async () => {
    const res = await api().call<GatewayErrorBody>('/api/delivery/preparedDelivery/%E0%A4%A');
    expect(res.status).toBe(400);
    expect(res.body.message).toBe("Failed to decode param '%E0%A4%A'");
  });
});

describe('demo pages', () => {
  it('describes the server at /demo', async () => {
    const res = await api().call('/demo', { auth: 'none' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      mode: 'origin',
      catalogIds: expect.arrayContaining(Object.values(BUILTIN_IDS)),
      storageUrl: api().server.storageUrl,
    });
  });

  it('serves the signing public key as text/plain', async () => {
    const res = await api().call('/demo/public-key.pem', { auth: 'none' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(res.text).toBe(api().server.publicKeyPem);
    expect(res.text).toContain('BEGIN PUBLIC KEY');
  });

  it('answers an unknown demo page with 404', async () => {
    const res = await api().call('/demo/nothing', { auth: 'none' });
    expect(res.status).toBe(404);
  });
});

describe('request log', () => {
  it('logs every API request with its headers and final status', async () => {
    await api().call('/api/v1/checkHealth', { auth: 'none', headers: { 'X-Trace': 'one' } });
    await api().call(`/api/delivery/preparedDelivery/${FIELD_NAV}`, { auth: 'none' });
    const entries = api().server.requestLog!.entries.filter((e) => e.server === 'api');
    expect(entries.map((e) => [e.method, e.url, e.status])).toEqual([
      ['GET', '/api/v1/checkHealth', 200],
      ['GET', `/api/delivery/preparedDelivery/${FIELD_NAV}`, 401],
    ]);
    expect(entries[0]!.headers['x-trace']).toBe('one');
    expect(entries[1]!.bytesSent).toBeGreaterThan(0);
  });
});
