// The demo server's public entry: a GetApp-compatible API plus a presigned-URL object store, started
// in-process on 127.0.0.1. Used by `courier demo`, by the CLI's and app's embedded default, and by
// every integration test. Pure Node.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApiServer } from './api-server.js';
import { buildBuiltInCatalog } from './builtin-catalog.js';
import type { DemoCatalog } from './catalog-model.js';
import { indexObjects } from './catalog-model.js';
import { loadDataDir } from './data-dir.js';
import { FaultRegistry, RequestLog } from './faults.js';
import {
  DEFAULT_CREDENTIALS,
  type DemoCredentials,
  type DemoMode,
  type DemoServerOptions,
} from './options.js';
import { createPresigner } from './presign.js';
import { signingKeyFromSeed } from './signing.js';
import { StatusReportStore } from './status-reports.js';
import { createStorageServer } from './storage-server.js';

export type { DemoServerOptions, DemoMode, DemoCredentials } from './options.js';
export { DEFAULT_API_PORT, DEFAULT_STORAGE_PORT, DEFAULT_CREDENTIALS } from './options.js';
export { BUILTIN_IDS, LARGE_IMAGE_SIZE, LARGE_IMAGE_SHA256 } from './builtin-catalog.js';
export type { StorageFaultScript, ApiFaultScript, LoggedRequest } from './faults.js';
export type { StoredReport } from './status-reports.js';

export interface DemoServer {
  /** Base URL of the API, ending in /api. */
  readonly apiUrl: string;
  /** Base URL of the object store (a different origin, as presigned S3 URLs are). */
  readonly storageUrl: string;
  readonly mode: DemoMode;
  readonly credentials: DemoCredentials;
  /** PEM of the public key that verifies every `signature` this server hands out. */
  readonly publicKeyPem: string;
  readonly catalog: DemoCatalog;
  /** What devices reported through updateDownloadStatus (one row per device, catalogId, itemKey). */
  readonly reports: StatusReportStore;
  /** Present only with `faults: true`. */
  readonly faults?: FaultRegistry & { expireUrlsNow(): void };
  /** Present only with `faults: true`: every request both servers received. */
  readonly requestLog?: RequestLog;
  close(): Promise<void>;
}

const KEY_SEED = 'courier-demo';

async function listen(server: Server, port: number): Promise<number> {
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const now = options.now ?? Date.now;
  const mode = options.mode ?? 'origin';
  const credentials: DemoCredentials = { ...DEFAULT_CREDENTIALS, ...options.credentials };
  const key = signingKeyFromSeed(KEY_SEED);
  const builtIn = buildBuiltInCatalog(key);
  const extra = options.dataDir ? await loadDataDir(options.dataDir, key) : [];
  const catalog: DemoCatalog = {
    publicKeyPem: builtIn.publicKeyPem,
    deliveries: new Map([...builtIn.deliveries, ...extra.map((d) => [d.catalogId, d] as const)]),
  };
  const faults = options.faults ? new FaultRegistry() : undefined;
  const requestLog = options.faults ? new RequestLog() : undefined;
  const reports = new StatusReportStore();

  // The storage server must be listening before the API can presign URLs pointing at it.
  let storageUrl = '';
  const presigner = createPresigner({
    secret: randomBytes(32),
    ttlSeconds: options.urlTtlSeconds ?? 3600,
    now,
    resolveBaseUrl: () => storageUrl,
  });
  const storage = createStorageServer({ objects: indexObjects(catalog), presigner, faults, requestLog });
  const storagePort = await listen(storage, options.storagePort ?? 0);
  storageUrl = `http://127.0.0.1:${storagePort}`;

  const api = createApiServer({
    catalog,
    mode,
    presigner,
    now,
    credentials,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 1800,
    refreshTtlSeconds: options.refreshTtlSeconds ?? 36_000,
    cache: options.cache ?? {},
    reports,
    faults,
    requestLog,
    ...(options.tls ? { tls: options.tls } : {}),
  });
  let apiPort: number;
  try {
    apiPort = await listen(api, options.apiPort ?? 0);
  } catch (error) {
    storage.close();
    throw error;
  }

  return {
    apiUrl: `${options.tls ? 'https' : 'http'}://127.0.0.1:${apiPort}/api`,
    storageUrl,
    mode,
    credentials,
    publicKeyPem: catalog.publicKeyPem,
    catalog,
    reports,
    ...(faults
      ? { faults: Object.assign(faults, { expireUrlsNow: () => presigner.expireIssuedUrls() }) }
      : {}),
    ...(requestLog ? { requestLog } : {}),
    async close() {
      for (const server of [api, storage]) {
        server.closeAllConnections();
        server.close();
      }
      await Promise.all([once(api, 'close'), once(storage, 'close')]);
    },
  };
}
