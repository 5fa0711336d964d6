// One line of `.courier/progress.log`: a download checkpoint recorded between two rewrites of the
// journal, and the one rule that says when such a record moves a journal item (C1, goal 4). Pure: the
// file itself is progress-log.ts. Like the journal, a record holds no URL, token or header (S2).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Journal, JournalItemProgress, JournalItemState } from './journal-schema.js';

export interface ProgressRecord {
  /** The journal it extends: a record of any other generation is stale and never applied. */
  readonly generation: number;
  readonly itemKey: string;
  /** Bytes of the `.part` made durable (fsynced) before this record was written. */
  readonly offset: number;
  /** The validator those bytes came with: sent as If-Range on resume. */
  readonly validator: { readonly etag?: string; readonly lastModified?: string };
}

/**
 * The journal states whose offset is the resume point of a partial download. A record moves only
 * such an item; a writer with any other change to make rewrites the journal instead.
 */
const RESUMABLE: ReadonlySet<JournalItemState> = new Set<JournalItemState>([
  'pending',
  'downloading',
  'paused',
]);

/**
 * Whether `record` moves `item` (written by the same generation). Only forward: a restart from zero
 * (T8, I4) or a refetch (I1) goes through a full rewrite of the journal, never through the log.
 */
export function advances(item: JournalItemProgress, record: Pick<ProgressRecord, 'offset'>): boolean {
  return RESUMABLE.has(item.state) && record.offset > item.offset;
}

/** The journal as the log leaves it: its records of the journal's generation, in order, last one wins. */
export function applyProgress(journal: Journal, records: readonly ProgressRecord[]): Journal {
  if (journal.generation === undefined) return journal;
  const items = [...journal.items];
  const at = new Map<string, number>();
  items.forEach((item, index) => {
    if (!at.has(item.itemKey)) at.set(item.itemKey, index);
  });
  for (const record of records) {
    const index = at.get(record.itemKey);
    if (record.generation !== journal.generation || index === undefined) continue;
    const item = items[index]!;
    if (advances(item, record))
      items[index] = { ...item, offset: record.offset, validator: record.validator };
  }
  return { ...journal, items };
}

// A line is `<checksum> <json>\n`, the checksum the first 8 hex digits of the JSON's SHA-256: a line
// torn by a crash or a power cut, or bytes left over from before a truncation, fail it.
const LINE = /^([0-9a-f]{8}) (.+)$/;

const checksum = (body: string): string =>
  createHash('sha256').update(body, 'utf8').digest('hex').slice(0, 8);

const RecordSchema = z.object({
  generation: z.int().positive().max(Number.MAX_SAFE_INTEGER),
  itemKey: z.string(),
  offset: z.int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  validator: z.object({ etag: z.string().optional(), lastModified: z.string().optional() }),
});

/** The lines for `records`; only the record's own fields are written, whatever the caller's object holds. */
export function encodeRecords(records: readonly ProgressRecord[]): Buffer {
  const lines = records.map((record) => {
    const validator: { etag?: string; lastModified?: string } = {};
    if (record.validator.etag !== undefined) validator.etag = record.validator.etag;
    if (record.validator.lastModified !== undefined) validator.lastModified = record.validator.lastModified;
    const body = JSON.stringify({
      generation: record.generation,
      itemKey: record.itemKey,
      offset: record.offset,
      validator,
    });
    return `${checksum(body)} ${body}\n`;
  });
  return Buffer.from(lines.join(''), 'utf8');
}

/**
 * The records of a log, in order, up to the first line that is torn, fails its checksum or is not a
 * record: nothing after it is trusted, since an append that tore was the last one that ran.
 */
export function decodeRecords(bytes: Buffer): ProgressRecord[] {
  const lines = bytes.toString('utf8').split('\n');
  // The text after the last newline is a line whose end never reached the disk.
  lines.pop();
  const records: ProgressRecord[] = [];
  for (const line of lines) {
    const match = LINE.exec(line);
    if (!match || checksum(match[2]!) !== match[1]) break;
    let raw: unknown;
    try {
      raw = JSON.parse(match[2]!, (key, value: unknown) => (key === '__proto__' ? undefined : value));
    } catch {
      break;
    }
    const parsed = RecordSchema.safeParse(raw);
    if (!parsed.success) break;
    records.push(parsed.data as ProgressRecord);
  }
  return records;
}
