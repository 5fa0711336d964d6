// Reports download progress to the server (updateDownloadStatus) without ever slowing a download:
// reports queue in an outbox that is sent in order, kept across restarts by the job's journal, and
// retried with backoff while the server is unreachable.
import type { Result } from '../../shared/result.js';
import type { DeliveryStatusDto, ItemType, ReportStatus } from '../../shared/getapp-protocol.js';
import type { Clock } from '../clock.js';

export interface ReportSender {
  report(dto: DeliveryStatusDto, signal?: AbortSignal): Promise<Result<void>>;
}

export interface ItemProgress {
  readonly bytesDone: number;
  readonly size: number | null;
  readonly speed: number;
  readonly etaMs: number | null;
}

export interface StatusReporter {
  /**
   * Queues a report for one item; `Download` reports are rate-limited per item, and progress reports
   * wait PROGRESS_HOLD_MS in case the item's next report replaces them. Progress may be given as a
   * function: it is called only for a report that is built (downloads call this per chunk).
   */
  record(itemKey: string, status: ReportStatus, progress?: ItemProgress | (() => ItemProgress)): void;
  /** Reports not yet accepted by the server, oldest first (for the journal). */
  pending(): DeliveryStatusDto[];
  /** The newest currentTime handed out (ms), kept in the journal so a later run stays after it. */
  lastTime(): number;
  /** Resolves when the outbox is empty or `signal` aborts. */
  drain(signal?: AbortSignal): Promise<void>;
  close(): void;
}

export type OutboxChange = 'final' | 'progress' | 'sent';

/**
 * Reports a later one of the same item supersedes. The server sets downloadStart from the first
 * Start, Continue or Download it gets, and a rerun after a crash reports Start or Continue again.
 */
const PROGRESS_REPORTS: ReadonlySet<ReportStatus> = new Set(['Start', 'Continue', 'Download']);

/**
 * How long such a report waits before it joins the outbox: replaced meanwhile by the item's next
 * report, it is never sent. The server keeps one row per item and a newer report replaces it whole,
 * so nothing is lost: a file fetched in less than this is reported once, by its Done (which carries
 * downloadStart). A delivery of 200 small files sent three reports a file, one after another (issue 9).
 */
export const PROGRESS_HOLD_MS = 1000;

export interface StatusReporterOptions {
  readonly sender: ReportSender;
  readonly clock: Clock;
  readonly deviceId: string;
  readonly catalogId: string;
  readonly type: ItemType;
  readonly intervalMs: number;
  /** Reports left over from an earlier run, sent first. */
  readonly outbox?: readonly DeliveryStatusDto[];
  /** The newest currentTime an earlier run handed out (ms): every new report comes after it. */
  readonly lastTime?: number;
  /**
   * Called whenever the outbox changes, so the journal can keep it: `final` when a report that may be
   * an item's last word joined it (Done, Error, Pause, Cancelled), `progress` for one a later report
   * of the item supersedes (Start, Continue, Download), `sent` when the server took (or refused for
   * good) the oldest one.
   */
  readonly onChange?: (change: OutboxChange) => void;
  readonly retryDelayMs?: (attempt: number) => number;
}

/**
 * A report is done with once the server took it, or rejected it as invalid: that one will never
 * succeed, so it is dropped rather than left to block the reports behind it.
 */
export function isSettled(result: Result<void>): boolean {
  return result.ok || !result.error.retryable;
}

/** The newest currentTime in a list of reports, in ms (0 for none). */
export function newestReportTime(reports: readonly DeliveryStatusDto[]): number {
  return reports.reduce((newest, dto) => Math.max(newest, Date.parse(dto.currentTime ?? '') || 0), 0);
}

/** The server's column for bytes is int4: larger values would make its write fail. */
const MAX_INT4 = 2 ** 31 - 1;

export function createStatusReporter(options: StatusReporterOptions): StatusReporter {
  const { sender, clock } = options;
  const queue: DeliveryStatusDto[] = [...(options.outbox ?? [])];
  const lastDownloadAt = new Map<string, number>();
  const startedAt = new Map<string, string>();
  /** Per item, its newest Start, Continue or Download report, not in the outbox yet. */
  const held = new Map<string, { dto: DeliveryStatusDto; readonly cancel: () => void }>();
  let lastTime = Math.max(options.lastTime ?? 0, newestReportTime(queue));
  let sending: Promise<void> | undefined;
  const closer = new AbortController();
  const retryDelay = options.retryDelayMs ?? ((attempt: number) => Math.min(60_000, 2000 * 2 ** attempt));

  // The server keeps a report only when its currentTime is newer than the stored one.
  const nextTime = () => {
    lastTime = Math.max(clock.now(), lastTime + 1);
    return new Date(lastTime).toISOString();
  };

  function build(itemKey: string, status: ReportStatus, progress?: ItemProgress): DeliveryStatusDto {
    const currentTime = nextTime();
    if (status === 'Start' || status === 'Continue' || !startedAt.has(itemKey))
      startedAt.set(itemKey, currentTime);
    const dto: DeliveryStatusDto = {
      deviceId: options.deviceId,
      catalogId: options.catalogId,
      itemKey,
      type: options.type,
      deliveryStatus: status,
      downloadStart: startedAt.get(itemKey)!,
      currentTime,
    };
    if (status === 'Pause' || status === 'Cancelled' || status === 'Error') dto.downloadStop = currentTime;
    if (status === 'Done') dto.downloadDone = currentTime;
    if (progress) {
      const percent = progress.size ? Math.floor((progress.bytesDone * 100) / progress.size) : 0;
      dto.downloadData = status === 'Done' ? 100 : Math.min(100, percent);
      dto.bitNumber = Math.min(progress.bytesDone, MAX_INT4);
      if (status === 'Download') {
        dto.downloadSpeed = Math.round(progress.speed);
        if (progress.etaMs !== null) dto.downloadEstimateTime = Math.min(progress.etaMs, MAX_INT4);
      }
    }
    return dto;
  }

  /** Moves the item's held progress report into the outbox. */
  function release(itemKey: string): void {
    const waiting = held.get(itemKey);
    if (!waiting) return;
    held.delete(itemKey);
    waiting.cancel();
    queue.push(waiting.dto);
    kick();
  }

  async function pump(): Promise<void> {
    let attempt = 0;
    while (queue.length > 0 && !closer.signal.aborted) {
      const head = queue[0]!;
      if (isSettled(await sender.report(head, closer.signal))) {
        queue.shift();
        attempt = 0;
        options.onChange?.('sent');
        continue;
      }
      try {
        await clock.sleep(retryDelay(attempt++), closer.signal);
      } catch {
        return;
      }
    }
  }

  function kick(): void {
    sending ??= pump().finally(() => {
      sending = undefined;
      if (queue.length > 0 && !closer.signal.aborted) kick();
    });
  }

  return {
    record(itemKey, status, progress) {
      if (status === 'Download') {
        const last = lastDownloadAt.get(itemKey);
        if (last !== undefined && clock.now() - last < options.intervalMs) return;
        lastDownloadAt.set(itemKey, clock.now());
      }
      const dto = build(itemKey, status, typeof progress === 'function' ? progress() : progress);
      const earlier = held.get(itemKey);
      if (PROGRESS_REPORTS.has(status)) {
        // Replaces a progress report still held, which keeps its time to go out.
        if (earlier) earlier.dto = dto;
        else held.set(itemKey, { dto, cancel: clock.setTimer(PROGRESS_HOLD_MS, () => release(itemKey)) });
        options.onChange?.('progress');
        return;
      }
      earlier?.cancel();
      held.delete(itemKey);
      queue.push(dto);
      options.onChange?.('final');
      kick();
    },
    pending: () =>
      [...queue, ...[...held.values()].map((waiting) => waiting.dto)]
        .sort((a, b) => Date.parse(a.currentTime ?? '') - Date.parse(b.currentTime ?? ''))
        .map((dto) => ({ ...dto })),
    lastTime: () => lastTime,
    async drain(signal) {
      for (const itemKey of [...held.keys()]) release(itemKey);
      while (queue.length > 0 && !signal?.aborted && !closer.signal.aborted) {
        kick();
        await Promise.race([
          sending,
          new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true })),
        ]);
      }
    },
    close() {
      for (const waiting of held.values()) waiting.cancel();
      held.clear();
      closer.abort(new Error('reporter closed'));
    },
  };
}
