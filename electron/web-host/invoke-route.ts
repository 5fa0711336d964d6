// POST /api/invoke/<method>: the token header, a JSON body capped per method (413), the
// shared request gate (strict schema, E1/E9), then the service; the answer is its Result as JSON.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { INVOKE_METHODS, maxRequestBytes, type InvokeMethod } from '../shared/ipc-contract.js';
import type { CourierService, RequestGate } from '../service/index.js';
import { TOKEN_HEADER, sameToken } from './access.js';
import { refuse, sendJson } from './responses.js';

const INVOKE_PATH = /^\/api\/invoke\/([A-Za-z]{1,64})$/;

export const isInvokePath = (pathname: string): boolean => pathname.startsWith('/api/invoke/');

/** Reads at most `limit` bytes; undefined when the body is larger. */
function readCapped(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        return resolve(undefined);
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

const tooLarge = (res: ServerResponse, cap: number) => {
  // The rest of the body is never read: close the connection instead of draining it.
  res.setHeader('connection', 'close');
  refuse(res, 413, 'CLIENT.invalidRequest', `A request may be at most ${cap} bytes.`);
};

export async function handleInvoke(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  deps: { service: CourierService; gate: RequestGate; token: string },
): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    return refuse(res, 405, 'CLIENT.invalidRequest', 'Use POST.');
  }
  if (!sameToken(req.headers[TOKEN_HEADER] as string | undefined, deps.token))
    return refuse(res, 403, 'CLIENT.auth', 'This request is missing the session token.');
  const method = INVOKE_PATH.exec(pathname)?.[1];
  if (!method || !(INVOKE_METHODS as readonly string[]).includes(method))
    return refuse(res, 404, 'CLIENT.invalidRequest', 'Unknown action.');
  const cap = maxRequestBytes(method as InvokeMethod);
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > cap) return tooLarge(res, cap);
  const body = await readCapped(req, cap);
  if (body === undefined) return tooLarge(res, cap);
  let payload: unknown = undefined;
  if (body.length > 0) {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json')
      return refuse(res, 415, 'CLIENT.invalidRequest', 'The request body must be JSON.');
    try {
      payload = JSON.parse(body.toString('utf8'), (key, value: unknown) =>
        key === '__proto__' ? undefined : value,
      );
    } catch {
      return refuse(res, 400, 'CLIENT.invalidRequest', 'The request body is not valid JSON.');
    }
  }
  const admitted = deps.gate.admit(method, payload, body.length);
  // A refusal that may pass on retry is the rate cap; everything else is a bad request.
  if (!admitted.ok) return sendJson(res, admitted.error.retryable ? 429 : 400, admitted);
  const result = await deps.service.invoke(admitted.value.method, admitted.value.request as never);
  sendJson(res, 200, result);
}
