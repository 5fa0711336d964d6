// Puts a file from another package at a path in this job's parts folder without downloading it: a
// hard link where the file system allows, else a copy; then hashes what was placed, so the caller
// judges the very bytes it will commit.
import type { KeyObject } from 'node:crypto';
import { constants } from 'node:fs';
import { digestFile, type FileDigest } from '../integrity/file-digest.js';
import type { StagingFs } from '../staging/fs-adapter.js';
import { childPath } from '../staging/job-folder.js';

/** Kept apart from `<name>.part`, so a partial download from an earlier run survives a failed reuse. */
export const REUSE_SUFFIX = '.reuse';

export type PlacedBy = 'link' | 'copy';

export interface Placed {
  readonly by: PlacedBy;
  readonly digest: FileDigest;
}

export interface PlaceInput {
  readonly fs: StagingFs;
  readonly source: string;
  readonly target: string;
  /**
   * A link shares the inode, and so its mode: the caller forbids it when the two packages want a
   * different executable bit, since setting ours would change theirs.
   */
  readonly allowLink: boolean;
  readonly signature?: { readonly key: KeyObject; readonly signatureBase64: string };
}

/** undefined unless `fileName` is a plain single component (own containment check, M1). */
export function reusePathFor(partsDir: string, fileName: string): string | undefined {
  if (childPath(partsDir, fileName) === undefined) return undefined;
  return childPath(partsDir, `${fileName}${REUSE_SUFFIX}`);
}

export async function discardPlaced(fs: StagingFs, target: string): Promise<void> {
  await fs.rm(target, { force: true }).catch(() => undefined);
}

/** undefined when nothing usable could be placed (the caller downloads instead); never throws. */
export async function placeCandidate(input: PlaceInput): Promise<Placed | undefined> {
  const { fs, source, target } = input;
  try {
    // copyFile would follow a symlink planted in the other package to any file on the machine.
    if (!(await fs.lstat(source)).isFile()) return undefined;
    await fs.rm(target, { force: true });
  } catch {
    return undefined;
  }
  let by: PlacedBy | undefined;
  if (input.allowLink) {
    try {
      await fs.link(source, target);
      by = 'link';
    } catch {
      // EXDEV (another drive), EPERM (FAT/exFAT have no hard links), ...: a copy still saves the download.
    }
  }
  if (by === undefined) {
    try {
      await fs.copyFile(source, target, constants.COPYFILE_EXCL);
      by = 'copy';
    } catch {
      await discardPlaced(fs, target);
      return undefined;
    }
  }
  const digest = await digestFile(fs, target, input.signature);
  if (!digest) {
    await discardPlaced(fs, target);
    return undefined;
  }
  return { by, digest };
}
