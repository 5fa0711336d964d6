// The export's source side: reads a staged package (manifest, file list, names valid on every OS) and
// re-verifies it before anything is written.
import { basename, join } from 'node:path';
import { appError } from '../../shared/app-error.js';
import { MANIFEST_FILE } from '../../shared/manifest.js';
import type { Manifest } from '../../shared/manifest.js';
import { fail, ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { quoted } from '../display-text.js';
import { checkNameSet, unsafeNameReason } from '../safe-name.js';
import type { StagingFileHandle, StagingFs } from '../staging/fs-adapter.js';
import { readSmallFile } from '../staging/disk-reader.js';
import { jobFolderName } from '../staging/folder-name.js';
import { readManifest } from '../staging/manifest-io.js';
import { verifyFolder } from '../staging/verify-folder.js';
import { cancelledBeforeCopy, notAPackage, sourceDamaged } from './export-errors.js';
import type { ProgressTracker } from './progress.js';

export interface SourceFile {
  readonly file: string;
  readonly itemKey: string;
  readonly size: number;
  readonly sha256: string;
  readonly isExecutable: boolean;
}

export interface SourcePackage {
  readonly dir: string;
  /** The package folder's name, reused on the target. */
  readonly name: string;
  readonly manifest: Manifest;
  /** manifest.json exactly as staged, copied byte for byte. */
  readonly manifestBytes: Buffer;
  readonly files: readonly SourceFile[];
}

function unsafe(message: string, itemKey?: string): Result<never> {
  return fail(
    appError({ code: 'CLIENT.unsafeName', message, retryable: false, ...(itemKey ? { itemKey } : {}) }),
  );
}

/** Reads the manifest and checks every name before the target is touched. */
export async function readSource(fs: StagingFs, dir: string): Promise<Result<SourcePackage>> {
  const manifest = await readManifest(dir, fs);
  if (!manifest.ok) return manifest;
  const bytes = await readSmallFile(fs, join(dir, MANIFEST_FILE), 64 * 1024 * 1024, MANIFEST_FILE);
  if (!bytes.ok) return bytes;
  // Present a moment ago: it was removed in between, so this is not a package to export now.
  if (bytes.value === undefined)
    return notAPackage(`${quoted(dir)} is not a Courier package: it has no ${MANIFEST_FILE}.`, dir);
  const files: SourceFile[] = [];
  for (const a of manifest.value.artifacts) {
    if (a.file === null || a.size === null || a.sha256 === null) continue;
    // The package may have been staged elsewhere or edited: names must hold on Windows, macOS and Linux.
    const reason = unsafeNameReason(a.file);
    if (reason !== undefined) {
      return unsafe(
        `${quoted(a.file)} cannot be exported: the name is not valid on every file system (${reason}). Nothing was written.`,
        a.itemKey,
      );
    }
    files.push({
      file: a.file,
      itemKey: a.itemKey,
      size: a.size,
      sha256: a.sha256,
      isExecutable: a.isExecutable,
    });
  }
  const collisions = checkNameSet(files.map((f) => ({ itemKey: f.itemKey, name: f.file })));
  if (!collisions.ok) return collisions;
  const name = basename(dir);
  // Courier's own folder names are portable by construction (folder-name.ts); others must pass the
  // artifact rule. The `~<hash>` suffix of an upper-case catalogId fails that rule's 8.3-alias check.
  const reason = name === jobFolderName(manifest.value.catalogId) ? undefined : unsafeNameReason(name);
  if (reason !== undefined) {
    return unsafe(
      `The package folder name ${quoted(name)} is not valid on every file system (${reason}). Rename the folder to ${quoted(jobFolderName(manifest.value.catalogId))} and export again.`,
    );
  }
  return ok({ dir, name, manifest: manifest.value, manifestBytes: bytes.value, files });
}

/**
 * verifyFolder on the source, never exporting a damaged package. The fs is wrapped only to count the
 * bytes read (progress) and to stop between reads when the export is cancelled.
 */
export async function verifySource(
  fs: StagingFs,
  source: SourcePackage,
  progress: ProgressTracker,
  signal: AbortSignal | undefined,
): Promise<Result<void>> {
  const total = source.files.reduce((sum, f) => sum + f.size, 0);
  progress.begin('verifySource', total, source.files.length);
  const counting: StagingFs = {
    ...fs,
    open: async (path, flags, mode) => {
      const handle = await fs.open(path, flags, mode);
      const file = basename(path);
      const wrapped: StagingFileHandle = {
        read: async (buffer, offset, length, position) => {
          signal?.throwIfAborted();
          const read = await handle.read(buffer, offset, length, position);
          if (read.bytesRead === 0) progress.fileDone();
          else progress.add(read.bytesRead, file);
          return read;
        },
        write: (...args) => handle.write(...args),
        sync: () => handle.sync(),
        datasync: () => handle.datasync(),
        truncate: (length) => handle.truncate(length),
        stat: () => handle.stat(),
        close: () => handle.close(),
      };
      return wrapped;
    },
  };
  const checked = await verifyFolder(source.dir, { fs: counting });
  if (signal?.aborted) return fail(cancelledBeforeCopy(source.dir));
  if (!checked.ok) return checked;
  const bad = checked.value.files.filter((f) => f.status !== 'verified');
  if (bad.length > 0)
    return fail(
      sourceDamaged(
        source.dir,
        bad.map((f) => f.file),
        bad[0]?.itemKey,
      ),
    );
  progress.flush();
  return ok(undefined);
}
