// AppError: a plain frozen object (never a class) so it survives IPC and JSON unchanged.
import type { ErrorCode } from './error-codes.js';

export interface AppError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly retryable: boolean;
  /** The artifact the error is about, when there is one. */
  readonly itemKey?: string;
  readonly httpStatus?: number;
  /** Machine-readable extras (expected/actual hash, bytes needed/available, ...). */
  readonly detail?: Readonly<Record<string, string | number | boolean | null>>;
}

export function appError(fields: AppError): AppError {
  const copy: AppError = {
    ...fields,
    ...(fields.detail ? { detail: Object.freeze({ ...fields.detail }) } : {}),
  };
  return Object.freeze(copy);
}
