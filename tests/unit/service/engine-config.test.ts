// The stored settings as the engine sees them: the client-certificate sign-in needs both the
// certificate and its key (and says which is missing, and where to choose it); the other modes send
// the certificate only when both halves are loaded.
import { describe, expect, test } from 'vitest';
import { buildEngineConfig } from '../../../electron/service/engine-config.js';
import { createMemorySecretStore, type SecretStore } from '../../../electron/service/index.js';
import { parseStoredSettings } from '../../../electron/service/settings-model.js';

const CERT = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIGHfake\n-----END PRIVATE KEY-----\n';
const WHERE = 'Choose the client certificate and its key on the Connection page.';

const settings = (overrides: Record<string, unknown> = {}) =>
  parseStoredSettings(
    {
      mode: 'server',
      apiUrl: 'https://getapp.example.org/api',
      authMode: 'clientCertificate',
      clientCertificate: { fileName: 'client.crt', pem: CERT },
      clientKey: { fileName: 'client.key' },
      ...overrides,
    },
    'TECH-LAPTOP-07',
  );

async function secrets(values: { clientKey?: string; password?: string } = {}): Promise<SecretStore> {
  const store = createMemorySecretStore();
  if (values.clientKey !== undefined) await store.set('clientKey', values.clientKey);
  if (values.password !== undefined) await store.set('password', values.password);
  return store;
}

const build = async (s: ReturnType<typeof settings>, store: SecretStore) =>
  buildEngineConfig(s, '/staging', store, undefined);

describe('engine config: client certificate sign-in', () => {
  test('without the certificate it needs one, and says where to choose it', async () => {
    const result = await build(settings({ clientCertificate: null }), await secrets({ clientKey: KEY }));
    expect(result).toMatchObject({ ok: false, error: { code: 'CLIENT.auth', retryable: false } });
    if (!result.ok) expect(result.error.message).toBe(`No client certificate is set. ${WHERE}`);
  });

  test('without the key it needs one, even when its name is remembered (memory-only secrets)', async () => {
    const result = await build(settings(), await secrets());
    expect(result).toMatchObject({ ok: false, error: { code: 'CLIENT.auth', retryable: false } });
    if (!result.ok)
      expect(result.error.message).toBe(`The client certificate's private key is not set. ${WHERE}`);
  });

  test('without either it names both', async () => {
    const result = await build(settings({ clientCertificate: null, clientKey: null }), await secrets());
    if (result.ok) throw new Error('expected a needs message');
    expect(result.error.message).toBe(`No client certificate or key is set. ${WHERE}`);
  });

  test('with both it signs in by certificate, presenting them over TLS, and needs no user or password', async () => {
    const result = await build(settings({ username: '' }), await secrets({ clientKey: KEY }));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.auth).toEqual({ kind: 'clientCertificate' });
    expect(result.value.tls).toEqual({ cert: CERT, key: KEY });
    expect(result.value.apiUrl).toBe('https://getapp.example.org/api');
  });

  test('a CA bundle travels alongside the client certificate', async () => {
    const ca = '-----BEGIN CERTIFICATE-----\nMIIBca\n-----END CERTIFICATE-----\n';
    const result = await build(
      settings({ caBundle: { fileName: 'ca.pem', pem: ca } }),
      await secrets({ clientKey: KEY }),
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.tls).toEqual({ ca, cert: CERT, key: KEY });
  });
});

describe('engine config: the certificate stays optional in the other modes', () => {
  test('password mode with both halves loaded signs in by password and still presents the certificate', async () => {
    const result = await build(
      settings({ authMode: 'password', username: 'tech' }),
      await secrets({ clientKey: KEY, password: 'pw' }),
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.auth).toMatchObject({ kind: 'password', username: 'tech' });
    expect(result.value.tls).toEqual({ cert: CERT, key: KEY });
  });

  test('password mode without a certificate sends none', async () => {
    const result = await build(
      settings({ authMode: 'password', username: 'tech', clientCertificate: null, clientKey: null }),
      await secrets({ password: 'pw' }),
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.auth.kind).toBe('password');
    expect(result.value.tls).toBeUndefined();
  });

  test('password mode with a certificate but no key still asks for the key in Settings', async () => {
    const result = await build(
      settings({ authMode: 'password', username: 'tech' }),
      await secrets({ password: 'pw' }),
    );
    if (result.ok) throw new Error('expected a needs message');
    expect(result.error.message).toMatch(/private key is not\. Choose the key file in Settings\./);
  });
});
