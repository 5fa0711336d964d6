// The demo object store: serves artifact bytes behind presigned URLs like MinIO/S3 (GET, HEAD,
// Range, If-Range, 403 XML errors), with test-only faults applied per path.
import { createServer, type Server } from 'node:http';
import type { FaultRegistry, RequestLog } from './faults.js';
import type { Presigner } from './presign.js';
import type { StoredObject } from './stored-object.js';

export interface StorageServerOptions {
  /** Bucket-relative object paths (not URL-encoded) → bytes. */
  objects: ReadonlyMap<string, StoredObject>;
  presigner: Presigner;
  faults?: FaultRegistry;
  requestLog?: RequestLog;
}

export function createStorageServer(_options: StorageServerOptions): Server {
  return createServer((_req, res) => {
    res.statusCode = 501;
    res.end();
  });
}
