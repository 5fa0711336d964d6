// What an AppError means to a technician: its code, the table's title and remedy, and the detail
// the engine attached. The table itself is shared (electron/shared/error-meanings.ts). Pure.
import type { AppError } from '../../electron/shared/app-error.js';
import type { ErrorCode } from '../../electron/shared/error-codes.js';
import { ERROR_TEXT, type ErrorText } from '../../electron/shared/error-meanings.js';

export interface ExplainedError extends ErrorText {
  /** The code as received, even when it is not in the table. */
  readonly code: string;
  readonly message: string;
  readonly retryable: boolean;
  readonly detail: readonly { readonly key: string; readonly value: string }[];
}

/** Hash values are shown by the hash panel in full; other details are listed as they come. */
const SHOWN_ELSEWHERE = new Set(['expected', 'actual', 'expectedSha256', 'actualSha256']);

export function errorText(code: string): ErrorText {
  // A code from a newer server or engine falls back to APP.unknown, as the server itself does.
  return Object.hasOwn(ERROR_TEXT, code) ? ERROR_TEXT[code as ErrorCode] : ERROR_TEXT['APP.unknown'];
}

export function explainError(error: AppError): ExplainedError {
  const detail = Object.entries(error.detail ?? {})
    // The code itself is shown already; a detail repeating it (serverCode) would only add noise.
    .filter(([key, value]) => value !== null && value !== error.code && !SHOWN_ELSEWHERE.has(key))
    .map(([key, value]) => ({ key, value: String(value) }));
  return {
    ...errorText(error.code),
    code: error.code,
    message: error.message,
    retryable: error.retryable,
    detail,
  };
}
