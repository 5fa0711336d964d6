// Result<T>: how every layer returns success or failure. Errors are values that cross IPC and JSON.
// Pure TS.
import type { AppError } from './app-error.js';

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(error: AppError): Result<T> {
  return { ok: false, error };
}
