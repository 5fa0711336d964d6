// Reads and atomically writes the resume journal `.courier/journal.json` (C1), together with the
// progress log that moves its resume points between rewrites (progress-log.ts): a read applies the
// log, a rewrite starts a new generation and empties the log. It never touches the network layer, so
// no token reaches the journal.
import { join } from 'node:path';
import { appError } from '../../shared/app-error.js';
import { fail, ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { quoted } from '../display-text.js';
import type { StagingFs } from './fs-adapter.js';
import { errnoOf, fsError } from './fs-errors.js';
import { writeFileAtomic } from './file-io.js';
import { readSmallFile } from './disk-reader.js';
import { JOURNAL_FILE, JournalSchema } from './journal-schema.js';
import { emptyProgressLog, prepareProgressLog, progressLogPath, readProgressLog } from './progress-log.js';
import { applyProgress } from './progress-record.js';
import type { Journal, JournalItemProgress, JournalSnapshotItem, JsonObject } from './journal-schema.js';

export { JOURNAL_FILE, JOURNAL_FORMAT, JOURNAL_ITEM_STATES } from './journal-schema.js';
export type {
  Journal,
  JournalItemProgress,
  JournalItemState,
  JournalSnapshotItem,
  JsonObject,
} from './journal-schema.js';

/** A journal for thousands of items stays far below this; anything bigger is not ours. */
const MAX_JOURNAL_BYTES = 16 * 1024 * 1024;

interface JournalPlace {
  readonly controlDir: string;
  readonly fs: StagingFs;
  readonly catalogId?: string;
}

export interface JournalRead {
  /** undefined: no usable journal, so every item restarts from zero. */
  readonly journal: Journal | undefined;
  /** Why an existing journal was ignored (for the log); absent when it was simply missing. */
  readonly warning?: string;
}

export function journalPath(place: Pick<JournalPlace, 'controlDir'>): string {
  return join(place.controlDir, JOURNAL_FILE);
}

/** Never fails: a journal that is missing, unreadable, garbage or from another version is ignored (C1). */
export async function readJournal(place: JournalPlace): Promise<JournalRead> {
  const path = journalPath(place);
  const ignored = (why: string): JournalRead => ({
    journal: undefined,
    warning: `The resume journal ${quoted(path)} was ignored (${why}); its downloads restart from zero.`,
  });
  const read = await readSmallFile(place.fs, path, MAX_JOURNAL_BYTES, 'the resume journal');
  if (!read.ok) return ignored(read.error.message);
  if (read.value === undefined) return { journal: undefined };
  let raw: unknown;
  try {
    raw = JSON.parse(read.value.toString('utf8'), (key, value: unknown) =>
      key === '__proto__' ? undefined : value,
    );
  } catch {
    return ignored('it is not valid JSON');
  }
  const parsed = JournalSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return ignored(
      `field ${issue?.path.map(String).join('.') || '(document)'} is invalid or from another version`,
    );
  }
  if (place.catalogId !== undefined && parsed.data.catalogId !== place.catalogId) {
    return ignored(`it belongs to ${quoted(parsed.data.catalogId)}`);
  }
  const journal = parsed.data as Journal;
  // A journal without a generation was written by a Courier that kept no log: none applies to it.
  if (journal.generation === undefined) return { journal };
  const records = await readProgressLog(place);
  if (!records.ok) {
    return {
      journal,
      warning: `The progress log ${quoted(progressLogPath(place))} was ignored (${records.error.message}); downloads resume from the journal's checkpoints.`,
    };
  }
  return { journal: applyProgress(journal, records.value) };
}

export interface JournalWritten {
  /** The generation now on disk: the progress records that extend this journal carry it. */
  readonly generation: number;
  /**
   * The progress log is empty, so records may be appended from its start. False when emptying it
   * failed: the journal is written, and the next checkpoint rewrites it again instead of appending.
   */
  readonly logEmpty: boolean;
}

/**
 * Writes the journal atomically (temp with exclusive create, fsync, rename, fsync dir) as the
 * generation after `journal.generation`, then empties the progress log: its records extended the
 * journal this one replaces. Without a generation to follow, the log is emptied durably first (see
 * prepareProgressLog). Only the fields of the format are copied, so a caller's object that happens to
 * carry a URL or a token cannot leak it to disk; outbox entries are scrubbed of credential-like keys
 * and URL values.
 */
export async function writeJournal(place: JournalPlace, journal: Journal): Promise<Result<JournalWritten>> {
  const path = journalPath(place);
  let origin: string;
  try {
    origin = new URL(journal.apiOrigin).origin;
  } catch {
    origin = 'null';
  }
  if (origin === 'null' || origin !== journal.apiOrigin) {
    return fail(
      appError({
        code: 'CLIENT.internal',
        message: `The journal for ${quoted(journal.catalogId)} was not written: apiOrigin must be an origin only (scheme, host, port).`,
        retryable: false,
      }),
    );
  }
  const generation = (journal.generation ?? 0) + 1;
  const clean: Journal = {
    format: journal.format,
    generation,
    catalogId: journal.catalogId,
    itemType: journal.itemType,
    apiOrigin: origin,
    deviceId: journal.deviceId,
    startedAt: journal.startedAt,
    snapshot: journal.snapshot?.map(snapshotItem) ?? null,
    items: journal.items.map(progressItem),
    outbox: journal.outbox.map((entry) => scrub(entry, 0) as JsonObject),
    ...(journal.lastReportAt ? { lastReportAt: journal.lastReportAt } : {}),
    ...(journal.stopped ? { stopped: journal.stopped } : {}),
  };
  let logBytes: number;
  try {
    logBytes = await prepareProgressLog(place, journal.generation === undefined);
  } catch (error) {
    const logPath = progressLogPath(place);
    // ENOENT creating a file in the job's own folder means the folder (the drive) is gone (F3).
    return fail(
      fsError(error, {
        action: 'preparing the progress log',
        path: logPath,
        onRoot: errnoOf(error) === 'ENOENT',
      }),
    );
  }
  const written = await writeFileAtomic(place.fs, {
    path,
    data: `${JSON.stringify(clean, null, 1)}\n`,
    mode: 0o600,
    what: 'the resume journal',
  });
  if (!written.ok) return written;
  // Only now, with the new generation durable: emptied earlier, a crash would lose the log's
  // resume points while the old journal still stands.
  const logEmpty =
    logBytes === 0 ||
    (await emptyProgressLog(place, false).then(
      () => true,
      () => false,
    ));
  return ok({ generation, logEmpty });
}

function snapshotItem(item: JournalSnapshotItem): JournalSnapshotItem {
  return {
    itemKey: item.itemKey,
    fileName: item.fileName,
    artifactType: item.artifactType,
    size: item.size,
    expectedHash: item.expectedHash
      ? { algorithm: item.expectedHash.algorithm, value: item.expectedHash.value }
      : null,
    signature: item.signature,
    isExecutable: item.isExecutable,
    arguments: item.arguments,
    metaData: item.metaData,
    reference: item.reference,
  };
}

function progressItem(item: JournalItemProgress): JournalItemProgress {
  const validator: { etag?: string; lastModified?: string } = {};
  if (item.validator.etag !== undefined) validator.etag = item.validator.etag;
  if (item.validator.lastModified !== undefined) validator.lastModified = item.validator.lastModified;
  return { itemKey: item.itemKey, offset: item.offset, validator, state: item.state };
}

const SECRET_KEY = /url|uri|href|token|authori[sz]ation|cookie|header|password|secret|credential/i;
const URL_VALUE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Status reports hold counters and dates; anything credential-shaped is dropped before it reaches disk. */
function scrub(value: unknown, depth: number): unknown {
  if (depth > 16) return null;
  if (typeof value === 'string') return URL_VALUE.test(value) ? null : value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (key === '__proto__' || SECRET_KEY.test(key)) continue;
      out[key] = scrub(v, depth + 1);
    }
    return out;
  }
  return value;
}
