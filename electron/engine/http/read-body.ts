// Reads small API bodies with a byte cap, a deadline and strict checks (M4, T5, T9); artifacts are
// streamed by the downloader instead.
import { Buffer } from 'node:buffer';
import { appError } from '../../shared/app-error.js';
import type { AppError } from '../../shared/app-error.js';
import { fail, ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { realClock } from '../clock.js';
import type { Clock } from '../clock.js';
import { quoted } from '../display-text.js';
import type { HttpResponse } from './transport.js';
import { WEB_PAGE, badResponse as bad, parseJsonText } from './json-text.js';
import { errorCode } from './transport-errors.js';

/** The largest API document read (M4): a status is a few KB; TUF caps its timestamp at 16 KiB. */
export const JSON_CAP_BYTES = 1024 * 1024;
/** A body that stops mid-way must not hold a poll forever (T5, §0.7). */
export const BODY_TIMEOUT_MS = 30_000;

export interface ReadOptions {
  readonly capBytes?: number;
  readonly timeoutMs?: number;
  readonly clock?: Clock;
  /** Require a JSON Content-Type (readJson always does). */
  readonly json?: boolean;
}

function header(response: HttpResponse, name: string): string {
  const value = response.headers[name];
  return (Array.isArray(value) ? value.join(', ') : (value ?? '')).trim();
}

/** Content-Type and Content-Encoding checks that need no body byte. */
function checkHeaders(response: HttpResponse, options: ReadOptions, cap: number): AppError | undefined {
  const encoding = header(response, 'content-encoding').toLowerCase();
  if (encoding !== '' && encoding !== 'identity') {
    // We always ask for identity; an encoded body would have to be inflated blind (T9).
    return bad(`the body is encoded as ${quoted(encoding)} although none was asked for.`, false);
  }
  if (options.json) {
    const type = header(response, 'content-type').split(';')[0]!.trim().toLowerCase();
    if (type === 'text/html' || type === 'application/xhtml+xml') return bad(WEB_PAGE, true);
    if (type !== 'application/json' && !type.endsWith('+json')) {
      return bad(
        `expected JSON but the server sent ${type === '' ? 'no content type' : quoted(type)}.`,
        false,
      );
    }
  }
  const declared = Number(header(response, 'content-length'));
  if (header(response, 'content-length') !== '' && declared > cap) {
    return bad(`the body (${declared} bytes) is larger than the ${cap}-byte limit.`, false, {
      capBytes: cap,
    });
  }
  return undefined;
}

/** The whole body as UTF-8 text, or an error; the stream is always consumed or destroyed. */
export function readText(response: HttpResponse, options: ReadOptions = {}): Promise<Result<string>> {
  const cap = options.capBytes ?? JSON_CAP_BYTES;
  const problem = checkHeaders(response, options, cap);
  if (problem) {
    response.body.destroy();
    return Promise.resolve(fail(problem));
  }
  const clock = options.clock ?? realClock;
  const body = response.body;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const finish = (result: Result<string>, destroy: boolean) => {
      if (settled) return;
      settled = true;
      cancelTimer();
      if (destroy) body.destroy();
      resolve(result);
    };
    const cancelTimer = clock.setTimer(options.timeoutMs ?? BODY_TIMEOUT_MS, () =>
      finish(
        fail(
          appError({
            code: 'CLIENT.timeout',
            message: 'The response body did not arrive in time.',
            retryable: true,
            detail: { phase: 'body' },
          }),
        ),
        true,
      ),
    );
    body.on('data', (chunk: Buffer) => {
      total += chunk.length;
      // Stop at the cap without buffering the rest: a 200 MB "status" costs 1 MiB (M4).
      if (total > cap)
        return finish(
          fail(bad(`the body is larger than the ${cap}-byte limit.`, false, { capBytes: cap })),
          true,
        );
      chunks.push(chunk);
    });
    body.on('end', () => {
      try {
        const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(Buffer.concat(chunks));
        finish(ok(text), false);
      } catch {
        finish(fail(bad('the body is not valid UTF-8 text.', false)), false);
      }
    });
    body.on('error', (error: unknown) => {
      if ((error as { name?: unknown } | null)?.name === 'AbortError') {
        return finish(
          fail(
            appError({ code: 'CLIENT.cancelled', message: 'The request was cancelled.', retryable: false }),
          ),
          true,
        );
      }
      const socket = errorCode(error) ?? 'UNKNOWN';
      const broken = appError({
        code: 'CLIENT.network',
        message: 'The connection broke before the whole response arrived.',
        retryable: true,
        detail: { socket },
      });
      finish(fail(broken), true);
    });
    body.on('close', () =>
      finish(
        fail(
          appError({
            code: 'CLIENT.network',
            message: 'The connection closed before the whole response arrived.',
            retryable: true,
          }),
        ),
        false,
      ),
    );
  });
}

/** A JSON document: JSON Content-Type, capped, no BOM, no HTML, no `__proto__` keys. */
export async function readJson(response: HttpResponse, options: ReadOptions = {}): Promise<Result<unknown>> {
  const read = await readText(response, { ...options, json: true });
  if (!read.ok) return read;
  return parseJsonText(read.value);
}

/**
 * Discards a body so its keep-alive socket can serve the next request; a body longer than
 * `maxBytes` is cut off instead (the socket is closed). Never fails.
 */
export function drain(response: HttpResponse, maxBytes = 64 * 1024): Promise<void> {
  const body = response.body;
  return new Promise((resolve) => {
    let total = 0;
    body.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) body.destroy();
    });
    body.on('error', () => resolve());
    body.on('end', () => resolve());
    body.on('close', () => resolve());
    body.resume();
  });
}
