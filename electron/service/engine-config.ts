// Turns the stored settings, the secrets and (in demo mode) the built-in server into the engine's
// configuration, the way the CLI's connection does, and the key that says when it must be rebuilt.
import { appError } from '../shared/app-error.js';
import { demoConnection } from '../shared/demo-connection.js';
import { fail, ok, type Result } from '../shared/result.js';
import type { EngineConfigInput } from '../engine/index.js';
import {
  SERVER_ONLY_SETTINGS,
  SETTING_NAMES,
  UI_ONLY_SETTINGS,
  type SettingName,
} from '../shared/settings-schema.js';
import { secretsBound, type StoredSettings } from './settings-model.js';
import type { DemoInfo, SecretStore } from './types.js';

const needs = (message: string): Result<never> =>
  fail(appError({ code: 'CLIENT.auth', message, retryable: false }));

const uiOnly: ReadonlySet<SettingName> = new Set(UI_ONLY_SETTINGS);
const ignoredInDemo: ReadonlySet<SettingName> = new Set(SERVER_ONLY_SETTINGS);
/** Every setting shapes the engine unless settings-schema.ts marks it UI-only: a new one does by default. */
const ENGINE_SETTINGS = SETTING_NAMES.filter((name) => !uiOnly.has(name));

type StoredOnly = Exclude<keyof StoredSettings, SettingName>;
/** How each field only the service stores shapes an engine: a new field must say, or this does not compile. */
const STORED_ONLY_PARTS: { readonly [K in StoredOnly]: (s: StoredSettings) => unknown } = {
  // The folder as resolved (the default one when none was chosen) is part of the key instead.
  stagingFolder: () => null,
  publicKey: (s) => s.publicKey?.fingerprint ?? null,
  caBundle: (s) => s.caBundle?.pem ?? null,
  clientCertificate: (s) => s.clientCertificate?.pem ?? null,
  // Its bytes are in the secret store: secretsVersion changes with them.
  clientKey: () => null,
  secretBinding: (s) => s.secretBinding,
};

/** What an engine is built from; a change in any of it means a new engine. */
export function engineKey(s: StoredSettings, stagingRoot: string, secretsVersion: number): string {
  const settings = ENGINE_SETTINGS.map((name) =>
    s.mode === 'demo' && ignoredInDemo.has(name) ? null : s[name],
  );
  const storedOnly = Object.values(STORED_ONLY_PARTS).map((part) => part(s));
  return JSON.stringify([settings, storedOnly, stagingRoot, secretsVersion]);
}

export async function buildEngineConfig(
  s: StoredSettings,
  stagingRoot: string,
  secrets: SecretStore,
  demo: DemoInfo | undefined,
): Promise<Result<EngineConfigInput>> {
  const clientKey = await secrets.get('clientKey');
  const tls = {
    ...(s.caBundle ? { ca: s.caBundle.pem } : {}),
    ...(s.clientCertificate && clientKey ? { cert: s.clientCertificate.pem, key: clientKey } : {}),
  };
  const common = {
    deviceId: s.deviceId,
    stagingRoot,
    itemType: s.itemType,
    concurrency: s.concurrency,
    allowUnverified: s.allowUnverified,
    polling: { intervalMs: s.pollIntervalMs },
    ...(s.bandwidthLimit !== null ? { bandwidthLimit: s.bandwidthLimit } : {}),
    ...(Object.keys(tls).length > 0 ? { tls } : {}),
  };
  if (s.mode === 'demo') {
    if (!demo) return fail(appError({ code: 'CLIENT.network', message: 'No demo server.', retryable: true }));
    return ok({ ...common, ...demoConnection(demo, s.publicKey?.pem) });
  }
  if (s.apiUrl === '')
    return needs('No server address is set. Enter it on the Connection page, or use the demo server.');
  const auth = await signIn(s, secrets, Boolean(clientKey));
  if (!auth.ok) return auth;
  return ok({
    ...common,
    apiUrl: s.apiUrl,
    auth: auth.value,
    storageOrigins: s.storageOrigins,
    allowHttp: s.allowHttp,
    ...(s.publicKey ? { publicKeyPem: s.publicKey.pem } : {}),
  });
}

/** What signs in to a real server, or the plain "needs" message that says what is still missing. */
async function signIn(
  s: StoredSettings,
  secrets: SecretStore,
  hasClientKey: boolean,
): Promise<Result<EngineConfigInput['auth']>> {
  if (s.authMode === 'clientCertificate') {
    // mTLS: without both halves the TLS handshake has nothing to present, so every call would 401.
    const where = 'Choose the client certificate and its key on the Connection page.';
    if (!s.clientCertificate && !hasClientKey) return needs(`No client certificate or key is set. ${where}`);
    if (!s.clientCertificate) return needs(`No client certificate is set. ${where}`);
    if (!hasClientKey) return needs(`The client certificate's private key is not set. ${where}`);
    return ok({ kind: 'clientCertificate' });
  }
  // In the other modes the certificate is optional, but half of it would fail the handshake unclearly.
  if (s.clientCertificate && !hasClientKey)
    return needs('A client certificate is set but its private key is not. Choose the key file in Settings.');
  // A4/E1: a secret goes only to the connection it was entered for. The handlers drop secrets when
  // the connection changes; this is the last line, so a missed drop still sends nothing elsewhere.
  const bound = secretsBound(s);
  if (s.authMode === 'deviceSecret') {
    const secret = await secrets.get('deviceSecret');
    if (!secret) return needs('No device secret is set. Enter it on the Connection page.');
    if (!bound) return needs(enterAgain('device secret'));
    return ok({ kind: 'deviceSecret', secret });
  }
  if (s.username === '') return needs('No user name is set. Enter it on the Connection page.');
  if (!(await secrets.get('password'))) return needs('No password is set. Enter it on the Connection page.');
  if (!bound) return needs(enterAgain('password'));
  // Read at sign-in time, so the password is held in one place only (the secret store).
  return ok({
    kind: 'password',
    username: s.username,
    password: async () => (await secrets.get('password')) ?? '',
  });
}

const enterAgain = (what: string) =>
  `The saved ${what} was entered for another server address. Enter it again on the Connection page.`;
