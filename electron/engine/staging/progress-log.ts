// `.courier/progress.log`, the job's append-only checkpoint log (issue 9). A download checkpoint
// appends one record per moved item and fdatasyncs the log: one flush, where a rewrite of the journal
// takes two (its temp file, then its folder after the rename). The journal stays complete on its own; the
// log only moves resume points forward over it (progress-record.ts), and every rewrite of the journal
// empties it (journal.ts). The file is created once and then emptied in place, never replaced: its
// name is made durable by the folder flush of a journal rewrite, which an append never needs.
import { join } from 'node:path';
import { ok, fail } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { CREATE_EXCLUSIVE, READ_WRITE_NOFOLLOW } from './fs-adapter.js';
import type { StagingFileHandle, StagingFs } from './fs-adapter.js';
import { errnoOf, fsError } from './fs-errors.js';
import { writeAll } from './file-io.js';
import { readSmallFile } from './disk-reader.js';
import { decodeRecords, encodeRecords, type ProgressRecord } from './progress-record.js';

export const PROGRESS_LOG_FILE = 'progress.log';

/**
 * Past this many bytes a checkpoint rewrites the journal instead of appending, which empties the log:
 * it stays small to read even in a job that rewrites the journal seldom (commits and an item's last
 * report do).
 */
export const PROGRESS_LOG_COMPACT_BYTES = 1024 * 1024;

/** A log kept under the size above stays far below this; anything bigger is not ours. */
const MAX_PROGRESS_LOG_BYTES = 16 * 1024 * 1024;

interface LogPlace {
  readonly controlDir: string;
  readonly fs: StagingFs;
}

export function progressLogPath(place: Pick<LogPlace, 'controlDir'>): string {
  return join(place.controlDir, PROGRESS_LOG_FILE);
}

/** The log's records in order, up to the first torn or damaged line; none when there is no log. */
export async function readProgressLog(place: LogPlace): Promise<Result<ProgressRecord[]>> {
  const read = await readSmallFile(
    place.fs,
    progressLogPath(place),
    MAX_PROGRESS_LOG_BYTES,
    'the progress log',
  );
  if (!read.ok) return read;
  return ok(read.value ? decodeRecords(read.value) : []);
}

/**
 * Before a rewrite of the journal: leaves a regular file of ours at the log's name, so that the folder
 * flush that makes the new journal durable covers the log's name as well, and returns its size.
 * `clear` empties it durably first: the journal about to be written starts its generations afresh
 * (no journal of ours was read before it), so a record already in the log could carry one of them.
 * Throws what the file system threw.
 */
export async function prepareProgressLog(place: LogPlace, clear: boolean): Promise<number> {
  const { fs } = place;
  const path = progressLogPath(place);
  let size: number | undefined;
  try {
    const stats = await fs.lstat(path);
    // A planted symlink or other non-file is removed, never followed (F6).
    if (stats.isFile()) size = stats.size;
    else await fs.rm(path, { force: true });
  } catch (error) {
    if (errnoOf(error) !== 'ENOENT') throw error;
  }
  if (size === undefined) {
    await (await fs.open(path, CREATE_EXCLUSIVE, 0o600)).close();
    return 0;
  }
  if (clear && size > 0) {
    await emptyProgressLog(place, true);
    return 0;
  }
  return size;
}

/**
 * Truncates the log to nothing. After a rewrite this need not be durable: what a crash brings back
 * belongs to an older generation, which no reader applies, and the next append's fdatasync makes the
 * new size durable with it.
 */
export async function emptyProgressLog(place: LogPlace, durable: boolean): Promise<void> {
  const handle = await place.fs.open(progressLogPath(place), READ_WRITE_NOFOLLOW);
  try {
    await handle.truncate(0);
    if (durable) await handle.datasync();
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * Writes `records` at `at` (the end this writer left the log at) and fdatasyncs them; returns the new
 * end. The callers' `.part` files are fsynced before: a record never claims bytes the disk may lose.
 * The log is opened without create: a missing one means its folder changed under the job (or the
 * drive left, F3), and the caller falls back to a rewrite of the journal, which says which.
 */
export async function appendProgress(
  place: LogPlace,
  at: number,
  records: readonly ProgressRecord[],
): Promise<Result<number>> {
  const path = progressLogPath(place);
  let handle: StagingFileHandle | undefined;
  try {
    handle = await place.fs.open(path, READ_WRITE_NOFOLLOW);
    const end = await writeAll(handle, encodeRecords(records), at);
    await handle.datasync();
    return ok(end);
  } catch (error) {
    return fail(fsError(error, { action: 'appending to the progress log', path }));
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
