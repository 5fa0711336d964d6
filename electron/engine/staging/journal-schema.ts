// The shape of `.courier/journal.json` (courier-journal/1) and its runtime schema. Types and zod
// only: no I/O. Nothing here may hold a token, a header or a URL (presigned URLs are credentials).
// `generation` came later without a new format: the progress log (progress-log.ts) only moves resume
// points forward over a journal that is complete on its own, so a Courier that knows no log reads
// this journal as before and resumes from durable, if older, offsets.
import { z } from 'zod';
import {
  ARTIFACT_TYPES,
  HASH_ALGORITHMS,
  ITEM_TYPES,
  type ArtifactType,
  type HashAlgorithm,
  type ItemType,
} from '../../shared/getapp-protocol.js';
import type { ItemPhase } from '../../shared/snapshots.js';

export const JOURNAL_FORMAT = 'courier-journal/1';
export const JOURNAL_FILE = 'journal.json';

/** One item of the manifest as it stood when the server's status reached `done` (M10). */
export interface JournalSnapshotItem {
  readonly itemKey: string;
  readonly fileName: string | null;
  readonly artifactType: ArtifactType;
  readonly size: number | null;
  readonly expectedHash: { readonly algorithm: HashAlgorithm; readonly value: string } | null;
  readonly signature: string | null;
  readonly isExecutable: boolean;
  readonly arguments: string | null;
  readonly metaData: string | null;
  readonly reference: string | null;
}

export const JOURNAL_ITEM_STATES = [
  'pending',
  'downloading',
  'verifying',
  'paused',
  'done',
  'failed',
  'notDownloadable',
  'rejected',
] as const satisfies readonly ItemPhase[];
export type JournalItemState = (typeof JOURNAL_ITEM_STATES)[number];

export interface JournalItemProgress {
  readonly itemKey: string;
  /** Bytes of the `.part` known to be on disk (fsynced): the resume point. */
  readonly offset: number;
  /** Sent as If-Range on resume. */
  readonly validator: { readonly etag?: string; readonly lastModified?: string };
  readonly state: JournalItemState;
}

export type JsonObject = { readonly [key: string]: unknown };

export interface Journal {
  readonly format: typeof JOURNAL_FORMAT;
  /**
   * Counts the rewrites of this journal: progress-log records carry the generation they extend, and
   * only those of the journal's own are applied. Absent in journals of older runs (no log applies).
   */
  readonly generation?: number;
  readonly catalogId: string;
  readonly itemType: ItemType;
  /** Scheme, host and port only: never a path or query, which could carry a credential. */
  readonly apiOrigin: string;
  readonly deviceId: string;
  readonly startedAt: string;
  /** null until the status reached `done`. */
  readonly snapshot: readonly JournalSnapshotItem[] | null;
  /** An array, not an object keyed by itemKey: a key like `__proto__` must stay plain data. */
  readonly items: readonly JournalItemProgress[];
  /** Status reports not yet accepted by the server, oldest first. */
  readonly outbox: readonly JsonObject[];
  /**
   * The newest currentTime this job ever put on a status report. The server keeps a report only
   * when its currentTime is newer than the last one it stored, so the next run starts after this
   * even when the outbox is empty and the computer's clock was set back. Absent in older journals.
   */
  readonly lastReportAt?: string;
  /**
   * How the last run ended when it did not finish: `paused` (also a quit or a crash checkpoint)
   * is resumed at the next start; `cancelled` is left alone. Absent in journals of older runs.
   */
  readonly stopped?: 'paused' | 'cancelled';
}

const byteCount = z.int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const nullableString = z.string().nullable();

const snapshotItem = z.object({
  itemKey: z.string(),
  fileName: nullableString,
  artifactType: z.enum(ARTIFACT_TYPES),
  size: byteCount.nullable(),
  expectedHash: z.object({ algorithm: z.enum(HASH_ALGORITHMS), value: z.string() }).nullable(),
  signature: nullableString,
  isExecutable: z.boolean(),
  arguments: nullableString,
  metaData: nullableString,
  reference: nullableString,
});

const itemProgress = z.object({
  itemKey: z.string(),
  offset: byteCount,
  validator: z.object({ etag: z.string().optional(), lastModified: z.string().optional() }),
  state: z.enum(JOURNAL_ITEM_STATES),
});

export const JournalSchema = z.object({
  format: z.literal(JOURNAL_FORMAT),
  generation: z.int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  catalogId: z.string(),
  itemType: z.enum(ITEM_TYPES),
  apiOrigin: z.string(),
  deviceId: z.string(),
  startedAt: z.string(),
  snapshot: z.array(snapshotItem).nullable(),
  items: z.array(itemProgress),
  outbox: z.array(z.record(z.string(), z.unknown())),
  lastReportAt: z.iso.datetime().optional(),
  stopped: z.enum(['paused', 'cancelled']).optional(),
});
