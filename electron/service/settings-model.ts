// The settings document the service persists, its defaults, and the view the UI may see of it.
// Secrets are never in here (they live in the SecretStore). Imports zod and shared/ only.
import { z } from 'zod';
import { appError } from '../shared/app-error.js';
import type { SettingsUpdate, SettingsView } from '../shared/ipc-contract.js';
import { fail, ok, type Result } from '../shared/result.js';

const loadedFile = z.object({ fileName: z.string().max(255), pem: z.string().max(1024 * 1024) });

/** Every field falls back to its default on its own, so one damaged value never loses the rest. */
const storedSchema = (deviceId: string) =>
  z.object({
    mode: z.enum(['demo', 'server']).catch('demo'),
    apiUrl: z.string().max(2048).catch(''),
    authMode: z.enum(['password', 'deviceSecret', 'clientCertificate']).catch('password'),
    username: z.string().max(256).catch(''),
    deviceId: z.string().min(1).max(256).catch(deviceId),
    itemType: z.enum(['software', 'map', 'cache', 'config']).catch('software'),
    stagingFolder: z.string().min(1).nullable().catch(null),
    storageOrigins: z.array(z.string().max(2048)).max(16).catch([]),
    allowHttp: z.boolean().catch(false),
    concurrency: z.int().min(1).max(16).catch(3),
    bandwidthLimit: z.int().positive().nullable().catch(null),
    pollIntervalMs: z.int().min(500).max(60_000).catch(2000),
    allowUnverified: z.boolean().catch(false),
    publicKey: loadedFile.extend({ fingerprint: z.string() }).nullable().catch(null),
    caBundle: loadedFile.nullable().catch(null),
    clientCertificate: loadedFile.nullable().catch(null),
    /** The key's bytes are a secret (SecretStore 'clientKey'); only its name is kept here. */
    clientKey: z
      .object({ fileName: z.string().max(255) })
      .nullable()
      .catch(null),
  });

export type StoredSettings = z.output<ReturnType<typeof storedSchema>>;

export function parseStoredSettings(raw: unknown, defaultDeviceId: string): StoredSettings {
  const schema = storedSchema(defaultDeviceId);
  const parsed = schema.safeParse(typeof raw === 'object' && raw !== null ? raw : {});
  return parsed.success ? parsed.data : schema.parse({});
}

export interface SecretPresence {
  readonly password: boolean;
  readonly deviceSecret: boolean;
  /** The client key's bytes are held (a name alone survives a restart when secrets are memory-only). */
  readonly clientKey: boolean;
  readonly encrypted: boolean;
}

export function toView(s: StoredSettings, stagingFolder: string, secrets: SecretPresence): SettingsView {
  return {
    mode: s.mode,
    apiUrl: s.apiUrl,
    authMode: s.authMode,
    username: s.username,
    hasPassword: secrets.password,
    hasDeviceSecret: secrets.deviceSecret,
    secretStorage: secrets.encrypted ? 'encrypted' : 'memoryOnly',
    deviceId: s.deviceId,
    itemType: s.itemType,
    stagingFolder,
    storageOrigins: [...s.storageOrigins],
    allowHttp: s.allowHttp,
    concurrency: s.concurrency,
    bandwidthLimit: s.bandwidthLimit,
    pollIntervalMs: s.pollIntervalMs,
    allowUnverified: s.allowUnverified,
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
  return ok(next);
}
