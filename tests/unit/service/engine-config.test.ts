// The stored settings as the engine sees them: the client-certificate sign-in needs both the
// certificate and its key (and says which is missing, and where to choose it); the other modes send
// the certificate only when both halves are loaded. Which changes mean a new engine (engineKey).
import { describe, expect, test } from 'vitest';
import { buildEngineConfig, engineKey } from '../../../electron/service/engine-config.js';
import { createMemorySecretStore, type SecretStore } from '../../../electron/service/index.js';
import { parseStoredSettings } from '../../../electron/service/settings-model.js';
import {
  SERVER_ONLY_SETTINGS,
  SETTING_NAMES,
  UI_ONLY_SETTINGS,
  type SettingName,
  type Settings,
} from '../../../electron/shared/settings-schema.js';

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

describe('A4: a password or device secret goes only to the connection it was entered for', () => {
  const boundTo = (apiOrigin: string) => ({ apiOrigin, storageOrigins: [], allowHttp: false });
  const plain = { clientCertificate: null, clientKey: null, username: 'tech' };
  const store = async () => {
    const s = await secrets({ password: 'pw-for-a' });
    await s.set('deviceSecret', 'secret-for-a');
    return s;
  };

  test.each([
    ['another origin', { apiUrl: 'http://127.0.0.1:9999/api', allowHttp: true }],
    ['the same host over http', { apiUrl: 'http://getapp.example.org/api', allowHttp: true }],
    ['another storage origin', { storageOrigins: ['https://s3.evil.example'] }],
    ['plain http switched on', { allowHttp: true }],
    ['a binding damaged on disk', { secretBinding: 'nope' }],
  ])('settings for %s carry no credential, and say to enter it again', async (_label, change) => {
    for (const authMode of ['password', 'deviceSecret'] as const) {
      const s = settings({
        ...plain,
        authMode,
        secretBinding: boundTo('https://getapp.example.org'),
        ...change,
      });
      const result = await build(s, await store());
      expect(result.ok, authMode).toBe(false);
      expect(JSON.stringify(result)).not.toMatch(/pw-for-a|secret-for-a/);
      if (!result.ok)
        expect(result.error.message).toMatch(/entered for another server address\. Enter it again/);
    }
  });

  test('the connection it was entered for (any path on that origin) signs in with it', async () => {
    for (const authMode of ['password', 'deviceSecret'] as const) {
      const s = settings({
        ...plain,
        authMode,
        apiUrl: 'https://GETAPP.example.org:443/v2/api',
        secretBinding: boundTo('https://getapp.example.org'),
      });
      const result = await build(s, await store());
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value.auth.kind).toBe(authMode);
    }
  });

  test('a settings file from before binding keeps its secrets bound to the connection saved with them', async () => {
    const result = await build(settings({ ...plain, authMode: 'password' }), await store());
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.auth).toMatchObject({ kind: 'password', username: 'tech' });
  });
});

describe('engine key: which setting changes mean a new engine', () => {
  // A changed value for every setting, each valid in its schema.
  const CHANGED: { readonly [K in SettingName]: Settings[K] } = {
    mode: 'demo',
    apiUrl: 'https://other.example.org/api',
    authMode: 'deviceSecret',
    username: 'someone-else',
    deviceId: 'OTHER-LAPTOP',
    itemType: 'map',
    storageOrigins: ['https://s3.example.org'],
    allowHttp: true,
    concurrency: 7,
    bandwidthLimit: 1_000_000,
    pollIntervalMs: 5000,
    allowUnverified: true,
    theme: 'dark',
    language: 'he',
  };
  const key = (s: ReturnType<typeof settings>) => engineKey(s, '/staging', 0);

  test('every setting retires the engine unless it is UI-only; server settings only in server mode', () => {
    const uiOnly: readonly SettingName[] = UI_ONLY_SETTINGS;
    const serverOnly: readonly SettingName[] = SERVER_ONLY_SETTINGS;
    for (const mode of ['server', 'demo'] as const) {
      const base = settings({ mode, authMode: 'password', username: 'tech' });
      for (const name of SETTING_NAMES) {
        if (name === 'mode') continue;
        expect(base[name], name).not.toEqual(CHANGED[name]);
        const changed = key({ ...base, [name]: CHANGED[name] });
        const ignored = uiOnly.includes(name) || (mode === 'demo' && serverOnly.includes(name));
        expect(changed === key(base), `${mode}: ${name}`).toBe(ignored);
      }
    }
    expect(key(settings({ mode: 'demo' }))).not.toBe(key(settings({ mode: 'server' })));
  });

  test('a chosen file, the staging folder and the secrets shape it too; a key file name alone does not', () => {
    const base = settings({ authMode: 'password', username: 'tech' });
    const other = '-----BEGIN CERTIFICATE-----\nMIIBother\n-----END CERTIFICATE-----\n';
    expect(key({ ...base, caBundle: { fileName: 'ca.pem', pem: other } })).not.toBe(key(base));
    expect(key({ ...base, clientCertificate: { fileName: 'c.crt', pem: other } })).not.toBe(key(base));
    expect(key({ ...base, secretBinding: null })).not.toBe(key(base));
    expect(engineKey(base, '/elsewhere', 0)).not.toBe(key(base));
    expect(engineKey(base, '/staging', 1)).not.toBe(key(base));
    expect(key({ ...base, clientKey: { fileName: 'renamed.key' } })).toBe(key(base));
  });
});
