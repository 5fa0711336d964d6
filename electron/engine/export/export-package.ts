// exportPackage: copies a verified staged package to a drive (pre-flight, copy, read-back, commit,
// package files) and reports it verified only when every file read back correctly. A package that is
// not verified (failed, unverified, empty ...) is copied only when the caller accepted that; one with
// changed or missing files never is. The one public entry of export/.
import { isAbsolute, relative, resolve } from 'node:path';
import { fail, ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { realClock } from '../clock.js';
import { quoted } from '../display-text.js';
import { parsePublicKey } from '../integrity/public-key.js';
import { keyOnDrive } from '../self-check/kit.js';
import { planSelfCheck } from '../self-check/plan.js';
import { commitPart, setExecutable } from '../staging/commit.js';
import { nodeFs } from '../staging/fs-adapter.js';
import { fsyncDir } from '../staging/file-io.js';
import { MANIFEST_FILE } from '../../shared/manifest.js';
import { recordedState } from '../../shared/package-verdict.js';
import { cancelled, fatLimit, invalid, notVerified, readBackMismatch } from './export-errors.js';
import { FAT_MAX_FILE_BYTES, identifyFileSystem, isFat } from './fs-type.js';
import { packageFiles, writePackageFiles } from './package-files.js';
import { bytesPresent, planFiles, type PlannedFile } from './export-plan.js';
import { createProgressTracker, type ProgressTracker } from './progress.js';
import { readSource, verifySource, type SourcePackage } from './source.js';
import {
  checkSpace,
  inspectRoot,
  lstatOrNone,
  openTarget,
  probeWritable,
  type ExportTarget,
} from './target.js';
import { copyToPart, hashTargetFile, partPathOf } from './transfer.js';
import type { ExportOptions, ExportResult } from './export-types.js';

const inside = (parent: string, child: string): boolean => {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

export async function exportPackage(options: ExportOptions): Promise<Result<ExportResult>> {
  const fs = options.fs ?? nodeFs;
  const clock = options.clock ?? realClock;
  const { signal } = options;
  const progress = createProgressTracker(clock, options.onProgress);
  if (!isAbsolute(options.source))
    return invalid(`The package folder ${quoted(options.source)} is not an absolute path.`);
  const sourceDir = resolve(options.source);
  const root = resolve(options.targetRoot);
  const key = options.publicKeyPem === undefined ? ok(undefined) : parsePublicKey(options.publicKeyPem);
  if (!key.ok) return key;

  // Pre-flight, cheapest first; nothing is written until every check has passed.
  const source = await readSource(fs, sourceDir);
  if (!source.ok) return source;
  const packageState = recordedState(source.value.manifest.artifacts);
  if (packageState !== 'verified' && !options.acceptUnverified)
    return fail(notVerified(sourceDir, source.value.manifest.catalogId, packageState));
  const rootStats = await inspectRoot(fs, options.targetRoot);
  if (!rootStats.ok) return rootStats;
  const folder = resolve(root, source.value.name);
  const existing = await lstatOrNone(fs, folder).catch(() => undefined);
  const sourceStats = await fs.stat(sourceDir).catch(() => undefined);
  const sameAsSource =
    existing && sourceStats && existing.dev === sourceStats.dev && existing.ino === sourceStats.ino;
  if (sameAsSource || inside(sourceDir, folder) || inside(folder, sourceDir))
    return invalid(
      `The destination ${quoted(root)} would put the package inside itself. Choose a folder on the drive.`,
      root,
    );

  const fileSystem = await (options.identifyFileSystem ?? identifyFileSystem)(root);
  const tooBig = isFat(fileSystem) ? source.value.files.find((f) => f.size > FAT_MAX_FILE_BYTES) : undefined;
  if (tooBig) return fail(fatLimit(tooBig.file, tooBig.itemKey, tooBig.size, fileSystem.type));

  const own = packageFiles(source.value, key.value);
  if (!own.ok) return own;
  const total = source.value.files.reduce((sum, f) => sum + f.size, 0);
  const present = await bytesPresent(fs, folder, source.value.files);
  const ownBytes = own.value.reduce((sum, f) => sum + f.data.length, 0);
  const space = await checkSpace(fs, root, total - present + ownBytes);
  if (!space.ok) return space;
  const verified = await verifySource(fs, source.value, progress, signal);
  if (!verified.ok) return verified;
  const writable = await probeWritable(fs, root);
  if (!writable.ok) return writable;

  const target = await openTarget(fs, clock, root, rootStats.value, source.value.name);
  if (!target.ok) return target;
  const plan = await planFiles(target.value, source.value.files, progress, signal);
  if (!plan.ok) return plan;
  const copied = await copyAndCommit(target.value, source.value, plan.value, progress, signal);
  if (!copied.ok) return copied;
  const written = await writePackageFiles(target.value, source.value, key.value);
  if (!written.ok) return written;
  const finished = await finish(target.value);
  if (!finished.ok) return finished;

  const bytesCopied = plan.value.filter((f) => f.action !== 'reuse').reduce((sum, f) => sum + f.size, 0);
  return ok({
    catalogId: source.value.manifest.catalogId,
    source: sourceDir,
    folder: target.value.path,
    files: plan.value.map((f) => ({
      file: f.file,
      itemKey: f.itemKey,
      size: f.size,
      sha256: f.sha256,
      how: f.action === 'reuse' ? 'reused' : 'copied',
    })),
    bytesTotal: total,
    bytesCopied,
    bytesReused: total - bytesCopied,
    verified: true,
    packageState,
    readBackMayBeCached: bytesCopied > 0,
    fileSystem,
    copySpeed: progress.averageSpeed('copy'),
    readBackSpeed: progress.averageSpeed('readBack'),
    selfCheck: {
      signatures: planSelfCheck(source.value.manifest).signed.length,
      publicKey: keyOnDrive(source.value.manifest, key.value),
    },
  });
}

/**
 * Copies every file still missing to its `.part`, then (after all are written, so the page cache had
 * the most chance to drop them) reads each back; only a part that reads back right gets its final
 * name, through the staging commit: root check, fsync, rename with antivirus retry, fsync (F3, F5, F8, I3).
 */
async function copyAndCommit(
  target: ExportTarget,
  source: SourcePackage,
  plan: readonly PlannedFile[],
  progress: ProgressTracker,
  signal: AbortSignal | undefined,
): Promise<Result<void>> {
  const toCopy = plan.filter((f) => f.action === 'copy');
  const bytes = toCopy.reduce((sum, f) => sum + f.size, 0);
  // A manifest on the target means a complete export: take it away before anything there changes.
  if (plan.some((f) => f.action !== 'reuse')) {
    const root = await target.checkRoot();
    if (!root.ok) return root;
    await target.fs.rm(resolve(target.path, MANIFEST_FILE), { force: true }).catch(() => undefined);
  }
  progress.begin('copy', bytes, toCopy.length);
  for (const file of toCopy) {
    const copied = await copyToPart(target, source.dir, file, (n) => progress.add(n, file.file), signal);
    if (!copied.ok) return copied;
    progress.fileDone();
  }
  progress.flush();
  progress.begin('readBack', bytes, toCopy.length);
  const bad: { file: string; itemKey: string; expected: string; actual: string | null }[] = [];
  for (const file of plan) {
    if (file.action === 'reuse') continue;
    if (signal?.aborted) return fail(cancelled(target.path));
    const part = partPathOf(target, file.file);
    if (file.action === 'copy') {
      const digest = await hashTargetFile(target, part, (n) => progress.add(n, file.file), signal);
      if (!digest.ok) return digest;
      progress.fileDone();
      if (digest.value?.sha256 !== file.sha256 || digest.value.size !== file.size) {
        bad.push({
          file: file.file,
          itemKey: file.itemKey,
          expected: file.sha256,
          actual: digest.value?.sha256 ?? null,
        });
        await target.fs.rm(part, { force: true }).catch(() => undefined);
        continue;
      }
    }
    const committed = await commitPart({
      partPath: part,
      finalPath: resolve(target.path, file.file),
      folder: target,
      itemKey: file.itemKey,
      ...(signal ? { signal } : {}),
    });
    if (!committed.ok) return committed;
    // Best effort: FAT and exFAT have no execute bit, and the package is checked by hash, not mode.
    if (file.isExecutable) await setExecutable(resolve(target.path, file.file), target.fs);
  }
  progress.flush();
  return bad.length > 0 ? fail(readBackMismatch(target.path, bad)) : ok(undefined);
}

/** The work folder goes once empty of purpose; the package folder is flushed so its entries persist. */
async function finish(target: ExportTarget): Promise<Result<void>> {
  const root = await target.checkRoot();
  if (!root.ok) return root;
  await target.fs.rm(target.partsDir, { recursive: true, force: true }).catch(() => undefined);
  await fsyncDir(target.fs, target.path).catch(() => undefined);
  return ok(undefined);
}
