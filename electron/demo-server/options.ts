// Options of the demo server, with the documented defaults a normal start uses.

export type DemoMode = 'origin' | 'cache';

export interface DemoCredentials {
  readonly username: string;
  readonly password: string;
  readonly deviceSecret: string;
}

export interface CacheModeOptions {
  /** How long a preparation takes from start to done (default 8 s). */
  readonly prepareSeconds?: number;
  /** How long a done preparation stays before it is evicted to `delete` (default 12 h). */
  readonly evictAfterSeconds?: number;
  /** Make the next N preparations of a catalogId end in `error` with this cache-side code. */
  readonly failures?: Readonly<Record<string, { readonly code: string; readonly times: number }>>;
}

export interface DemoServerOptions {
  readonly mode?: DemoMode;
  /** API port; 0 picks a free one (the default from code). */
  readonly apiPort?: number;
  /** Storage (object store) port; 0 picks a free one. */
  readonly storagePort?: number;
  /** A folder of real files to serve besides the built-in catalog (see README, "--data"). */
  readonly dataDir?: string;
  /** Lifetime of presigned artifact URLs (default 3600 s, as MinIO). */
  readonly urlTtlSeconds?: number;
  /** Lifetime of access tokens (default 1800 s, as Keycloak). */
  readonly tokenTtlSeconds?: number;
  /** Lifetime of refresh tokens (default 36000 s). */
  readonly refreshTtlSeconds?: number;
  readonly cache?: CacheModeOptions;
  readonly credentials?: Partial<DemoCredentials>;
  /** The clock (ms since epoch). Tests pass a fake one; URL and token expiry and cache progress follow it. */
  readonly now?: () => number;
  /**
   * Serve the API over HTTPS with this certificate, and accept client certificates issued by
   * `clientCa` with `auth_type: CC` instead of a token (the real gateway's mTLS mode). PEM strings.
   */
  readonly tls?: { readonly key: string; readonly cert: string; readonly clientCa: string };
  /** Enable test-only fault injection and the request log. Never set from the CLI. */
  readonly faults?: boolean;
}

export const DEFAULT_API_PORT = 7380;
export const DEFAULT_STORAGE_PORT = 7381;

export const DEFAULT_CREDENTIALS: DemoCredentials = {
  username: 'technician',
  password: 'courier-demo',
  deviceSecret: 'demo-device-secret',
};
