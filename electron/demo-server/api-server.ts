// The demo GetApp gateway: login, delivery prepare/status/report and catalog offering, with the real
// gateway's versioning, auth guard and error bodies.
import { createServer, type Server } from 'node:http';
import type { CacheModeOptions, DemoCredentials, DemoMode } from './options.js';
import type { DemoCatalog } from './catalog-model.js';
import type { FaultRegistry, RequestLog } from './faults.js';
import type { Presigner } from './presign.js';
import type { StatusReportStore } from './status-reports.js';

export interface ApiServerOptions {
  catalog: DemoCatalog;
  mode: DemoMode;
  presigner: Presigner;
  now: () => number;
  credentials: DemoCredentials;
  tokenTtlSeconds: number;
  refreshTtlSeconds: number;
  cache: CacheModeOptions;
  reports: StatusReportStore;
  faults?: FaultRegistry;
  requestLog?: RequestLog;
}

export function createApiServer(_options: ApiServerOptions): Server {
  return createServer((_req, res) => {
    res.statusCode = 501;
    res.end();
  });
}
