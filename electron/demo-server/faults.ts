// Test-only fault injection: per-path scripts the storage and API servers consult before answering,
// plus a log of every request (headers included) so tests can count bytes and look for leaked tokens.
// Only reachable through startDemoServer({ faults: true }); the CLI never enables it.

/** A misbehaviour of the object store for requests whose path contains `match`. */
export interface StorageFaultScript {
  /** Apply to the first N matching requests only (default: all). */
  times?: number;
  /** Wait this long before sending the status line. */
  delayMs?: number;
  /** Answer with this status instead (e.g. 503, 429, 403), with an S3-style XML error body. */
  status?: number;
  /** The Retry-After header sent with `status`, verbatim (seconds, an HTTP date, or garbage). */
  retryAfter?: string;
  /** Answer 200 with the whole object even when a Range was asked for. */
  ignoreRange?: boolean;
  /** Send this Content-Length instead of the true one (the body is the true one, cut or short). */
  contentLength?: number;
  /** End the response cleanly after N body bytes (a truncated body). */
  truncateAfterBytes?: number;
  /** Destroy the socket after N body bytes (connection reset). */
  resetAfterBytes?: number;
  /** Stop sending after N body bytes and keep the socket open (a stall). */
  stallAfterBytes?: number;
  /** Send the body at this rate (slow drip / slow loris). */
  dripBytesPerSecond?: number;
  /** Flip the byte at this object offset while sending. */
  corruptByteAt?: number;
  /** Send N bytes beyond the declared length (over a raw socket, since node:http refuses). */
  extraBytes?: number;
  /** Send the body gzip-compressed with Content-Encoding: gzip. */
  gzip?: boolean;
  /** Override the Content-Type (e.g. text/html for a captive-portal page). */
  contentType?: string;
  /** Change the ETag (the object "changed" on the server, so If-Range no longer matches). */
  etag?: string;
}

/** A misbehaviour of the API for requests whose (version-less) path contains `match`. */
export interface ApiFaultScript {
  times?: number;
  delayMs?: number;
  /** Answer with this status and `body` (raw text) instead of the real handler. */
  status?: number;
  retryAfter?: string;
  body?: string;
  contentType?: string;
  /** Let the real handler answer, then rewrite its JSON body (to serve hostile or odd documents). */
  transform?: (body: unknown) => unknown;
}

export interface LoggedRequest {
  readonly server: 'api' | 'storage';
  readonly method: string;
  /** Path and query as received. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  status: number;
  /** Body bytes actually written to the socket. */
  bytesSent: number;
}

interface Entry<S> {
  match: string;
  script: S;
  used: number;
}

export class FaultRegistry {
  private readonly storageScripts: Entry<StorageFaultScript>[] = [];
  private readonly apiScripts: Entry<ApiFaultScript>[] = [];

  storage(match: string, script: StorageFaultScript): void {
    this.storageScripts.push({ match, script, used: 0 });
  }

  api(match: string, script: ApiFaultScript): void {
    this.apiScripts.push({ match, script, used: 0 });
  }

  clear(): void {
    this.storageScripts.length = 0;
    this.apiScripts.length = 0;
  }

  /** The script for this request, if any; each call consumes one of its `times`. */
  takeStorage(path: string): StorageFaultScript | undefined {
    return take(this.storageScripts, path);
  }

  takeApi(path: string): ApiFaultScript | undefined {
    return take(this.apiScripts, path);
  }
}

function take<S extends { times?: number }>(entries: Entry<S>[], path: string): S | undefined {
  const entry = entries.find(
    (e) => path.includes(e.match) && (e.script.times === undefined || e.used < e.script.times),
  );
  if (!entry) return undefined;
  entry.used += 1;
  return entry.script;
}

/** Every request both servers saw, in order. Kept only when faults are enabled (tests). */
export class RequestLog {
  readonly entries: LoggedRequest[] = [];

  add(entry: LoggedRequest): LoggedRequest {
    this.entries.push(entry);
    return entry;
  }

  /** Body bytes sent for requests whose URL contains `match`. */
  bytesSent(match: string): number {
    return this.entries.filter((e) => e.url.includes(match)).reduce((sum, e) => sum + e.bytesSent, 0);
  }

  count(match: string, server?: 'api' | 'storage'): number {
    return this.entries.filter((e) => e.url.includes(match) && (!server || e.server === server)).length;
  }
}
