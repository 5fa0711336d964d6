// Status reports that outlived their run. A job that ends while the server is unreachable keeps its
// unsent reports in its journal; nothing resumes a staged job, so without this the server would
// never hear `Done`. At each engine start every job folder of the staging root is swept: its
// reports go out in order, the rest stay in the journal, and the sweep runs again with backoff
// while some wait. Reports go only to the server and device they were written for.
import type { Log } from '../../shared/log.js';
import type { DeliveryStatusDto } from '../../shared/getapp-protocol.js';
import type { Clock } from '../clock.js';
import type { StagingFs } from '../staging/fs-adapter.js';
import { readJournal, writeJournal } from '../staging/journal.js';
import { acquireLock } from '../staging/lock.js';
import { readRootJournals, type RootJournal } from '../staging/root-journals.js';
import { isSettled, type ReportSender } from './status-reporter.js';

export interface PendingReportsDeps {
  readonly fs: StagingFs;
  readonly clock: Clock;
  readonly stagingRoot: string;
  readonly sender: ReportSender;
  /** Only reports written for this server and device are sent. */
  readonly apiOrigin: string;
  readonly deviceId: string;
  /** A running job sends its own outbox: the sweep leaves its folder alone. */
  readonly isRunning: (catalogId: string) => boolean;
  readonly log: Log;
  /** After every sweep: reports still waiting, and how many this sweep delivered. */
  readonly onSwept: (outcome: SweepOutcome) => void;
  readonly retryDelayMs?: (attempt: number) => number;
}

export interface SweepOutcome {
  readonly sent: number;
  readonly waiting: number;
}

/**
 * How many status reports wait in the staging root's journals (reads only): those for one server
 * and device, or all of them.
 */
export async function countWaitingReports(
  fs: StagingFs,
  stagingRoot: string,
  owner?: { readonly apiOrigin: string; readonly deviceId: string },
): Promise<number> {
  const journals = await readRootJournals(fs, stagingRoot);
  return journals
    .filter(
      ({ journal }) =>
        !owner || (journal.apiOrigin === owner.apiOrigin && journal.deviceId === owner.deviceId),
    )
    .reduce((sum, { journal }) => sum + journal.outbox.length, 0);
}

export interface PendingReports {
  /** Sweeps now (joining a sweep in progress), then again with backoff while reports wait. */
  start(): Promise<SweepOutcome>;
  /** Resolves once no sweep holds catalogId's folder, so a job can take its lock. */
  idle(catalogId: string): Promise<void>;
  /** Stops sending and resolves once a sweep in progress has let go of its job folder. */
  close(): Promise<void>;
}

const defaultRetryDelay = (attempt: number) => Math.min(60_000, 2000 * 2 ** attempt);

export function createPendingReports(deps: PendingReportsDeps): PendingReports {
  const closer = new AbortController();
  const busy = new Map<string, Promise<unknown>>();
  const retryDelay = deps.retryDelayMs ?? defaultRetryDelay;
  let sweeping: Promise<SweepOutcome> | undefined;
  let cancelRetry: (() => void) | undefined;
  let attempt = 0;

  const ours = ({ journal }: RootJournal) =>
    journal.outbox.length > 0 &&
    journal.apiOrigin === deps.apiOrigin &&
    journal.deviceId === deps.deviceId &&
    !deps.isRunning(journal.catalogId);

  async function sweep(): Promise<SweepOutcome> {
    let sent = 0;
    let waiting = 0;
    for (const found of (await readRootJournals(deps.fs, deps.stagingRoot)).filter(ours)) {
      if (closer.signal.aborted) break;
      const work = sendFolder(found);
      busy.set(found.journal.catalogId, work);
      try {
        const outcome = await work;
        sent += outcome.sent;
        waiting += outcome.waiting;
      } finally {
        busy.delete(found.journal.catalogId);
      }
    }
    return { sent, waiting };
  }

  /** Sends one folder's reports under its job lock, in order, until the first that must wait. */
  async function sendFolder(found: RootJournal): Promise<SweepOutcome> {
    const { catalogId } = found.journal;
    const place = { controlDir: found.controlDir, fs: deps.fs, catalogId };
    const lock = await acquireLock({ ...place, clock: deps.clock });
    // Another process holds the job (it sends the reports itself), or the folder went away.
    if (!lock.ok) return { sent: 0, waiting: found.journal.outbox.length };
    try {
      const { journal } = await readJournal(place);
      if (!journal) return { sent: 0, waiting: 0 };
      const outbox = [...journal.outbox] as unknown as DeliveryStatusDto[];
      let sent = 0;
      while (outbox.length > 0 && !closer.signal.aborted) {
        if (!isSettled(await deps.sender.report(outbox[0]!, closer.signal))) break;
        outbox.shift();
        sent += 1;
      }
      if (sent > 0) {
        const written = await writeJournal(place, {
          ...journal,
          outbox: outbox as unknown as typeof journal.outbox,
        });
        if (!written.ok) deps.log('warn', `Sent status reports stay listed: ${written.error.message}`);
      }
      return { sent, waiting: outbox.length };
    } finally {
      await lock.value.release();
    }
  }

  const start = (): Promise<SweepOutcome> => {
    if (closer.signal.aborted) return Promise.resolve({ sent: 0, waiting: 0 });
    cancelRetry?.();
    cancelRetry = undefined;
    sweeping ??= sweep()
      .catch((error: unknown) => {
        deps.log('warn', `Waiting status reports were not sent: ${(error as Error).message}`);
        return { sent: 0, waiting: 0 };
      })
      .then((outcome) => {
        sweeping = undefined;
        deps.onSwept(outcome);
        attempt = outcome.sent > 0 ? 0 : attempt + 1;
        if (outcome.waiting > 0 && !closer.signal.aborted)
          cancelRetry = deps.clock.setTimer(retryDelay(Math.max(0, attempt - 1)), () => void start());
        return outcome;
      });
    return sweeping;
  };

  return {
    start,
    async idle(catalogId) {
      await busy.get(catalogId)?.catch(() => undefined);
    },
    async close() {
      closer.abort(new Error('engine closed'));
      cancelRetry?.();
      await sweeping;
    },
  };
}
