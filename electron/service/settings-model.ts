// The settings document the service persists (the settings themselves, their limits and defaults are
// defined once in shared/settings-schema.ts), the view the UI may see of it, and the connection the
// stored secrets are bound to. Secrets are never in here (they live in the SecretStore).
import { z } from 'zod';
import { appError } from '../shared/app-error.js';
import type { SettingsUpdate, SettingsView } from '../shared/ipc-contract.js';
import { fail, ok, type Result } from '../shared/result.js';
import {
  SETTINGS,
  SETTING_NAMES,
  storedSettingsSchema,
  type ReadonlySettings,
} from '../shared/settings-schema.js';

const loadedFile = z.object({ fileName: z.string().max(255), pem: z.string().max(1024 * 1024) });

/**
 * The connection a password or device secret was entered for (A4, E1). Whoever holds the UI (a
 * compromised renderer, the browser-mode token) may change the server address, but the secrets stay
 * with the connection they were typed for: any change here drops them, and the engine is given a
 * credential only while the settings still match.
 */
const secretBindingSchema = z.object({
  apiOrigin: z.string().max(2048),
  storageOrigins: SETTINGS.shape.storageOrigins.unwrap(),
  allowHttp: SETTINGS.shape.allowHttp.unwrap(),
});
export type SecretBinding = z.output<typeof secretBindingSchema>;

/**
 * The settings file: the settings (each falling back to its own default, see settings-schema.ts)
 * and what only the service stores: the chosen folder and files, and the secrets' binding.
 */
const storedSchema = (deviceId: string) =>
  storedSettingsSchema({ deviceId }).extend({
    stagingFolder: z.string().min(1).nullable().catch(null),
    publicKey: loadedFile.extend({ fingerprint: z.string() }).nullable().catch(null),
    caBundle: loadedFile.nullable().catch(null),
    clientCertificate: loadedFile.nullable().catch(null),
    /** The key's bytes are a secret (SecretStore 'clientKey'); only its name is kept here. */
    clientKey: z
      .object({ fileName: z.string().max(255) })
      .nullable()
      .catch(null),
    /** Absent in files written before secrets were bound; damaged reads as null (bound to nothing). */
    secretBinding: secretBindingSchema.nullable().optional().catch(null),
  });

type ParsedSettings = z.output<ReturnType<typeof storedSchema>>;
export type StoredSettings = Omit<ParsedSettings, 'secretBinding'> & {
  /** null: no password or device secret may be used (none entered since the connection changed). */
  secretBinding: SecretBinding | null;
};

export function parseStoredSettings(raw: unknown, defaultDeviceId: string): StoredSettings {
  const schema = storedSchema(defaultDeviceId);
  const parsed = schema.safeParse(typeof raw === 'object' && raw !== null ? raw : {});
  const { secretBinding, ...settings } = parsed.success ? parsed.data : schema.parse({});
  // A file from before binding existed: its secrets were entered by the user for the connection
  // saved next to them, so they stay bound to it rather than being lost on upgrade.
  return { ...settings, secretBinding: secretBinding === undefined ? bindingOf(settings) : secretBinding };
}

/** The connection as a binding: the API origin (scheme, host, port), storage origins, plain http. */
export function bindingOf(s: Pick<StoredSettings, 'apiUrl' | 'storageOrigins' | 'allowHttp'>): SecretBinding {
  return {
    apiOrigin: httpUrl(s.apiUrl)?.origin ?? '',
    storageOrigins: [...s.storageOrigins].sort(),
    allowHttp: s.allowHttp,
  };
}

const sameBinding = (a: SecretBinding, b: SecretBinding): boolean =>
  a.apiOrigin === b.apiOrigin &&
  a.allowHttp === b.allowHttp &&
  a.storageOrigins.length === b.storageOrigins.length &&
  a.storageOrigins.every((origin, i) => origin === b.storageOrigins[i]);

/** The binding still describes the connection in the settings (nothing changed since a secret was set). */
export const bindingCurrent = (s: StoredSettings): boolean =>
  s.secretBinding !== null && sameBinding(s.secretBinding, bindingOf(s));

/** True only while there is a server and it is the connection the secrets were entered for. */
export const secretsBound = (s: StoredSettings): boolean => s.apiUrl !== '' && bindingCurrent(s);

export interface SecretPresence {
  readonly password: boolean;
  readonly deviceSecret: boolean;
  /** The client key's bytes are held (a name alone survives a restart when secrets are memory-only). */
  readonly clientKey: boolean;
  readonly encrypted: boolean;
}

/** The settings' own values, lists copied (the view must not share arrays with the stored settings). */
const settingValues = (s: StoredSettings): ReadonlySettings =>
  Object.fromEntries(
    SETTING_NAMES.map((name) => {
      const value = s[name];
      return [name, Array.isArray(value) ? [...value] : value];
    }),
  ) as unknown as ReadonlySettings;

/** What the host can do, for the UI to offer only what works there. */
export interface HostFacts {
  readonly stagingFolder: string;
  readonly nativePickers: boolean;
}

export function toView(s: StoredSettings, host: HostFacts, secrets: SecretPresence): SettingsView {
  return {
    ...settingValues(s),
    hasPassword: secrets.password,
    hasDeviceSecret: secrets.deviceSecret,
    secretStorage: secrets.encrypted ? 'encrypted' : 'memoryOnly',
    stagingFolder: host.stagingFolder,
    nativePickers: host.nativePickers,
    publicKey: s.publicKey ? { fileName: s.publicKey.fileName, fingerprint: s.publicKey.fingerprint } : null,
    caBundle: s.caBundle ? { fileName: s.caBundle.fileName } : null,
    clientCertificate: s.clientCertificate ? { fileName: s.clientCertificate.fileName } : null,
    clientKey: s.clientKey && secrets.clientKey ? { fileName: s.clientKey.fileName } : null,
  };
}

const invalid = (message: string): Result<never> =>
  fail(appError({ code: 'CLIENT.invalidRequest', message, retryable: false }));

function httpUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Checks what the schema cannot (URL shapes) and merges; origins are normalised to scheme://host:port. */
export function applyUpdate(current: StoredSettings, update: SettingsUpdate): Result<StoredSettings> {
  const next: StoredSettings = { ...current, ...update, storageOrigins: [...current.storageOrigins] };
  if (update.apiUrl !== undefined) {
    const trimmed = update.apiUrl.trim();
    if (trimmed !== '' && (!httpUrl(trimmed) || httpUrl(trimmed)?.username || httpUrl(trimmed)?.password))
      return invalid(`"${trimmed}" is not a server address. Write it like https://getapp.example.org/api.`);
    next.apiUrl = trimmed;
  }
  if (update.storageOrigins !== undefined) {
    const origins: string[] = [];
    for (const text of update.storageOrigins) {
      const url = httpUrl(text.trim());
      if (!url) return invalid(`"${text}" is not a storage address. Write it like https://s3.example.org.`);
      if (!origins.includes(url.origin)) origins.push(url.origin);
    }
    next.storageOrigins = origins;
  }
  if (update.username !== undefined) next.username = update.username.trim();
  if (update.deviceId !== undefined) {
    const deviceId = update.deviceId.trim();
    if (deviceId === '') return invalid('The device id cannot be empty.');
    next.deviceId = deviceId;
  }
  // Another server, other storage or plain http: the stored secrets were not entered for that.
  if (current.secretBinding !== null && !sameBinding(current.secretBinding, bindingOf(next)))
    next.secretBinding = null;
  return ok(next);
}

/** True when `next` unbinds the secrets that `current` held bound: the handler deletes them. */
export const dropsSecrets = (current: StoredSettings, next: StoredSettings): boolean =>
  current.secretBinding !== null && next.secretBinding === null;
