// Keeps `.courier/journal.json` in step with a job: one writer at a time, the latest state wins, and
// a caller that needs its checkpoint on disk (before reporting it durable) can wait for the write.
// A download checkpoint that only moves resume points forward is appended to the progress log
// (staging/progress-log.ts) instead of rewriting the journal: one fdatasync instead of two fsyncs.
import type { DeliveryStatusDto } from '../../shared/getapp-protocol.js';
import type { Clock } from '../clock.js';
import type { EngineConfig } from '../config.js';
import { createStatusReporter, type ReportSender, type StatusReporter } from '../report/status-reporter.js';
import { ok, type Result } from '../../shared/result.js';
import {
  JOURNAL_FORMAT,
  JOURNAL_ITEM_STATES,
  writeJournal,
  type Journal,
  type JournalItemProgress,
  type JournalItemState,
} from '../staging/journal.js';
import type { JobFolder } from '../staging/job-folder.js';
import { appendProgress, PROGRESS_LOG_COMPACT_BYTES } from '../staging/progress-log.js';
import { advances, type ProgressRecord } from '../staging/progress-record.js';
import type { JobState } from './job-state.js';

export interface JournalSync {
  /** Rewrites the whole journal soon; resolves once a write that includes the current state is on disk. */
  save(): Promise<Result<void>>;
  /**
   * Records the items' resume points soon, after a download checkpoint fsynced its `.part` (never
   * before: a record must not claim bytes the disk may lose). Resolves once they are on disk: as
   * records appended to the progress log when records can say it, by a rewrite otherwise.
   */
  checkpoint(): Promise<Result<void>>;
}

export interface JournalContext {
  readonly folder: JobFolder;
  readonly state: JobState;
  readonly apiOrigin: string;
  readonly deviceId: string;
  readonly startedAt: string;
  /** Status reports not yet accepted by the server. */
  readonly outbox: () => readonly DeliveryStatusDto[];
  /** The newest currentTime handed out to a report (ms), 0 when none ever was. */
  readonly lastReportTime: () => number;
  /** False until the server's `done` answer was planned: before that there is no snapshot. */
  readonly planned: () => boolean;
  /**
   * The snapshot the last run planned, written again until this run has planned its own: a run
   * stopped while the server prepares must not lose the resume points of the one before (the items
   * it writes meanwhile are still that run's).
   */
  readonly previousSnapshot?: Journal['snapshot'];
  /** The generation of the journal this run read (undefined when none, or an older one without). */
  readonly previousGeneration?: number | undefined;
  /** How the run stopped, once it has (undefined while running or when it finished). */
  readonly stopped?: () => 'paused' | 'cancelled' | undefined;
  /** False once the job lost its lock: another owner writes the journal now, this run never again. */
  readonly writable?: () => boolean;
}

const JOURNAL_STATES: ReadonlySet<string> = new Set<JournalItemState>(JOURNAL_ITEM_STATES);

export function buildJournal(context: JournalContext): Journal {
  const { state } = context;
  return {
    format: JOURNAL_FORMAT,
    catalogId: state.catalogId,
    itemType: state.itemType,
    apiOrigin: context.apiOrigin,
    deviceId: context.deviceId,
    startedAt: context.startedAt,
    snapshot: context.planned()
      ? state.items.map(({ plan }) => ({
          itemKey: plan.itemKey,
          fileName: plan.fileName,
          artifactType: plan.artifactType,
          size: plan.size,
          expectedHash: plan.expectedHashText,
          signature: plan.signature,
          isExecutable: plan.isExecutable,
          arguments: plan.arguments,
          metaData: plan.metaData,
          reference: plan.reference,
        }))
      : (context.previousSnapshot ?? null),
    items: progressOf(state),
    outbox: context.outbox().map((dto) => ({ ...dto })),
    ...(context.lastReportTime() > 0
      ? { lastReportAt: new Date(context.lastReportTime()).toISOString() }
      : {}),
    ...(context.stopped?.() ? { stopped: context.stopped() } : {}),
  };
}

/** Every item's resume point as the journal holds it. */
function progressOf(state: JobState): JournalItemProgress[] {
  return state.items.map((item) => ({
    itemKey: item.plan.itemKey,
    offset: item.resume.offset,
    validator: { ...item.resume.validator },
    state: (JOURNAL_STATES.has(item.phase) ? item.phase : 'pending') as JournalItemState,
  }));
}

const sameResume = (a: JournalItemProgress, b: JournalItemProgress): boolean =>
  a.offset === b.offset &&
  a.validator.etag === b.validator.etag &&
  a.validator.lastModified === b.validator.lastModified;

/** What a reader of the job folder would find now: the journal last written, moved by the records since. */
interface OnDisk {
  readonly generation: number;
  readonly items: Map<string, JournalItemProgress>;
  /** Where the next record goes. */
  logEnd: number;
}

export function createJournalSync(context: JournalContext): JournalSync {
  // Writes run one after another. A save() or checkpoint() while a write is waiting to start joins
  // it: that write reads the state when it starts, so it already includes the caller's change, and
  // it rewrites the journal if any caller joined that asked for that.
  let chain: Promise<unknown> = Promise.resolve();
  let waiting: Promise<Result<void>> | undefined;
  let rewriteAsked = false;
  /** The generation the next rewrite follows: the last written, or attempted (it may have landed). */
  let generation = context.previousGeneration;
  /** undefined until this run has written the journal, and again after a write failed. */
  let onDisk: OnDisk | undefined;

  async function rewrite(): Promise<Result<void>> {
    const journal = buildJournal(context);
    onDisk = undefined;
    const written = await writeJournal(context.folder, {
      ...journal,
      ...(generation !== undefined ? { generation } : {}),
    });
    if (!written.ok) {
      // Without a generation the next write clears the log first again (writeJournal).
      if (generation !== undefined) generation += 1;
      return written;
    }
    generation = written.value.generation;
    if (written.value.logEmpty)
      onDisk = {
        generation,
        items: new Map(journal.items.map((item) => [item.itemKey, item])),
        logEnd: 0,
      };
    return ok(undefined);
  }

  /** Appends a record for every item whose resume point moved; rewrites when a record cannot say it. */
  async function record(): Promise<Result<void>> {
    const disk = onDisk;
    if (!disk || disk.logEnd >= PROGRESS_LOG_COMPACT_BYTES) return rewrite();
    const records: ProgressRecord[] = [];
    for (const item of progressOf(context.state)) {
      const before = disk.items.get(item.itemKey);
      if (before && sameResume(before, item)) continue;
      const next = {
        generation: disk.generation,
        itemKey: item.itemKey,
        offset: item.offset,
        validator: item.validator,
      };
      // A reader applies only what moves an item forward (progress-record.ts): a new plan, a restart
      // from zero or a refetch is written whole.
      if (!before || !advances(before, next)) return rewrite();
      records.push(next);
    }
    if (records.length === 0) return ok(undefined);
    const appended = await appendProgress(context.folder, disk.logEnd, records);
    // A torn append is harmless: the rewrite starts a generation that ignores it.
    if (!appended.ok) return rewrite();
    disk.logEnd = appended.value;
    for (const next of records) {
      const before = disk.items.get(next.itemKey)!;
      disk.items.set(next.itemKey, { ...before, offset: next.offset, validator: next.validator });
    }
    return ok(undefined);
  }

  function schedule(whole: boolean): Promise<Result<void>> {
    if (context.writable?.() === false) return Promise.resolve(ok(undefined));
    if (whole) rewriteAsked = true;
    if (waiting) return waiting;
    const next = chain.then(() => {
      waiting = undefined;
      const asked = rewriteAsked;
      rewriteAsked = false;
      return asked ? rewrite() : record();
    });
    waiting = next;
    chain = next.catch(() => undefined);
    return next;
  }

  return { save: () => schedule(true), checkpoint: () => schedule(false) };
}

export interface RunRecordsOptions {
  readonly stopped?: () => 'paused' | 'cancelled' | undefined;
  readonly writable?: () => boolean;
  readonly folder: JobFolder;
  readonly state: JobState;
  readonly sender: ReportSender;
  readonly clock: Clock;
  readonly config: Pick<EngineConfig, 'deviceId' | 'reportIntervalMs'>;
  readonly apiOrigin: string;
  readonly previous: Journal | undefined;
}

/**
 * The records one run keeps: the status reporter and the journal. They hold each other: the
 * reporter's outbox lives in the journal, and the journal is saved whenever the outbox changes.
 */
export function openRunRecords(options: RunRecordsOptions) {
  const { folder, state, config, previous } = options;
  let planned = false;
  const links: { journal?: JournalSync } = {};
  const reporter = createStatusReporter({
    sender: options.sender,
    clock: options.clock,
    deviceId: config.deviceId,
    catalogId: state.catalogId,
    type: state.itemType,
    intervalMs: config.reportIntervalMs,
    outbox: (previous?.outbox ?? []) as unknown as DeliveryStatusDto[],
    lastTime: Date.parse(previous?.lastReportAt ?? '') || 0,
    // A report that may be an item's last word is written at once: one lost in a crash would never
    // reach the server. Other changes ride with the next write of the journal instead of costing two
    // flushes each (issue 9): a Start or Download report lost in a crash is superseded by what the
    // next run reports, and a report the server took is only sent again, which the server ignores
    // (it keeps a report only when its currentTime is newer).
    onChange: (change) => {
      if (change === 'final') void links.journal?.save();
    },
  });
  const journal = createJournalSync({
    folder,
    state,
    apiOrigin: options.apiOrigin,
    deviceId: config.deviceId,
    startedAt: previous?.startedAt ?? new Date(state.startedAt).toISOString(),
    outbox: () => reporter.pending(),
    lastReportTime: () => reporter.lastTime(),
    planned: () => planned,
    previousSnapshot: previous?.snapshot ?? null,
    previousGeneration: previous?.generation,
    ...(options.stopped ? { stopped: options.stopped } : {}),
    ...(options.writable ? { writable: options.writable } : {}),
  });
  links.journal = journal;
  return { reporter, journal, markPlanned: () => (planned = true) };
}

/**
 * Ends a run's records: the journal written, the reporter given two seconds to deliver what waits,
 * then the journal written again so what the drain delivered leaves the outbox on disk before the
 * job's lock goes. Says whether reports are still waiting.
 */
export async function closeRunRecords(reporter: StatusReporter, journal: JournalSync): Promise<boolean> {
  await journal.save();
  await reporter.drain(AbortSignal.timeout(2000));
  reporter.close();
  const left = reporter.pending().length > 0;
  await journal.save();
  return left;
}
