// HTTP plumbing of the demo gateway: reading a capped JSON body the way Express's body-parser does,
// and writing replies. Knows nothing about routes or GetApp.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The gateway's JSON body cap; larger bodies get 413 without being buffered. */
export const JSON_BODY_LIMIT = 1024 * 1024;
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** What a handler answers; the pipeline serialises it once, after any fault transform. */
export interface Reply {
  status: number;
  /** A JSON value; undefined (with no text) sends an empty body, as updateDownloadStatus does. */
  json?: unknown;
  /** Raw text sent instead of json (fault bodies, the PEM). */
  text?: string;
  /** Defaults to JSON_CONTENT_TYPE whenever there is a body. */
  contentType?: string;
  headers?: Readonly<Record<string, string>>;
}

export type BodyResult =
  | { ok: true; value: unknown }
  | { ok: false; reason: 'tooLarge' }
  | { ok: false; reason: 'malformed'; message: string }
  | { ok: false; reason: 'aborted' };

function isJsonType(header: string | undefined): boolean {
  const type = (header ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json');
}

function parse(text: string): BodyResult {
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    const value: unknown = JSON.parse(text);
    // body-parser's strict mode: only objects and arrays are bodies.
    if (typeof value !== 'object' || value === null) {
      return { ok: false, reason: 'malformed', message: `Unexpected JSON body: ${JSON.stringify(value)}` };
    }
    return { ok: true, value };
  } catch (error) {
    return { ok: false, reason: 'malformed', message: (error as Error).message };
  }
}

/**
 * Reads the request body as JSON. Like body-parser, a body that is not declared as JSON is not parsed
 * at all (the handler sees `{}` and validation fails), so a client that forgets the Content-Type
 * finds out here and not in the field.
 */
export function readJsonBody(req: IncomingMessage, limit = JSON_BODY_LIMIT): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume(); // drain, so the 413 can still be read by the client
    return Promise.resolve({ ok: false, reason: 'tooLarge' });
  }
  const parseIt = isJsonType(req.headers['content-type']);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      total += chunk.length;
      if (total > limit) {
        over = true;
        chunks.length = 0;
        resolve({ ok: false, reason: 'tooLarge' });
      } else if (parseIt) chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(parseIt ? parse(Buffer.concat(chunks).toString('utf8')) : { ok: true, value: {} });
    });
    req.on('error', () => resolve({ ok: false, reason: 'aborted' }));
  });
}

/** Writes a reply; returns the number of body bytes written. HEAD gets the headers only. */
export function writeReply(res: ServerResponse, reply: Reply, withBody: boolean): number {
  const text = reply.text ?? (reply.json === undefined ? undefined : JSON.stringify(reply.json));
  const body = text === undefined ? Buffer.alloc(0) : Buffer.from(text, 'utf8');
  const headers: Record<string, string | number> = { ...reply.headers, 'Content-Length': body.length };
  if (text !== undefined) headers['Content-Type'] = reply.contentType ?? JSON_CONTENT_TYPE;
  res.writeHead(reply.status, headers);
  res.end(withBody ? body : undefined);
  return withBody ? body.length : 0;
}

export function jsonReply(status: number, json: unknown): Reply {
  return { status, json };
}
