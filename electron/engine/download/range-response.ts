// Judges an artifact response's status line and headers before any body byte is written: status
// with Content-Range (T8), Content-Length against the declared size (M7), identity encoding and
// web pages (T9), redirects, expiry and retryable errors. Pure: no I/O, no clock.
import type { AppError } from '../../shared/app-error.js';
import { parseRetryAfter } from '../backoff.js';
import { downloadError } from './download-errors.js';
import {
  header,
  parseContentRange,
  parseLength,
  responseValidator,
  unsatisfiedTotal,
  validatorChanged,
} from './response-headers.js';
import type { HeaderMap } from './response-headers.js';
import type { ResumeValidator } from './download-types.js';

export interface RangeExpectation {
  readonly itemKey: string;
  /** Where the request asked to start (the Range offset); 0 when no Range was sent. */
  readonly offset: number;
  readonly expectedSize: number | undefined;
  readonly maxSize: number;
  /** The validator the partial belongs to, sent as If-Range. */
  readonly validator: ResumeValidator;
  /** For an HTTP-date Retry-After. */
  readonly nowMs: number;
}

export type ResponseDecision =
  /** Write the body from `start`; it must end exactly at `end` when `exact`, and never pass `end`. */
  | {
      readonly kind: 'body';
      readonly start: number;
      readonly end: number;
      readonly exact: boolean;
      /** The whole file's size when the response tells it; a body may end before it (a short range). */
      readonly fileSize: number | undefined;
      readonly validator: ResumeValidator;
    }
  /** 416 on a partial that already holds the whole file: verify it locally. */
  | { readonly kind: 'complete' }
  /** The partial cannot be continued: drop it and ask again without Range. */
  | { readonly kind: 'restart'; readonly reason: string }
  | { readonly kind: 'redirect'; readonly location: string | undefined; readonly status: number }
  /** 403 from the storage origin: the presigned URL expired (U5). */
  | { readonly kind: 'expired' }
  | { readonly kind: 'fail'; readonly error: AppError; readonly retryAfterMs?: number };

const REDIRECTS: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

export function decideResponse(status: number, headers: HeaderMap, x: RangeExpectation): ResponseDecision {
  const fail = (error: AppError, retryAfterMs?: number): ResponseDecision =>
    retryAfterMs === undefined ? { kind: 'fail', error } : { kind: 'fail', error, retryAfterMs };
  const bad = (text: string, retryable = false) =>
    fail(downloadError(x.itemKey, 'CLIENT.badResponse', text, retryable, { httpStatus: status }));
  const sizeMismatch = (text: string, detail: Record<string, number>) =>
    fail(downloadError(x.itemKey, 'CLIENT.sizeMismatch', text, false, { httpStatus: status, detail }));

  if (REDIRECTS.has(status)) return { kind: 'redirect', location: header(headers, 'location'), status };
  if (status === 403) return { kind: 'expired' };
  if (status === 416) return decideUnsatisfiable(headers, x, bad);
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfterMs =
      status === 429 || status === 503 ? parseRetryAfter(header(headers, 'retry-after'), x.nowMs) : undefined;
    const text = `the server answered HTTP ${status}${status === 429 ? ' (too many requests)' : ''}.`;
    return fail(
      downloadError(x.itemKey, 'CLIENT.serverError', text, true, { httpStatus: status }),
      retryAfterMs,
    );
  }
  if (status >= 400) {
    const text =
      status === 404 || status === 410 ? 'the file is not on the server' : 'the server refused the request';
    return fail(
      downloadError(x.itemKey, 'CLIENT.serverError', `${text} (HTTP ${status}).`, false, {
        httpStatus: status,
      }),
    );
  }
  if (status !== 200 && status !== 206) return bad(`unexpected HTTP status ${status} for a file download.`);

  // T9: the bytes must reach the disk exactly as the server stored them, so nothing is ever inflated.
  const encoding = header(headers, 'content-encoding')?.trim().toLowerCase();
  if (encoding !== undefined && encoding !== '' && encoding !== 'identity') {
    return bad(
      `the server sent the file compressed (Content-Encoding: ${encoding.slice(0, 40)}), which is refused.`,
    );
  }
  const mediaType = header(headers, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  if (mediaType === 'text/html')
    return bad('the server sent a web page (proxy or login page?) instead of the file.');

  const length = parseLength(header(headers, 'content-length'));
  if (length === 'invalid') return bad('the Content-Length header is not a number.');
  const validator = responseValidator(headers);

  if (status === 200) {
    // A full body, whether or not a Range was sent: it replaces the partial from byte 0 (T8).
    if (x.expectedSize !== undefined) {
      if (length !== 'absent' && length !== x.expectedSize) {
        return sizeMismatch(
          `the server announces ${length} bytes but the delivery declared ${x.expectedSize}.`,
          {
            expected: x.expectedSize,
            announced: length,
          },
        );
      }
      return {
        kind: 'body',
        start: 0,
        end: x.expectedSize,
        exact: true,
        fileSize: x.expectedSize,
        validator,
      };
    }
    if (length !== 'absent') {
      if (length > x.maxSize) {
        return sizeMismatch(`the server announces ${length} bytes, more than the ${x.maxSize}-byte limit.`, {
          limit: x.maxSize,
          announced: length,
        });
      }
      return { kind: 'body', start: 0, end: length, exact: true, fileSize: length, validator };
    }
    return { kind: 'body', start: 0, end: x.maxSize, exact: false, fileSize: undefined, validator };
  }

  // 206
  if (x.offset === 0) return bad('the server sent part of the file although the whole file was asked for.');
  const range = parseContentRange(header(headers, 'content-range'));
  if (!range) return { kind: 'restart', reason: 'the partial answer has no usable Content-Range' };
  if (range.start !== x.offset) {
    return { kind: 'restart', reason: `the partial answer starts at byte ${range.start}, not ${x.offset}` };
  }
  if (validatorChanged(x.validator, validator))
    return { kind: 'restart', reason: 'the file changed on the server' };
  const total = range.total;
  if (x.expectedSize !== undefined && total !== x.expectedSize) {
    return sizeMismatch(
      `the server's file is ${total ?? 'of unknown size'} bytes but the delivery declared ${x.expectedSize}.`,
      { expected: x.expectedSize, announced: total ?? -1 },
    );
  }
  if (total !== undefined && total > x.maxSize) {
    return sizeMismatch(`the server's file is ${total} bytes, more than the ${x.maxSize}-byte limit.`, {
      limit: x.maxSize,
      announced: total,
    });
  }
  const end = range.end + 1;
  if (length !== 'absent' && length !== end - range.start) {
    return sizeMismatch(`the partial answer announces ${length} bytes for a range of ${end - range.start}.`, {
      expected: end - range.start,
      announced: length,
    });
  }
  return {
    kind: 'body',
    start: range.start,
    end,
    exact: true,
    fileSize: total,
    validator: { ...x.validator, ...validator },
  };
}

function decideUnsatisfiable(
  headers: HeaderMap,
  x: RangeExpectation,
  bad: (text: string) => ResponseDecision,
): ResponseDecision {
  if (x.offset === 0) return bad('the server refused to send the file (HTTP 416).');
  const total = unsatisfiedTotal(header(headers, 'content-range'));
  // T8: "nothing left to send" is success only for a partial that already has the declared size;
  // the caller's hash check decides whether those bytes are the right ones.
  if (x.expectedSize !== undefined ? x.offset === x.expectedSize : total === x.offset)
    return { kind: 'complete' };
  return { kind: 'restart', reason: 'the server has no bytes past the partial (HTTP 416)' };
}
