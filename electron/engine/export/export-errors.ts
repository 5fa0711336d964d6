// The AppErrors an export creates itself, each naming the file or folder and saying what to do.
// No I/O.
import { appError } from '../../shared/app-error.js';
import type { AppError } from '../../shared/app-error.js';
import { fail } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { PACKAGE_STATE_TEXT, type PackageState } from '../../shared/package-verdict.js';
import { quoted } from '../display-text.js';
import { fsError, type FsErrorContext } from '../staging/fs-errors.js';

const MiB = 1024 * 1024;

export function formatMiB(bytes: number): string {
  return `${(bytes / MiB).toFixed(1)} MiB (${bytes} bytes)`;
}

export function invalid(message: string, path?: string): Result<never> {
  return fail(
    appError({
      code: 'CLIENT.invalidRequest',
      message,
      retryable: false,
      ...(path !== undefined ? { detail: { path } } : {}),
    }),
  );
}

export function notAPackage(message: string, path: string): Result<never> {
  return fail(appError({ code: 'CLIENT.notAPackage', message, retryable: false, detail: { path } }));
}

export function targetRemoved(path: string, why: string, itemKey?: string): AppError {
  return appError({
    code: 'CLIENT.targetRemoved',
    message: `The destination disappeared: ${quoted(path)} ${why}. Was the drive removed? Reconnect it and run the export again; files already copied are reused, and nothing was written anywhere else.`,
    retryable: false,
    ...(itemKey !== undefined ? { itemKey } : {}),
    detail: { path },
  });
}

/**
 * fsError with export wording: the staging text speaks of "the partial download", which an export
 * does not have. A full drive mid-copy says how to go on.
 */
export function exportFsError(error: unknown, context: FsErrorContext): AppError {
  const mapped = fsError(error, context);
  if (mapped.code !== 'CLIENT.diskFull') return mapped;
  return appError({
    ...mapped,
    message: `The drive filled up while ${context.action} ${quoted(context.path)}. Free space on it or use a larger drive, then run the export again; files already copied are reused.`,
  });
}

export function fatLimit(file: string, itemKey: string, size: number, type: string): AppError {
  return appError({
    code: 'CLIENT.fileSystem',
    message: `${quoted(file)} is ${formatMiB(size)}, and this drive's file system (${type}, FAT32-style) cannot hold a file of 4 GiB or more. Nothing was written. Reformat the drive as exFAT or NTFS (this erases it) or use another drive, then export again.`,
    retryable: false,
    itemKey,
    detail: { file, size, fileSystem: type, reason: 'fatFileSizeLimit', maxFileSize: 4 * 1024 ** 3 - 1 },
  });
}

export function notEnoughSpace(root: string, needed: number, available: number): AppError {
  return appError({
    code: 'CLIENT.diskFull',
    message: `Not enough free space on the destination ${quoted(root)}: ${formatMiB(needed)} needed (the files still to copy plus a 5 % and 16 MiB margin), ${formatMiB(available)} available. Nothing was written. Free some space or use a larger drive.`,
    retryable: false,
    detail: { path: root, bytesNeeded: needed, bytesAvailable: available },
  });
}

/** A package the verdict does not call verified: copied only when the user accepts it (per export). */
export function notVerified(source: string, catalogId: string, state: PackageState): AppError {
  const { label, meaning } = PACKAGE_STATE_TEXT[state];
  return appError({
    code: 'CLIENT.unverified',
    message: `${catalogId} is not verified (${label}): ${meaning} Nothing was copied. To copy it anyway, labelled ${label} on the drive, accept it explicitly (courier export --accept-unverified).`,
    retryable: false,
    detail: { path: source, packageState: state },
  });
}

export function sourceDamaged(source: string, files: readonly string[], itemKey?: string): AppError {
  const shown = files.slice(0, 3).map(quoted).join(', ');
  const more = files.length > 3 ? ` and ${files.length - 3} more` : '';
  return appError({
    code: 'CLIENT.hashMismatch',
    message: `The staged package ${quoted(source)} is damaged: ${shown}${more} ${files.length === 1 ? 'no longer matches' : 'no longer match'} the package's manifest (run "courier verify" on it for details). Nothing was exported: stage the delivery again, then export.`,
    retryable: false,
    ...(itemKey !== undefined ? { itemKey } : {}),
    detail: { path: source, files: JSON.stringify(files) },
  });
}

export function sourceChanged(path: string, itemKey: string, expected: string, actual: string): AppError {
  return appError({
    code: 'CLIENT.hashMismatch',
    message: `${quoted(path)} changed while it was being exported: its bytes no longer match the manifest. The copy was discarded. Check the staged package with "courier verify", then export again.`,
    retryable: false,
    itemKey,
    detail: { path, expectedSha256: expected, actualSha256: actual },
  });
}

export function readBackMismatch(
  folder: string,
  bad: readonly { file: string; itemKey: string; expected: string; actual: string | null }[],
): AppError {
  const first = bad[0]!;
  const more = bad.length > 1 ? ` (and ${bad.length - 1} more file${bad.length > 2 ? 's' : ''})` : '';
  return appError({
    code: 'CLIENT.hashMismatch',
    message: `${quoted(first.file)}${more} read back from the drive differently from what was written: the drive may be failing. The bad copy was deleted; files that read back correctly were kept in ${quoted(folder)}. Run the export again to copy only what is missing, or use another drive if it repeats.`,
    retryable: true,
    itemKey: first.itemKey,
    detail: {
      path: folder,
      file: first.file,
      expectedSha256: first.expected,
      actualSha256: first.actual,
      files: JSON.stringify(bad.map((b) => b.file)),
    },
  });
}

export function cancelled(folder: string): AppError {
  return appError({
    code: 'CLIENT.cancelled',
    message: `The export to ${quoted(folder)} was stopped. Run it again to continue; files already copied are reused.`,
    retryable: true,
    detail: { path: folder },
  });
}

/** Stopped while the package itself was being checked, before anything went to the drive. */
export function cancelledBeforeCopy(packageDir: string): AppError {
  return appError({
    code: 'CLIENT.cancelled',
    message: `The export of ${quoted(packageDir)} was stopped while the package was being checked; nothing was copied.`,
    retryable: true,
    detail: { path: packageDir },
  });
}
