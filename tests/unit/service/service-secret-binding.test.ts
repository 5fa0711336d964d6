// A4/E1 through the service: whoever holds the UI (a compromised renderer, the browser-mode token)
// cannot send the stored password or device secret to a server of their choosing, and cannot switch
// "keep unverified files" on without the person at the screen confirming it in a native dialog.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { serviceHarness, value, type ServiceHarness } from '../../support/service-harness.js';
import { startHttpServer, type TestServer } from '../../support/http-test-server.js';

const CANARY_PASSWORD = 'canary-binding-pw-41c9e7';
const CANARY_SECRET = 'canary-binding-device-0b62d5';
const ORIGIN_A = 'https://getapp.example.org/api';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((close) => close()));
});
const open = async (...args: Parameters<typeof serviceHarness>): Promise<ServiceHarness> => {
  const h = await serviceHarness(...args);
  cleanups.push(() => h.close());
  return h;
};

/** Origin B: answers health with 200 and anything else 401, and keeps every header and body it got. */
async function recordingServer(): Promise<TestServer & { seen: () => string }> {
  const bodies: string[] = [];
  const server = await startHttpServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      const health = req.url?.includes('checkHealth') === true;
      res.writeHead(health ? 200 : 401, { 'content-type': 'application/json' });
      res.end(health ? '{}' : '{"statusCode":401,"message":"Unauthorized"}');
    });
  });
  cleanups.push(() => server.close());
  return { ...server, seen: () => JSON.stringify([server.requests, bodies]) };
}

/** Server mode for origin A with both secrets entered for it. */
async function boundToA(h: ServiceHarness): Promise<void> {
  value(await h.service.invoke('updateSettings', { mode: 'server', apiUrl: ORIGIN_A, username: 'tech' }));
  value(await h.service.invoke('setSecret', { kind: 'password', value: CANARY_PASSWORD }));
  value(await h.service.invoke('setSecret', { kind: 'deviceSecret', value: CANARY_SECRET }));
}

describe('A4/E1: secrets are bound to the server they were entered for', () => {
  test.each(['password', 'deviceSecret'] as const)(
    'set for origin A, apiUrl moved to origin B with allowHttp, testConnection: B receives no %s',
    async (authMode) => {
      const h = await open();
      await boundToA(h);
      const b = await recordingServer();
      value(await h.service.invoke('updateSettings', { apiUrl: `${b.url}/api`, allowHttp: true, authMode }));
      const test = value(await h.service.invoke('testConnection', undefined));
      expect(test).toMatchObject({ signedIn: false, error: { code: 'CLIENT.auth' } });
      expect(b.seen()).not.toContain(CANARY_PASSWORD);
      expect(b.seen()).not.toContain(CANARY_SECRET);
      expect(value(await h.service.invoke('getSettings', undefined))).toMatchObject({
        hasPassword: false,
        hasDeviceSecret: false,
      });
      expect(await h.secrets.get('password')).toBeUndefined();
      expect(await h.secrets.get('deviceSecret')).toBeUndefined();
      expect(h.messages).toContainEqual({
        event: 'notice',
        payload: expect.objectContaining({
          level: 'warn',
          message: expect.stringMatching(/Enter them again/),
        }),
      });
    },
  );

  test.each([
    ['another storage origin', { storageOrigins: ['https://s3.evil.example'] }],
    ['plain http allowed', { allowHttp: true }],
    ['another port on the same host', { apiUrl: 'https://getapp.example.org:8443/api' }],
    ['http instead of https on the same host', { apiUrl: 'http://getapp.example.org/api', allowHttp: true }],
  ])('%s drops both secrets', async (_label, update) => {
    const h = await open();
    await boundToA(h);
    expect(value(await h.service.invoke('updateSettings', update))).toMatchObject({
      hasPassword: false,
      hasDeviceSecret: false,
    });
  });

  test.each([
    ['another path on the same origin', { apiUrl: 'https://GETAPP.example.org:443/v2/api' }],
    ['another user name', { username: 'someone-else' }],
    ['the sign-in method', { authMode: 'deviceSecret' as const }],
    ['the same (empty) storage origins again', { storageOrigins: [] }],
    ['demo mode and back', { mode: 'demo' as const }],
  ])('%s keeps them', async (_label, update) => {
    const h = await open();
    await boundToA(h);
    value(await h.service.invoke('updateSettings', update));
    value(await h.service.invoke('updateSettings', { mode: 'server' }));
    expect(value(await h.service.invoke('getSettings', undefined))).toMatchObject({
      hasPassword: true,
      hasDeviceSecret: true,
    });
  });

  test('a password entered again for the new server signs in there', async () => {
    const h = await open();
    value(await h.service.invoke('testConnection', undefined)); // starts the demo server
    const demo = h.demo()!;
    await boundToA(h);
    value(
      await h.service.invoke('updateSettings', {
        apiUrl: demo.apiUrl,
        username: demo.credentials.username,
        storageOrigins: [demo.storageUrl],
        allowHttp: true,
      }),
    );
    const before = value(await h.service.invoke('testConnection', undefined));
    expect(before).toMatchObject({ signedIn: false, error: { code: 'CLIENT.auth' } });
    expect(before.message).toMatch(/No password is set/);
    value(await h.service.invoke('setSecret', { kind: 'password', value: demo.credentials.password }));
    expect(value(await h.service.invoke('testConnection', undefined))).toMatchObject({ signedIn: true });
  });
});

describe('E1: keeping unverified files needs a confirmation from the person at the screen', () => {
  test('declined in the native dialog: refused, nothing changed', async () => {
    const h = await open();
    const result = await h.service.invoke('updateSettings', { allowUnverified: true, concurrency: 7 });
    expect(result).toMatchObject({ ok: false, error: { code: 'CLIENT.invalidRequest' } });
    if (!result.ok) expect(result.error.message).toMatch(/not confirmed/);
    expect(h.dialogs.confirm).toHaveBeenCalledTimes(1);
    expect(h.dialogs.confirm.mock.calls[0]![0]).toMatchObject({ confirmLabel: expect.any(String) });
    expect(value(await h.service.invoke('getSettings', undefined))).toMatchObject({
      allowUnverified: false,
      concurrency: 3,
    });
  });

  test('confirmed: on; turning it off again never asks', async () => {
    const confirm = vi.fn(async () => true);
    const h = await open({ dialogs: { confirm } });
    expect(value(await h.service.invoke('updateSettings', { allowUnverified: true })).allowUnverified).toBe(
      true,
    );
    // Already on: another settings change does not ask again.
    value(await h.service.invoke('updateSettings', { allowUnverified: true, concurrency: 4 }));
    expect(confirm).toHaveBeenCalledTimes(1);
    confirm.mockClear();
    expect(value(await h.service.invoke('updateSettings', { allowUnverified: false })).allowUnverified).toBe(
      false,
    );
    expect(confirm).not.toHaveBeenCalled();
  });

  test('where no dialog can open (browser mode) it is refused without asking', async () => {
    const confirm = vi.fn(async () => true);
    const h = await open({ dialogs: { unavailable: 'Browser mode cannot open dialogs.', confirm } });
    const result = await h.service.invoke('updateSettings', { allowUnverified: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'CLIENT.invalidRequest' } });
    if (!result.ok) expect(result.error.message).toMatch(/desktop app/);
    expect(confirm).not.toHaveBeenCalled();
    expect(value(await h.service.invoke('getSettings', undefined)).allowUnverified).toBe(false);
  });

  test('a host without a confirm dialog at all refuses too', async () => {
    const h = await open({ dialogs: { confirm: undefined } });
    const result = await h.service.invoke('updateSettings', { allowUnverified: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'CLIENT.invalidRequest' } });
  });
});
