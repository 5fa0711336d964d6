// Turns a non-2xx API answer into an AppError (protocol §1.1, F2, F15, F16): server codes verbatim,
// CLIENT.* otherwise.
import { STATUS_CODES } from 'node:http';
import { appError } from '../../shared/app-error.js';
import type { AppError } from '../../shared/app-error.js';
import { toServerErrorCode } from '../../shared/error-codes.js';
import type { ErrorCode } from '../../shared/error-codes.js';
import { parseRetryAfter } from '../backoff.js';
import { drain, readJson } from '../http/read-body.js';
import type { HttpResponse } from '../http/transport.js';

/** Error bodies are a few hundred bytes; a bigger one is not worth reading. */
const ERROR_BODY_CAP = 64 * 1024;
const MAX_MESSAGE = 300;
// Server strings can carry ANSI escapes or bidi overrides that would corrupt a terminal or a log.
// eslint-disable-next-line no-control-regex
const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;

/** Server text for a message: control and bidi characters removed, length capped. */
export function cleanServerText(value: unknown): string | undefined {
  const text = Array.isArray(value) ? value.filter((v) => typeof v === 'string').join('; ') : value;
  if (typeof text !== 'string') return undefined;
  const clean = text.replace(UNSAFE_TEXT, ' ').trim();
  if (clean === '') return undefined;
  return clean.length > MAX_MESSAGE ? `${clean.slice(0, MAX_MESSAGE)}…` : clean;
}

function headerText(response: HttpResponse, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

interface ErrorBodyFields {
  readonly message?: string;
  readonly errorCode?: string;
  /** Keycloak's reason inside an AxiosError body (F2), the useful text at login. */
  readonly description?: string;
}

/** The fields we use from a gateway error body; anything unexpected is simply absent. */
export function errorBodyFields(value: unknown): ErrorBodyFields {
  if (typeof value !== 'object' || value === null) return {};
  const body = value as { message?: unknown; errorCode?: unknown; data?: unknown };
  const data =
    typeof body.data === 'object' && body.data !== null ? (body.data as { error_description?: unknown }) : {};
  const message = cleanServerText(body.message);
  const errorCode = typeof body.errorCode === 'string' ? body.errorCode.slice(0, 64) : undefined;
  const description = cleanServerText(data.error_description);
  return {
    ...(message !== undefined ? { message } : {}),
    ...(errorCode !== undefined ? { errorCode } : {}),
    ...(description !== undefined ? { description } : {}),
  };
}

/** Reads (or drains) the body of a non-2xx answer and builds its AppError. Never fails. */
export async function errorFromResponse(response: HttpResponse, nowMs: number): Promise<AppError> {
  const status = response.status;
  const reason = STATUS_CODES[status] ?? 'Unknown status';
  if (status >= 300 && status < 400) {
    await drain(response);
    // The API never redirects; a 30x is a proxy, a captive portal or a wrong base URL (U3).
    return appError({
      code: 'CLIENT.badResponse',
      message: `The server redirected the request (HTTP ${status}); a proxy, login page or wrong server address?`,
      retryable: false,
      httpStatus: status,
    });
  }
  const read = await readJson(response, { capBytes: ERROR_BODY_CAP });
  const fields = read.ok ? errorBodyFields(read.value) : {};
  const retryable = status >= 500 || status === 429;
  let code: ErrorCode;
  if (fields.errorCode !== undefined) code = toServerErrorCode(fields.errorCode);
  else if (retryable) code = 'CLIENT.serverError';
  else if (status === 401) code = 'CLIENT.auth';
  else code = 'CLIENT.badResponse';
  const retryAfterMs = retryable ? parseRetryAfter(headerText(response, 'retry-after'), nowMs) : undefined;
  const text = fields.description ?? fields.message;
  return appError({
    code,
    message: `The server answered ${status} (${reason})${text !== undefined ? `: ${text}` : '.'}`,
    retryable,
    httpStatus: status,
    ...(fields.errorCode !== undefined || retryAfterMs !== undefined
      ? {
          detail: {
            ...(fields.errorCode !== undefined ? { serverCode: fields.errorCode } : {}),
            ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
          },
        }
      : {}),
  });
}
