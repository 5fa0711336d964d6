// Decides, per file, what an export still has to do on the target: reuse a final file that verifies,
// commit a complete `.part` that verifies, or copy. Resume lives here.
import type { Stats } from 'node:fs';
import { join } from 'node:path';
import { fail, ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import type { StagingFs } from '../staging/fs-adapter.js';
import { exportFsError } from './export-errors.js';
import type { ProgressTracker } from './progress.js';
import type { SourceFile } from './source.js';
import { lstatOrNone, PART_SUFFIX, WORK_DIR, type ExportTarget } from './target.js';
import { hashTargetFile, partPathOf } from './transfer.js';

/** reuse: final file verified now. commit: its `.part` verified now, only the rename is left. copy: all of it. */
export type FileAction = 'reuse' | 'commit' | 'copy';

export interface PlannedFile extends SourceFile {
  readonly action: FileAction;
}

const fits = (stats: Stats | undefined, file: SourceFile): boolean =>
  stats !== undefined && stats.isFile() && stats.size === file.size;

async function statOrNone(fs: StagingFs, path: string): Promise<Stats | undefined> {
  return lstatOrNone(fs, path).catch(() => undefined);
}

/**
 * Bytes already on the target under a final or `.part` name with the right size, counted before the
 * package folder is created: pre-flight needs them for the space check, and they are only a guess
 * until hashed, so a file that then fails is rewritten and may still meet a full drive (F1 mid-copy).
 */
export async function bytesPresent(
  fs: StagingFs,
  folder: string,
  files: readonly SourceFile[],
): Promise<number> {
  let bytes = 0;
  for (const file of files) {
    const final = await statOrNone(fs, join(folder, file.file));
    const part = fits(final, file)
      ? undefined
      : await statOrNone(fs, join(folder, WORK_DIR, `${file.file}${PART_SUFFIX}`));
    if (fits(final, file) || fits(part, file)) bytes += file.size;
  }
  return bytes;
}

/**
 * Hashes what a previous attempt left (phase checkTarget). A final-named file that fails is deleted
 * at once, so a final name on the target only ever holds bytes that verified (F7); a failing part too.
 */
export async function planFiles(
  target: ExportTarget,
  files: readonly SourceFile[],
  progress: ProgressTracker,
  signal: AbortSignal | undefined,
): Promise<Result<PlannedFile[]>> {
  const { fs } = target;
  const candidates = await Promise.all(
    files.map(async (file) => ({
      file,
      final: await statOrNone(fs, join(target.path, file.file)),
      part: await statOrNone(fs, partPathOf(target, file.file)),
    })),
  );
  const toHash = candidates.filter((c) => fits(c.final, c.file) || fits(c.part, c.file));
  progress.begin(
    'checkTarget',
    toHash.reduce((sum, c) => sum + c.file.size, 0),
    toHash.length,
  );
  const planned: PlannedFile[] = [];
  for (const { file, final, part } of candidates) {
    const finalPath = join(target.path, file.file);
    const tries: [Stats | undefined, string, FileAction][] = [
      [final, finalPath, 'reuse'],
      [part, partPathOf(target, file.file), 'commit'],
    ];
    let action: FileAction = 'copy';
    for (const [stats, path, onMatch] of tries) {
      if (stats === undefined) continue;
      if (fits(stats, file)) {
        const digest = await hashTargetFile(target, path, (n) => progress.add(n, file.file), signal);
        if (!digest.ok) return digest;
        if (digest.value?.sha256 === file.sha256 && digest.value.size === file.size) {
          action = onMatch;
          break;
        }
      }
      const removed = await remove(target, path, file.itemKey);
      if (!removed.ok) return removed;
    }
    if (action !== 'copy') progress.fileDone();
    planned.push({ ...file, action });
  }
  progress.flush();
  return ok(planned);
}

async function remove(target: ExportTarget, path: string, itemKey: string): Promise<Result<void>> {
  const root = await target.checkRoot();
  if (!root.ok) return root;
  try {
    // rm unlinks a planted link, never its target.
    await target.fs.rm(path, { force: true });
    return ok(undefined);
  } catch (error) {
    return fail(exportFsError(error, { action: 'removing the outdated copy', path, itemKey }));
  }
}
