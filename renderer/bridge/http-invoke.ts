// Browser mode's invoke transport: POST /api/invoke/<method> with a JSON body and the session token
// header, answered by a Result. Owns turning transport failures into AppErrors; never touches DOM.
import { appError, type AppError } from '../../electron/shared/app-error.js';
import type { InvokeMethod } from '../../electron/shared/ipc-contract.js';
import type { Result } from '../../electron/shared/result.js';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface InvokeTransport {
  readonly fetch: FetchLike;
  /** Origin-relative prefix the web-host serves the API under ('' = same origin root). */
  readonly baseUrl: string;
  readonly token: () => string | null;
}

const failure = (error: AppError): Result<never> => ({ ok: false, error });

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const record = value as Record<string, unknown>;
  // A void response arrives as {"ok":true}: JSON drops an undefined value.
  if (record.ok === true) return true;
  if (record.ok !== false || typeof record.error !== 'object' || record.error === null) return false;
  const error = record.error as Record<string, unknown>;
  return typeof error.code === 'string' && typeof error.message === 'string';
}

export async function invokeOverHttp(
  transport: InvokeTransport,
  method: InvokeMethod,
  request: unknown,
): Promise<Result<unknown>> {
  const token = transport.token();
  if (!token) {
    return failure(
      appError({
        code: 'CLIENT.auth',
        message:
          'This page was opened without its access token. Open Courier from the link the host printed.',
        retryable: false,
      }),
    );
  }
  const headers: Record<string, string> = { 'x-courier-token': token };
  const init: RequestInit = { method: 'POST', headers, cache: 'no-store', credentials: 'same-origin' };
  // Methods without a request send no body at all: the host validates `undefined` for them.
  if (request !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(request);
  }
  let response: Response;
  try {
    response = await transport.fetch(`${transport.baseUrl}/api/invoke/${method}`, init);
  } catch {
    return failure(
      appError({
        code: 'CLIENT.network',
        message: 'The Courier service for this page cannot be reached. Is it still running?',
        retryable: true,
      }),
    );
  }
  let body: unknown;
  try {
    const text = await response.text();
    body = text.length > 0 ? JSON.parse(text) : response.ok ? { ok: true } : undefined;
  } catch {
    // Not JSON (a proxy's HTML page, a cut body): handled below like any unusable answer.
  }
  // A refused token still answers with a Result when the host sends one; otherwise say so plainly.
  if (isResult(body)) return body.ok ? { ok: true, value: body.value } : body;
  if (response.status === 401 || response.status === 403) {
    return failure(
      appError({
        code: 'CLIENT.auth',
        message: 'The Courier service refused this page (its access token is no longer valid).',
        retryable: false,
        httpStatus: response.status,
      }),
    );
  }
  return failure(
    appError({
      code: 'CLIENT.badResponse',
      message: `The Courier service answered ${method} with HTTP ${response.status} and no usable result.`,
      retryable: response.status >= 500,
      httpStatus: response.status,
    }),
  );
}
