// Writes and reads the package's own files: manifest.json, SHA256SUMS and report.html, each replaced
// atomically, manifest last. The report stays pure.
import { join } from 'node:path';
import { appError } from '../../shared/app-error.js';
import { MANIFEST_FILE, REPORT_FILE, SUMS_FILE } from '../../shared/manifest.js';
import type { Manifest } from '../../shared/manifest.js';
import { listedFiles } from '../../shared/package-verdict.js';
import { fail, ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { quoted } from '../display-text.js';
import { nodeFs } from './fs-adapter.js';
import type { StagingFs } from './fs-adapter.js';
import { writeFileAtomic } from './file-io.js';
import { readSmallFile } from './disk-reader.js';
import { ManifestSchema, isPlainFileName } from './manifest-schema.js';
import { renderReport } from './report-html.js';

const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

interface PackagePlace {
  /** The job folder. */
  readonly path: string;
  /** Temp files go here (same file system), so a crash never leaves a stray file in the package. */
  readonly controlDir: string;
  readonly fs: StagingFs;
}

function writePackageFile(folder: PackagePlace, name: string, data: string): Promise<Result<void>> {
  // 0644: the package travels and is read by other accounts (installers, the next technician).
  return writeFileAtomic(folder.fs, {
    path: join(folder.path, name),
    data,
    mode: 0o644,
    tempDir: folder.controlDir,
    what: name,
  });
}

export function writeManifest(folder: PackagePlace, manifest: Manifest): Promise<Result<void>> {
  return writePackageFile(folder, MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * SHA256SUMS in coreutils format, `<hex>  <name>\n` (two spaces = binary-safe text mode), so
 * `sha256sum -c SHA256SUMS` and `shasum -a 256 -c SHA256SUMS` check the package without Courier.
 */
export function renderSums(manifest: Manifest): Result<string> {
  const lines: string[] = [];
  for (const { file, sha256 } of listedFiles(manifest.artifacts)) {
    // A newline or backslash would need coreutils' escaped form; such names are never staged anyway.
    if (!isPlainFileName(file) || sha256 === null || !/^[0-9a-f]{64}$/.test(sha256)) {
      return fail(
        appError({
          code: 'CLIENT.internal',
          message: `SHA256SUMS cannot list ${quoted(file)}: not a plain file name with a SHA-256.`,
          retryable: false,
        }),
      );
    }
    lines.push(`${sha256}  ${file}\n`);
  }
  return ok(lines.join(''));
}

export async function writeSums(folder: PackagePlace, manifest: Manifest): Promise<Result<void>> {
  const sums = renderSums(manifest);
  if (!sums.ok) return sums;
  return writePackageFile(folder, SUMS_FILE, sums.value);
}

export function writeReport(folder: PackagePlace, manifest: Manifest): Promise<Result<void>> {
  return writePackageFile(folder, REPORT_FILE, renderReport(manifest));
}

/** SHA256SUMS, report.html, then manifest.json last: a manifest on disk implies the rest is there (C2). */
export async function writePackageFiles(folder: PackagePlace, manifest: Manifest): Promise<Result<void>> {
  for (const write of [writeSums, writeReport, writeManifest]) {
    const written = await write(folder, manifest);
    if (!written.ok) return written;
  }
  return ok(undefined);
}

/**
 * Reads and validates `<dir>/manifest.json`. Error codes: a folder without one is CLIENT.notAPackage
 * (the user pointed at something that is not a Courier package); a manifest that is there but damaged
 * or of another format is CLIENT.fileSystem (the package itself is broken: re-copy it).
 */
export async function readManifest(dir: string, fs: StagingFs = nodeFs): Promise<Result<Manifest>> {
  const path = join(dir, MANIFEST_FILE);
  const read = await readSmallFile(fs, path, MAX_MANIFEST_BYTES, MANIFEST_FILE);
  if (!read.ok) return read;
  if (read.value === undefined) {
    return fail(
      appError({
        code: 'CLIENT.notAPackage',
        message: `${quoted(dir)} is not a Courier package: it has no ${MANIFEST_FILE}. Choose the package folder itself.`,
        retryable: false,
        detail: { path },
      }),
    );
  }
  const damaged = (why: string): Result<never> =>
    fail(
      appError({
        code: 'CLIENT.fileSystem',
        message: `The package's ${MANIFEST_FILE} (${quoted(path)}) is damaged or not a Courier manifest: ${why}. Copy the package again from its source.`,
        retryable: false,
        detail: { path, reason: why },
      }),
    );
  let raw: unknown;
  try {
    raw = JSON.parse(read.value.toString('utf8'), (key, value: unknown) =>
      key === '__proto__' ? undefined : value,
    );
  } catch {
    return damaged('it is not valid JSON');
  }
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return damaged(
      `field ${issue?.path.map(String).join('.') || '(document)'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return ok(parsed.data as Manifest);
}
