// The one definition of the settings the UI may see and change: each setting's type, limits and
// default, once. Everything else is derived from SETTINGS: the SettingsUpdate and SettingsView types
// (ipc-payloads.ts), the updateSettings check (ipc-schemas.ts), the settings file's parser
// (service/settings-model.ts), the engine defaults (engine/config.ts) and which settings shape an
// engine (service/engine-config.ts). A new setting is one line here plus its field in the UI.
import { z } from 'zod';
import { ITEM_TYPES } from './getapp-protocol.js';
import { UI_LANGUAGES } from './ui-languages.js';

/**
 * How Courier signs in to a real server. clientCertificate is mTLS (protocol §1.2): the certificate
 * and key chosen as files sign in, and no password or secret is sent.
 */
export const AUTH_MODES = ['password', 'deviceSecret', 'clientCertificate'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

/**
 * Every setting the UI may see and change: plain values, never paths, URLs to fetch or secrets
 * (those are chosen or entered through their own methods and stored by the service alone).
 */
export const SETTINGS = z.object({
  /** demo: the built-in demo server (nothing configured); server: a real GetApp server. */
  mode: z.enum(['demo', 'server']).default('demo'),
  apiUrl: z.string().max(2048).default(''),
  authMode: z.enum(AUTH_MODES).default('password'),
  username: z.string().max(256).default(''),
  /** No fixed default: the service falls back to this computer's name. */
  deviceId: z.string().min(1).max(256),
  /** The item type the Get page starts with; every start names its own. */
  itemType: z.enum(ITEM_TYPES).default('software'),
  storageOrigins: z.array(z.string().max(2048)).max(16).default([]),
  allowHttp: z.boolean().default(false),
  /** Artifacts downloaded at once. */
  concurrency: z.int().min(1).max(16).default(3),
  /** Bytes per second; null = unlimited. (z.int() is already bounded to safe integers.) */
  bandwidthLimit: z.int().positive().nullable().default(null),
  pollIntervalMs: z.int().min(500).max(60_000).default(2000),
  allowUnverified: z.boolean().default(false),
  /** The UI's colours: follow the system's light or dark scheme, or always one of them. */
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  /** The UI's language: the system's (Hebrew when it prefers Hebrew, else English), or a fixed one. */
  language: z.enum(['system', ...UI_LANGUAGES]).default('system'),
});

export type Settings = z.output<typeof SETTINGS>;
export type SettingName = keyof Settings;
/** Settings as they travel to and from the UI: read-only, lists included. */
export type ReadonlySettings<T = Settings> = {
  readonly [K in keyof T]: T[K] extends readonly (infer E)[] ? readonly E[] : T[K];
};
export const SETTING_NAMES = Object.keys(SETTINGS.shape) as readonly SettingName[];

/**
 * Settings that only preselect something in the UI: changing one never retires the engine (which
 * pauses every running job). Every other setting shapes the engine by default.
 */
export const UI_ONLY_SETTINGS = ['itemType', 'theme', 'language'] as const satisfies readonly SettingName[];

/** Settings of the connection to a real server: the built-in demo server ignores them. */
export const SERVER_ONLY_SETTINGS = [
  'apiUrl',
  'authMode',
  'username',
  'storageOrigins',
  'allowHttp',
] as const satisfies readonly SettingName[];

type Shape = typeof SETTINGS.shape;
/** A setting's check without its default. */
type Check<K extends SettingName> = Shape[K] extends z.ZodDefault<infer Inner> ? Inner : Shape[K];
type Checks = { readonly [K in SettingName]: Check<K> };
/** The settings with a fixed default; the others (deviceId) get theirs from the caller. */
type Defaulted = { [K in SettingName]: Shape[K] extends z.ZodDefault ? K : never }[SettingName];
type SettingDefaults = { [K in Defaulted]: Settings[K] };
export type SuppliedDefaults = { readonly [K in Exclude<SettingName, Defaulted>]: Settings[K] };

const checks = Object.fromEntries(
  Object.entries(SETTINGS.shape).map(([name, field]) => [
    name,
    field instanceof z.ZodDefault ? field.unwrap() : field,
  ]),
) as Checks;

/** Each setting's fixed default (frozen: the engine's defaults and every reader share it). */
export const SETTING_DEFAULTS = Object.freeze(
  Object.fromEntries(
    Object.entries(SETTINGS.shape).flatMap(([name, field]) =>
      field instanceof z.ZodDefault ? [[name, Object.freeze(field.parse(undefined))]] : [],
    ),
  ),
) as unknown as ReadonlySettings<SettingDefaults>;

/**
 * What updateSettings accepts: any subset of the settings, each within its limits, nothing filled in
 * and unknown fields refused (strict).
 */
export const SETTINGS_UPDATE = z.object(checks).partial().strict();
export type SettingsUpdate = ReadonlySettings<z.output<typeof SETTINGS_UPDATE>>;

/**
 * The settings as read back from disk: every setting falls back to its default on its own, so one
 * damaged value never loses the rest. The service extends this with what only it stores.
 */
export function storedSettingsSchema(supplied: SuppliedDefaults) {
  const fallback: ReadonlySettings = { ...SETTING_DEFAULTS, ...supplied };
  // A copy each time: a list read from one file is never the default list itself.
  const withFallback = <K extends SettingName>(name: K) =>
    (checks[name] as z.ZodType<Settings[K]>).catch(() => structuredClone(fallback[name]) as Settings[K]);
  return z.object(
    Object.fromEntries(SETTING_NAMES.map((name) => [name, withFallback(name)])) as {
      readonly [K in SettingName]: z.ZodCatch<Check<K>>;
    },
  );
}
