// AppErrors of the download edge: every message names the item, so a technician reading a list of
// failures knows which file each is about (goal 13).
import { appError } from '../../shared/app-error.js';
import type { AppError } from '../../shared/app-error.js';
import type { ErrorCode } from '../../shared/error-codes.js';
import { quoted } from '../display-text.js';

type Detail = NonNullable<AppError['detail']>;

export function downloadError(
  itemKey: string,
  code: ErrorCode,
  text: string,
  retryable: boolean,
  extra: { readonly httpStatus?: number; readonly detail?: Detail } = {},
): AppError {
  return appError({
    code,
    message: `Downloading ${quoted(itemKey)} failed: ${text}`,
    retryable,
    itemKey,
    ...(extra.httpStatus !== undefined ? { httpStatus: extra.httpStatus } : {}),
    ...(extra.detail !== undefined ? { detail: extra.detail } : {}),
  });
}

/** An error from a lower edge (transport, file system) re-labelled with the item it hit. */
export function forItem(error: AppError, itemKey: string): AppError {
  if (error.itemKey === itemKey && error.message.includes(quoted(itemKey))) return error;
  return appError({ ...error, itemKey, message: `Downloading ${quoted(itemKey)} failed: ${error.message}` });
}

export function cancelled(itemKey: string, offset: number): AppError {
  return downloadError(
    itemKey,
    'CLIENT.cancelled',
    `it was stopped; ${offset} bytes are kept for resume.`,
    false,
    {
      detail: { offset },
    },
  );
}
