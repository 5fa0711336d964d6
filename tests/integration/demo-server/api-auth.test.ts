// Login, refresh and the auth guard as a client meets them: TokensDto with server-computed expiry,
// Keycloak's refusal body (F2), the 401 body (F16), the device secret, the cookie, and token and
// refresh expiry on the fake clock.
import { describe, expect, it } from 'vitest';
import type { GatewayErrorBody, TokensDto } from '../../../electron/shared/getapp-protocol.js';
import { BUILTIN_IDS } from '../../../electron/demo-server/index.js';
import { T0, useDemoApi } from '../../support/demo-api.js';

const api = useDemoApi();
const PREPARED = `/api/delivery/preparedDelivery/${encodeURIComponent(BUILTIN_IDS.fieldNav)}`;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

describe('login', () => {
  it('answers 201 with tokens expiring 1800 s and 36000 s after the server clock', async () => {
    const { username, password } = api().server.credentials;
    for (const path of ['/api/login', '/api/v1/login', '/api/v2/login']) {
      const res = await api().call<TokensDto>(path, { json: { username, password }, auth: 'none' });
      expect(res.status).toBe(201);
      expect(Object.keys(res.body)).toEqual(['accessToken', 'expireAt', 'refreshToken', 'refreshExpireAt']);
      expect(res.body.accessToken).toMatch(JWT_SHAPE);
      expect(res.body.refreshToken).toMatch(JWT_SHAPE);
      expect(res.body.expireAt).toBe(new Date(T0 + 1800_000).toISOString());
      expect(res.body.refreshExpireAt).toBe(new Date(T0 + 36_000_000).toISOString());
    }
  });

  it('issues a different token on every login', async () => {
    const a = await api().login();
    const b = await api().login();
    expect(a.accessToken).not.toBe(b.accessToken);
    expect(a.refreshToken).not.toBe(b.refreshToken);
  });

  it("answers wrong credentials with Keycloak's 401 through the AxiosError branch (F2)", async () => {
    const res = await api().call<GatewayErrorBody>('/api/login', {
      json: { username: 'technician', password: 'wrong' },
      auth: 'none',
    });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      name: 'AxiosError',
      statusCode: 401,
      message: 'Request failed with status code 401',
      data: { error: 'invalid_grant', error_description: 'Invalid user credentials' },
      timestamp: new Date(T0).toISOString(),
      path: '/api/v1/login',
    });
  });

  it('lets an empty password reach the credential check (the DTO only wants a string)', async () => {
    const res = await api().call('/api/login', {
      json: { username: 'technician', password: '' },
      auth: 'none',
    });
    expect(res.status).toBe(401);
  });

  it('answers missing or empty fields with 400 listing every problem', async () => {
    const missing = await api().call<GatewayErrorBody>('/api/login', { json: {}, auth: 'none' });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toEqual([
      'username should not be empty',
      'username must be a string',
      'password must be a string',
    ]);
    const empty = await api().call<GatewayErrorBody>('/api/v2/login', {
      json: { username: '', password: 7 },
      auth: 'none',
    });
    expect(empty.body.message).toEqual(['username should not be empty', 'password must be a string']);
    expect(empty.body.path).toBe('/api/v2/login');
  });
});

describe('the guard', () => {
  it('answers a request without credentials with the F16 body', async () => {
    const res = await api().call<GatewayErrorBody>('/api/delivery/prepareDelivery', {
      json: { catalogId: BUILTIN_IDS.fieldNav, deviceId: 'd', itemType: 'software' },
      auth: 'none',
    });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      name: 'UnauthorizedException',
      statusCode: 401,
      message: 'No authentication provided',
      data: { message: 'No authentication provided' },
      timestamp: new Date(T0).toISOString(),
      path: '/api/v1/delivery/prepareDelivery',
    });
  });

  it('accepts the device secret and refuses a wrong one', async () => {
    expect((await api().call(PREPARED)).status).toBe(200);
    const wrong = await api().call<GatewayErrorBody>(PREPARED, {
      auth: 'none',
      headers: { 'Device-Auth': 'nope' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.message).toBe('Unauthorized');
  });

  it('accepts a bearer token and the accessToken cookie', async () => {
    const { accessToken } = await api().login();
    expect((await api().call(PREPARED, { auth: { bearer: accessToken } })).status).toBe(200);
    const viaCookie = await api().call(PREPARED, {
      auth: 'none',
      headers: { Cookie: `theme=dark; accessToken=${accessToken}` },
    });
    expect(viaCookie.status).toBe(200);
  });

  it('refuses a token it never issued', async () => {
    const res = await api().call<GatewayErrorBody>(PREPARED, {
      auth: { bearer: 'eyJhbGciOiJIUzI1NiJ9.e30.x' },
    });
    expect(res.status).toBe(401);
    expect(res.body.message).toBe('Unauthorized');
  });

  it('refuses an access token once the clock reaches expireAt', async () => {
    const tokens = await api().login();
    const auth = { bearer: tokens.accessToken };
    api().clock.advance(Date.parse(tokens.expireAt) - T0 - 1);
    expect((await api().call(PREPARED, { auth })).status).toBe(200);
    api().clock.advance(1);
    expect((await api().call(PREPARED, { auth })).status).toBe(401);
    const cookie = await api().call(PREPARED, {
      auth: 'none',
      headers: { Cookie: `accessToken=${tokens.accessToken}` },
    });
    expect(cookie.status).toBe(401);
  });
});

describe('refresh', () => {
  it('issues new tokens whose expiry counts from the refresh, and they work', async () => {
    const first = await api().login();
    api().clock.advance(1700_000);
    const res = await api().call<TokensDto>('/api/login/refresh', {
      json: { refreshToken: first.refreshToken },
      auth: 'none',
    });
    expect(res.status).toBe(201);
    expect(res.body.expireAt).toBe(new Date(T0 + 1700_000 + 1800_000).toISOString());
    api().clock.advance(200_000); // the first access token has expired, the new one has not
    expect((await api().call(PREPARED, { auth: { bearer: first.accessToken } })).status).toBe(401);
    expect((await api().call(PREPARED, { auth: { bearer: res.body.accessToken } })).status).toBe(200);
  });

  it('refuses an unknown refresh token with 401', async () => {
    const res = await api().call<GatewayErrorBody>('/api/v2/login/refresh', {
      json: { refreshToken: 'not-a-token' },
      auth: 'none',
    });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ name: 'AxiosError', path: '/api/v2/login/refresh' });
    expect(res.body.data).toEqual({ error: 'invalid_grant', error_description: 'Invalid refresh token' });
  });

  it('refuses an expired refresh token with 401, even after other logins', async () => {
    const tokens = await api().login();
    api().clock.advance(Date.parse(tokens.refreshExpireAt) - T0);
    await api().login();
    const res = await api().call<GatewayErrorBody>('/api/login/refresh', {
      json: { refreshToken: tokens.refreshToken },
      auth: 'none',
    });
    expect(res.status).toBe(401);
    expect(res.body.data).toEqual({ error: 'invalid_grant', error_description: 'Token is not active' });
  });

  it('answers a missing refresh token with 400', async () => {
    const res = await api().call<GatewayErrorBody>('/api/login/refresh', { json: {}, auth: 'none' });
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual(['refreshToken should not be empty', 'refreshToken must be a string']);
  });
});
