// Partial downloads in `.courier/parts/<fileName>.part` (M3): exclusive create, symlink refusal (F6),
// truncate-and-resume (I4), prefix hashing (I2) and durable checkpoints.
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { ok, fail } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { quoted } from '../display-text.js';
import { CREATE_EXCLUSIVE, READ_NOFOLLOW, READ_WRITE_NOFOLLOW, nodeFs } from './fs-adapter.js';
import type { StagingFileHandle, StagingFs } from './fs-adapter.js';
import { errnoOf, fileSystemError, fsError } from './fs-errors.js';
import { readInto, writeAll } from './file-io.js';
import { childPath } from './job-folder.js';

export const PART_SUFFIX = '.part';

export interface PartFile {
  readonly path: string;
  /** Where the next write goes; equal to the resume offset right after opening. */
  readonly position: number;
  write(chunk: Uint8Array): Promise<Result<void>>;
  /**
   * fsync; returns the offset now durable on disk (what the journal may record): the position when
   * it was called, whatever is written meanwhile.
   */
  checkpoint(): Promise<Result<number>>;
  close(): Promise<Result<void>>;
}

export interface OpenPartOptions {
  readonly folder: { readonly partsDir: string; readonly fs: StagingFs };
  /** An already validated file name (safe-name.ts); only containment is re-checked here. */
  readonly fileName: string;
  /** The journal's durable offset; 0 for a fresh download. */
  readonly offset: number;
  /** The server's declared size, when known: a partial bigger than it is thrown away (I4). */
  readonly declaredSize: number | null;
  readonly itemKey?: string;
}

/** undefined unless `fileName` is itself a plain single component (own containment check, M1). */
export function partPathFor(partsDir: string, fileName: string): string | undefined {
  if (childPath(partsDir, fileName) === undefined) return undefined;
  return childPath(partsDir, `${fileName}${PART_SUFFIX}`);
}

export async function openPart(options: OpenPartOptions): Promise<Result<PartFile>> {
  const { folder, fileName, itemKey, declaredSize } = options;
  const { fs } = folder;
  const path = partPathFor(folder.partsDir, fileName);
  if (path === undefined) {
    return fail(
      fileSystemError(
        `The file name ${quoted(fileName)} is not a plain name; nothing was written.`,
        folder.partsDir,
        itemKey,
      ),
    );
  }
  let handle: StagingFileHandle | undefined;
  try {
    let existing: Stats | undefined;
    try {
      existing = await fs.lstat(path);
    } catch (error) {
      if (errnoOf(error) !== 'ENOENT') throw error;
    }
    if (existing && !existing.isFile()) {
      return fail(
        fileSystemError(
          `The partial file ${quoted(path)} is a ${existing.isSymbolicLink() ? 'symbolic link' : 'non-regular file'}; Courier refuses to write through it. Remove it and retry.`,
          path,
          itemKey,
        ),
      );
    }
    let start = 0;
    if (existing) {
      // O_NOFOLLOW closes the race between the lstat above and this open (F6).
      handle = await fs.open(path, READ_WRITE_NOFOLLOW);
      const size = (await handle.stat()).size;
      start = Math.min(Math.max(0, options.offset), size);
      if (declaredSize !== null && (size > declaredSize || start > declaredSize)) start = 0;
      // Bytes past the durable offset may be torn by a crash: drop them, never trust them.
      await handle.truncate(start);
    } else {
      handle = await fs.open(path, CREATE_EXCLUSIVE, 0o600);
    }
    return ok(partFile(path, handle, start, itemKey));
  } catch (error) {
    await handle?.close().catch(() => undefined);
    return fail(
      fsError(error, {
        action: 'opening the partial file',
        path,
        ...(itemKey !== undefined ? { itemKey } : {}),
      }),
    );
  }
}

function partFile(
  path: string,
  handle: StagingFileHandle,
  start: number,
  itemKey: string | undefined,
): PartFile {
  let position = start;
  const context = (action: string) => ({ action, path, ...(itemKey !== undefined ? { itemKey } : {}) });
  return {
    path,
    get position() {
      return position;
    },
    async write(chunk) {
      try {
        position = await writeAll(handle, chunk, position);
        return ok(undefined);
      } catch (error) {
        return fail(fsError(error, context('writing')));
      }
    },
    async checkpoint() {
      // Writes may go on while fsync runs: only what was written before it began is vouched for.
      const covered = position;
      try {
        await handle.sync();
        return ok(covered);
      } catch (error) {
        return fail(fsError(error, context('flushing to disk')));
      }
    },
    async close() {
      try {
        await handle.close();
        return ok(undefined);
      } catch (error) {
        return fail(fsError(error, context('closing')));
      }
    },
  };
}

/**
 * SHA-256 of the first `length` bytes of `path`, streamed in 1 MiB reads (I2: on resume the partial
 * is hashed first, then the download continues feeding the same Hash). Fails if the file is shorter.
 */
export async function hashPrefix(
  path: string,
  length: number,
  fs: StagingFs = nodeFs,
): Promise<Result<Hash>> {
  const hash = createHash('sha256');
  let handle: StagingFileHandle | undefined;
  try {
    handle = await fs.open(path, READ_NOFOLLOW);
    if ((await readInto(handle, [hash], { length })) < length) {
      return fail(
        fileSystemError(
          `The partial file ${quoted(path)} is shorter than ${length} bytes; restart it from zero.`,
          path,
        ),
      );
    }
    return ok(hash);
  } catch (error) {
    return fail(fsError(error, { action: 'reading the partial file', path }));
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
