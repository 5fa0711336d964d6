// Partial downloads in `.courier/parts/<fileName>.part` (M3): exclusive create, symlink refusal (F6),
// truncate-and-resume (I4), prefix hashing (I2) and durable checkpoints. Whole blocks are written
// with direct I/O where the file system allows it (direct-io.ts).
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { ok, fail } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { quoted } from '../display-text.js';
import { CREATE_EXCLUSIVE, READ_WRITE_NOFOLLOW, nodeFs } from './fs-adapter.js';
import type { StagingFileHandle, StagingFs } from './fs-adapter.js';
import { errnoOf, fileSystemError, fsError } from './fs-errors.js';
import { writeAll } from './file-io.js';
import { openDiskReader, type DiskReader } from './disk-reader.js';
import { O_DIRECT, directSpan, refusesDirect } from './direct-io.js';
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
    const direct = await openDirect(fs, path, handle);
    return ok(partFile(path, { handle, direct }, start, itemKey));
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

/**
 * A second descriptor of the part file, with O_DIRECT, for its whole blocks; undefined where the
 * platform or the file system has no direct I/O. It must be the very file `handle` is (a path
 * swapped between the two opens is simply not used, F6).
 */
async function openDirect(
  fs: StagingFs,
  path: string,
  handle: StagingFileHandle,
): Promise<StagingFileHandle | undefined> {
  if (O_DIRECT === 0) return undefined;
  let direct: StagingFileHandle | undefined;
  try {
    direct = await fs.open(path, READ_WRITE_NOFOLLOW | O_DIRECT);
    const [mine, theirs] = await Promise.all([handle.stat(), direct.stat()]);
    if (mine.dev === theirs.dev && mine.ino === theirs.ino) return direct;
  } catch {
    // No direct I/O here (EINVAL: tmpfs before Linux 6.6, some FUSE mounts): the ordinary descriptor does it all.
  }
  await direct?.close().catch(() => undefined);
  return undefined;
}

interface PartHandles {
  readonly handle: StagingFileHandle;
  /** O_DIRECT on the same file, until the file system refuses a direct write. */
  direct: StagingFileHandle | undefined;
}

function partFile(path: string, handles: PartHandles, start: number, itemKey: string | undefined): PartFile {
  const { handle } = handles;
  let position = start;
  const context = (action: string) => ({ action, path, ...(itemKey !== undefined ? { itemKey } : {}) });

  /** Writes `body` bytes of `chunk` from `from` directly; how many it wrote (0: direct I/O refused). */
  const writeDirect = async (chunk: Uint8Array, from: number, body: number, at: number) => {
    const direct = handles.direct;
    if (!direct || body === 0) return 0;
    try {
      return (await direct.write(chunk, from, body, at)).bytesWritten;
    } catch (error) {
      if (!refusesDirect(error)) throw error;
      handles.direct = undefined;
      await direct.close().catch(() => undefined);
      return 0;
    }
  };

  return {
    path,
    get position() {
      return position;
    },
    async write(chunk) {
      try {
        const { head, body } = directSpan(chunk, position);
        let at = await writeAll(handle, chunk.subarray(0, head), position);
        // A short direct write (a full disk) leaves the rest to the ordinary path, which reports it.
        at += await writeDirect(chunk, head, body, at);
        position = await writeAll(handle, chunk.subarray(at - position), at);
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
        const direct = handles.direct;
        handles.direct = undefined;
        // What it wrote is on the disk already; durability is the checkpoint's fsync.
        await direct?.close().catch(() => undefined);
        await handle.close();
        return ok(undefined);
      } catch (error) {
        return fail(fsError(error, context('closing')));
      }
    },
  };
}

/**
 * SHA-256 of the first `length` bytes of `path`, as the disk holds them (I2: on resume the partial
 * is hashed first, then the download continues feeding the same Hash). Fails if the file is shorter.
 */
export async function hashPrefix(
  path: string,
  length: number,
  fs: StagingFs = nodeFs,
): Promise<Result<Hash>> {
  const hash = createHash('sha256');
  let reader: DiskReader | undefined;
  try {
    reader = await openDiskReader(fs, path);
    if ((await reader.read([hash], { length })) < length) {
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
    await reader?.close().catch(() => undefined);
  }
}
