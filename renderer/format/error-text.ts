// What an AppError means to a technician: its code, the table's title and remedy in the UI's
// language, and the detail the engine attached. The English table is shared with the CLI
// (electron/shared/error-meanings.ts); i18n/shared-texts.ts picks the UI's language. Pure.
import type { AppError } from '../../electron/shared/app-error.js';
import { ERROR_TEXT, type ErrorText } from '../../electron/shared/error-meanings.js';
import { errorMeaning } from '../i18n/shared-texts.js';
import type { Translator } from '../i18n/translator.js';

export interface ExplainedError extends ErrorText {
  /** The code as received, even when it is not in the table. */
  readonly code: string;
  readonly message: string;
  readonly retryable: boolean;
  readonly detail: readonly { readonly key: string; readonly value: string }[];
}

/** Hash values are shown by the hash panel in full; other details are listed as they come. */
const SHOWN_ELSEWHERE = new Set(['expected', 'actual', 'expectedSha256', 'actualSha256']);

export function errorText(tr: Translator, code: string): ErrorText {
  // A code from a newer server or engine falls back to APP.unknown, as the server itself does.
  const known = Object.hasOwn(ERROR_TEXT, code);
  return errorMeaning(tr, known ? (code as keyof typeof ERROR_TEXT) : 'APP.unknown');
}

export function explainError(tr: Translator, error: AppError): ExplainedError {
  const detail = Object.entries(error.detail ?? {})
    // The code itself is shown already; a detail repeating it (serverCode) would only add noise.
    .filter(([key, value]) => value !== null && value !== error.code && !SHOWN_ELSEWHERE.has(key))
    .map(([key, value]) => ({ key, value: String(value) }));
  return {
    ...errorText(tr, error.code),
    code: error.code,
    message: error.message,
    retryable: error.retryable,
    detail,
  };
}
