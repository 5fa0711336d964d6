// The demo object store: artifact bytes behind presigned URLs like MinIO/S3 (GET, HEAD, Range, If-Range,
// conditional requests, S3 XML errors), with test-only faults per path.
import { randomBytes } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import { Readable } from 'node:stream';
import type { FaultRegistry, LoggedRequest, RequestLog, StorageFaultScript } from './faults.js';
import { checkPreconditions, ifRangeHolds } from './http-conditions.js';
import { decideRange } from './http-range.js';
import type { Presigner } from './presign.js';
import { errorForStatus, S3_ERRORS, s3ErrorXml, type S3Error } from './s3-errors.js';
import { pause, sendBody } from './storage-body.js';
import { planFraming } from './storage-framing.js';
import type { StoredObject } from './stored-object.js';

export interface StorageServerOptions {
  /** Bucket-relative object paths (not URL-encoded) → bytes. */
  objects: ReadonlyMap<string, StoredObject>;
  presigner: Presigner;
  faults?: FaultRegistry;
  requestLog?: RequestLog;
}

/** One request in flight: what every reply needs to write, log and stop. */
interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly head: boolean;
  /** Bucket-relative and decoded; '' when the path could not be decoded. */
  readonly objectPath: string;
  readonly requestId: string;
  readonly hostId: string;
  readonly signal: AbortSignal;
  readonly entry: LoggedRequest | undefined;
}

function writeHead(x: Exchange, status: number, headers: OutgoingHttpHeaders): void {
  if (x.entry) x.entry.status = status;
  x.res.writeHead(status, { 'x-amz-request-id': x.requestId, ...headers });
}

function replyError(x: Exchange, error: S3Error, headers: OutgoingHttpHeaders = {}): void {
  const body = Buffer.from(s3ErrorXml(error, x));
  writeHead(x, error.status, {
    'content-type': 'application/xml',
    'content-length': body.length,
    ...headers,
  });
  if (x.head) {
    x.res.end();
    return;
  }
  if (x.entry) x.entry.bytesSent += body.length;
  x.res.end(body);
}

/** Percent-decodes each segment: URLs carry `%40` for `@`, the object index holds the plain path. */
function decodeObjectPath(rawPath: string): string | undefined {
  try {
    return rawPath.replace(/^\//, '').split('/').map(decodeURIComponent).join('/');
  } catch {
    return undefined;
  }
}

/** The request line's parts that only `handle` reads. */
interface RequestTarget {
  readonly decoded: boolean;
  readonly query: string;
}

/** A scripted ETag may be given bare; on the wire it is always quoted. */
const quoted = (tag: string) => (/^(W\/)?".*"$/.test(tag) ? tag : `"${tag}"`);

async function serveObject(x: Exchange, object: StoredObject, script: StorageFaultScript): Promise<void> {
  const validators = {
    etag: script.etag ? quoted(script.etag) : object.etag,
    lastModified: object.lastModified,
  };
  const identity = { etag: validators.etag, 'last-modified': object.lastModified.toUTCString() };
  const precondition = checkPreconditions(x.req.headers, validators);
  if (precondition === 'failed') return replyError(x, S3_ERRORS.preconditionFailed);
  if (precondition === 'not-modified') {
    writeHead(x, 304, identity);
    x.res.end();
    return;
  }

  const honourRange = !script.ignoreRange && ifRangeHolds(x.req.headers['if-range'], validators);
  const range = decideRange(honourRange ? x.req.headers.range : undefined, object.size);
  if (range.kind === 'unsatisfiable')
    return replyError(x, S3_ERRORS.invalidRange, { 'content-range': `bytes */${object.size}` });
  const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, object.size - 1];
  const length = end - start + 1;

  const framing = planFraming(script, length);
  const headers: OutgoingHttpHeaders = {
    'accept-ranges': 'bytes',
    ...identity,
    'content-type': script.contentType ?? object.contentType,
    ...(range.kind === 'partial' ? { 'content-range': `bytes ${start}-${end}/${object.size}` } : {}),
    ...(framing.declared !== undefined ? { 'content-length': framing.declared } : {}),
    ...(script.gzip ? { 'content-encoding': 'gzip' } : {}),
    ...(framing.eofDelimited ? { connection: 'close' } : {}),
  };
  // node:http would otherwise add chunked framing to a response without Content-Length.
  if (framing.eofDelimited) x.res.removeHeader('transfer-encoding');
  writeHead(x, range.kind === 'partial' ? 206 : 200, headers);
  if (x.head) {
    x.res.end();
    return;
  }
  await sendBody(x.res, {
    source: length > 0 ? object.open(start, end) : Readable.from([]),
    offset: start,
    corruptByteAt: script.corruptByteAt,
    gzip: script.gzip,
    limit: framing.limit,
    atLimit: framing.atLimit,
    declared: framing.declared,
    dripBytesPerSecond: script.dripBytesPerSecond,
    extraBytes: script.extraBytes,
    signal: x.signal,
    count: (delta) => {
      if (x.entry) x.entry.bytesSent += delta;
    },
  });
}

async function handle(x: Exchange, request: RequestTarget, options: StorageServerOptions): Promise<void> {
  if (x.req.method !== 'GET' && x.req.method !== 'HEAD')
    return replyError(x, S3_ERRORS.methodNotAllowed, { allow: 'GET, HEAD' });
  if (!request.decoded) return replyError(x, S3_ERRORS.invalidUri);

  // A scripted status stands for an overloaded store or a proxy in front: it answers before auth.
  const script = options.faults?.takeStorage(x.objectPath) ?? {};
  if (script.delayMs !== undefined && !(await pause(script.delayMs, x.signal))) return;
  if (script.status !== undefined)
    return replyError(
      x,
      errorForStatus(script.status),
      script.retryAfter !== undefined ? { 'retry-after': script.retryAfter } : {},
    );

  const check = options.presigner.check(x.objectPath, new URLSearchParams(request.query));
  if (check === 'tampered') return replyError(x, S3_ERRORS.signatureDoesNotMatch);
  if (check === 'expired') return replyError(x, S3_ERRORS.expired);
  const object = options.objects.get(x.objectPath);
  if (!object) return replyError(x, S3_ERRORS.noSuchKey);
  return serveObject(x, object, script);
}

export function createStorageServer(options: StorageServerOptions): Server {
  // One per server, like the HostId an S3 endpoint reports in every error.
  const hostId = randomBytes(32).toString('hex');
  return createServer((req, res) => {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const objectPath = decodeObjectPath(query < 0 ? url : url.slice(0, query));
    const aborter = new AbortController();
    res.once('close', () => aborter.abort());
    const x: Exchange = {
      req,
      res,
      head: req.method === 'HEAD',
      objectPath: objectPath ?? '',
      requestId: randomBytes(8).toString('hex').toUpperCase(),
      hostId,
      signal: aborter.signal,
      entry: options.requestLog?.add({
        server: 'storage',
        method: req.method ?? '',
        url,
        headers: { ...req.headers },
        status: 0,
        bytesSent: 0,
      }),
    };
    handle(
      x,
      { decoded: objectPath !== undefined, query: query < 0 ? '' : url.slice(query + 1) },
      options,
    ).catch(() => {
      // A failing object source (say, a file removed mid-read): answer 500 if nothing went out yet.
      if (res.headersSent) res.destroy();
      else replyError(x, S3_ERRORS.internal);
    });
  });
}
