// How the browser host answers: security headers on everything, Results as JSON, plain refusals.
import type { ServerResponse } from 'node:http';
import { appError } from '../shared/app-error.js';
import type { ErrorCode } from '../shared/error-codes.js';
import type { Result } from '../shared/result.js';

/** Headers every response carries; the URL holds the token, so never leak it as a referrer. */
export function secureHeaders(res: ServerResponse, csp: string): void {
  res.setHeader('content-security-policy', csp);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  res.setHeader('cross-origin-resource-policy', 'same-origin');
  res.setHeader('cache-control', 'no-store');
}

export function sendJson(res: ServerResponse, status: number, body: Result<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** A refusal the renderer's bridge can show: a Result with a plain message. */
export function refuse(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  sendJson(res, status, { ok: false, error: appError({ code, message, retryable: false }) });
}
