// The engine's configuration with its defaults: everything a face (CLI, desktop, browser) may set.
// Plain data; the engine never reads process.env or files on its own.
import type { ItemType } from '../shared/getapp-protocol.js';
import { SETTING_DEFAULTS } from '../shared/settings-schema.js';

export type AuthConfig =
  | { readonly kind: 'password'; readonly username: string; readonly password: () => Promise<string> }
  | { readonly kind: 'deviceSecret'; readonly secret: string }
  /** mTLS: the client certificate in `tls.cert`/`tls.key` signs in; no password or token is sent. */
  | { readonly kind: 'clientCertificate' };

export interface TlsConfig {
  /** PEM bundle of extra certificate authorities (private PKI). */
  readonly ca?: string;
  /** Client certificate and key (PEM) for mTLS. */
  readonly cert?: string;
  readonly key?: string;
}

export interface EngineConfig {
  /** The GetApp API, with or without a trailing /api. */
  readonly apiUrl: string;
  readonly auth: AuthConfig;
  readonly deviceId: string;
  readonly tls?: TlsConfig;
  /** Where packages are staged: must exist; each delivery gets its own folder inside. */
  readonly stagingRoot: string;
  /** Origins artifacts may be fetched from besides the API's own (the object store). */
  readonly storageOrigins: readonly string[];
  /** Allow plain http: artifact URLs (lab servers). https: is always allowed. */
  readonly allowHttp: boolean;
  /** Passed as ?source= on prepare and status when set (agents acting as delivery nodes honour it). */
  readonly source?: 'remote' | 'cache';
  readonly itemType: ItemType;
  /** Artifacts downloaded at once. */
  readonly concurrency: number;
  /** Engine-wide bandwidth limit in bytes per second; undefined = unlimited. */
  readonly bandwidthLimit?: number;
  /** PEM public key that verifies artifact signatures (cosign sign-blob, ECDSA P-256). */
  readonly publicKeyPem?: string;
  /** Stage artifacts that nothing can vouch for (no hash, no verifiable signature). */
  readonly allowUnverified: boolean;
  readonly polling: {
    readonly intervalMs: number;
    readonly maxIntervalMs: number;
    /** Give up when the server's progress has not moved for this long. */
    readonly stallMs: number;
    /** Give up preparing after this long in all. */
    readonly deadlineMs: number;
  };
  readonly download: {
    readonly connectTimeoutMs: number;
    readonly headersTimeoutMs: number;
    /** No body byte for this long aborts and resumes the request. */
    readonly stallMs: number;
    readonly minThroughput: { readonly bytesPerSecond: number; readonly windowMs: number };
    readonly attempts: number;
    readonly backoffBaseMs: number;
    readonly backoffMaxMs: number;
    /** Durable checkpoint interval: at most this much is fetched twice after a crash. */
    readonly checkpointBytes: number;
    /** Hard cap for artifacts whose size the server did not declare. */
    readonly maxUnknownSize: number;
  };
  /** How often a `Download` status report may go out per item. */
  readonly reportIntervalMs: number;
  /**
   * Other package folders in the staging root whose manifests are read, once per job, to take a
   * verified copy of an artifact instead of downloading it again; 0 turns that off.
   */
  readonly reuseMaxManifests: number;
}

export const DEFAULTS = {
  // The settings a user may change: their defaults are defined with them.
  storageOrigins: SETTING_DEFAULTS.storageOrigins,
  allowHttp: SETTING_DEFAULTS.allowHttp,
  itemType: SETTING_DEFAULTS.itemType,
  concurrency: SETTING_DEFAULTS.concurrency,
  allowUnverified: SETTING_DEFAULTS.allowUnverified,
  polling: {
    intervalMs: SETTING_DEFAULTS.pollIntervalMs,
    maxIntervalMs: 30_000,
    stallMs: 5 * 60_000,
    deadlineMs: 30 * 60_000,
  },
  download: {
    connectTimeoutMs: 15_000,
    headersTimeoutMs: 30_000,
    stallMs: 30_000,
    minThroughput: { bytesPerSecond: 1024, windowMs: 60_000 },
    attempts: 5,
    backoffBaseMs: 1000,
    backoffMaxMs: 16_000,
    checkpointBytes: 8 * 1024 * 1024,
    maxUnknownSize: 64 * 1024 ** 3,
  },
  reportIntervalMs: 5000,
  reuseMaxManifests: 256,
} as const;

export type EngineConfigInput = Pick<EngineConfig, 'apiUrl' | 'auth' | 'deviceId' | 'stagingRoot'> &
  Partial<Omit<EngineConfig, 'polling' | 'download'>> & {
    readonly polling?: Partial<EngineConfig['polling']>;
    readonly download?: Partial<EngineConfig['download']>;
  };

export function withDefaults(input: EngineConfigInput): EngineConfig {
  return {
    ...DEFAULTS,
    ...input,
    polling: { ...DEFAULTS.polling, ...input.polling },
    download: { ...DEFAULTS.download, ...input.download },
  };
}
