// Maps a thrown file-system error to an AppError at the edge, with a message that names the file and
// says what to do. No I/O.
import { appError } from '../../shared/app-error.js';
import type { AppError } from '../../shared/app-error.js';
import { quoted } from '../display-text.js';

export interface FsErrorContext {
  /** What Courier was doing, as a phrase: "writing", "renaming", "opening the destination". */
  readonly action: string;
  readonly path: string;
  readonly itemKey?: string;
  /** The path is the staging root or the job folder: its disappearance means the drive is gone (F3). */
  readonly onRoot?: boolean;
}

/** The errno code of a Node error (`ENOSPC`, ...), or undefined for anything else. */
export function errnoOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const { code } = error as { code: unknown };
    if (typeof code === 'string') return code;
  }
  return undefined;
}

const REMOVED = new Set(['ENOENT', 'EIO', 'ENODEV', 'ENXIO', 'ESTALE']);

export function fsError(error: unknown, context: FsErrorContext): AppError {
  const errno = errnoOf(error) ?? 'UNKNOWN';
  const where = `${context.action} ${quoted(context.path)}`;
  const base = {
    ...(context.itemKey !== undefined ? { itemKey: context.itemKey } : {}),
    detail: { path: context.path, errno },
  };
  if (errno === 'ENOSPC' || errno === 'EDQUOT') {
    return appError({
      ...base,
      code: 'CLIENT.diskFull',
      message: `The disk is full (${where}). Free some space and resume; the partial download is kept.`,
      retryable: false,
    });
  }
  if (context.onRoot && REMOVED.has(errno)) {
    return appError({
      ...base,
      code: 'CLIENT.targetRemoved',
      message: `The destination disappeared (${where}): was the drive removed? Reconnect it and resume.`,
      retryable: false,
    });
  }
  const remedy: Record<string, string> = {
    EROFS: 'the drive is read-only. Choose another destination or remove its write protection.',
    EACCES: 'permission denied. Choose a folder you can write to, or fix its permissions.',
    EPERM: 'the operation is not permitted. Choose a folder you can write to, or fix its permissions.',
    EBUSY: 'the file is locked by another program. Close it (or wait for the antivirus scan) and retry.',
    EIO: 'the drive reported an I/O error. It may be failing or was removed; check it and retry.',
    ENAMETOOLONG: 'the path is too long for this file system. Choose a shorter destination folder.',
    EFBIG: 'the file is too large for this file system (FAT32?). Use a drive formatted as exFAT or NTFS.',
    ENOENT: 'it no longer exists (removed by another program?). Retry to download it again.',
    ELOOP: 'it is a symbolic link, which Courier refuses to write through. Remove the link and retry.',
  };
  return appError({
    ...base,
    code: 'CLIENT.fileSystem',
    message: `File system error while ${where}: ${remedy[errno] ?? `${errno}. Check the drive and retry.`}`,
    retryable: false,
  });
}

/** A plain CLIENT.fileSystem error for problems Courier detects itself (a symlink, a wrong file type). */
export function fileSystemError(message: string, path: string, itemKey?: string): AppError {
  return appError({
    code: 'CLIENT.fileSystem',
    message,
    retryable: false,
    ...(itemKey !== undefined ? { itemKey } : {}),
    detail: { path },
  });
}
