// Writes the package's own files on the target (SHA256SUMS, report.html, the self-check files, then
// manifest.json last) and reads them back. Never copies .courier/.
import { join } from 'node:path';
import { MANIFEST_FILE, REPORT_FILE, SUMS_FILE } from '../../shared/manifest.js';
import { fail, ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { quoted } from '../display-text.js';
import type { SigningKey } from '../integrity/public-key.js';
import { selfCheckFiles } from '../self-check/kit.js';
import { writeFileAtomic } from '../staging/file-io.js';
import { readSmallFile } from '../staging/disk-reader.js';
import { readManifest, renderSums } from '../staging/manifest-io.js';
import { renderReport } from '../staging/report-html.js';
import { fileSystemError } from '../staging/fs-errors.js';
import type { SourcePackage } from './source.js';
import type { ExportTarget } from './target.js';

interface PackageFile {
  readonly name: string;
  readonly data: Buffer;
  readonly mode: number;
}

/**
 * What will be written, so pre-flight can count it in the space needed. `publicKey` is the one
 * given for this export: it goes on the drive as cosign.pub only if the manifest records it.
 */
export function packageFiles(
  source: SourcePackage,
  publicKey: SigningKey | undefined,
): Result<PackageFile[]> {
  const sums = renderSums(source.manifest);
  if (!sums.ok) return sums;
  // SHA256SUMS, report.html and the self-check files are rendered from the manifest just verified,
  // so they cannot disagree with it; manifest.json itself is copied byte for byte.
  return ok([
    { name: SUMS_FILE, data: Buffer.from(sums.value, 'utf8'), mode: 0o644 },
    { name: REPORT_FILE, data: Buffer.from(renderReport(source.manifest), 'utf8'), mode: 0o644 },
    ...selfCheckFiles(source.manifest, publicKey),
    { name: MANIFEST_FILE, data: source.manifestBytes, mode: 0o644 },
  ]);
}

const unreadable = (path: string): Result<never> =>
  fail(
    fileSystemError(
      `${quoted(path)} read back from the drive differently from what was written: the drive may be failing. Run the export again, or use another drive if it repeats.`,
      path,
    ),
  );

/**
 * Writes each file atomically (temp in the work folder, fsync, rename, fsync), manifest.json last: a
 * manifest on the target means every file it lists was read back correctly (C2). Then reads each
 * back, and parses the manifest on the drive to confirm it lists exactly the files just verified.
 */
export async function writePackageFiles(
  target: ExportTarget,
  source: SourcePackage,
  publicKey: SigningKey | undefined,
): Promise<Result<void>> {
  const files = packageFiles(source, publicKey);
  if (!files.ok) return files;
  for (const { name, data, mode } of files.value) {
    const root = await target.checkRoot();
    if (!root.ok) return root;
    const written = await writeFileAtomic(target.fs, {
      path: join(target.path, name),
      data,
      mode,
      tempDir: target.partsDir,
      what: name,
    });
    if (!written.ok) return written;
    const back = await readSmallFile(target.fs, join(target.path, name), data.length, name);
    if (!back.ok) return back;
    if (back.value === undefined || !back.value.equals(data)) return unreadable(join(target.path, name));
  }
  const onDrive = await readManifest(target.path, target.fs);
  if (!onDrive.ok) return onDrive;
  const key = (a: { file: string | null; size: number | null; sha256: string | null }) =>
    a.file === null ? [] : [`${a.file}\0${a.size}\0${a.sha256}`];
  const expected = source.files.map((f) => `${f.file}\0${f.size}\0${f.sha256}`).join('\n');
  if (onDrive.value.artifacts.flatMap(key).join('\n') !== expected)
    return unreadable(join(target.path, MANIFEST_FILE));
  return ok(undefined);
}
