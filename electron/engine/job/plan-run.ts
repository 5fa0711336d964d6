// A run's plan, between the server's answer and the first download: the items to fetch (with the
// progress the journal kept for them), recorded in the journal before any byte arrives, a warning
// when a newer release is already staged (a rollback?), and a check that the disk has room.
import type { DeliveryItem } from '../../shared/getapp-schemas.js';
import { ok, type Result } from '../../shared/result.js';
import type { Journal } from '../staging/journal.js';
import type { JobFolder } from '../staging/job-folder.js';
import { refusedUpFront } from './item-runner.js';
import type { JobDeps } from './job-deps.js';
import { ItemState, type JobState } from './job-state.js';
import { restoreProgress } from './journal-restore.js';
import type { JournalSync } from './journal-sync.js';
import { planItems } from './plan-items.js';
import { newerStaged } from './rollback-check.js';

export interface RunPlanning {
  readonly state: JobState;
  readonly folder: JobFolder;
  readonly deps: Pick<JobDeps, 'config' | 'clock' | 'urlPolicy' | 'publicKey' | 'log'>;
  /** The journal as this run found it: where resumed items pick up. */
  readonly previous: Journal | undefined;
  readonly journal: JournalSync;
  /** Tells the journal the items are planned, so what it writes from now on lists them. */
  readonly markPlanned: () => void;
}

/** Fills state.items from the server's artifacts; fails when they cannot be planned or do not fit. */
export async function planRun(artifacts: readonly DeliveryItem[], run: RunPlanning): Promise<Result<void>> {
  const { state, folder, deps } = run;
  const plan = planItems(artifacts, state.catalogId, deps.urlPolicy);
  if (!plan.ok) return plan;
  state.items = plan.value.map((p) => restoreProgress(new ItemState(p, deps.clock), run.previous));
  run.markPlanned();
  await run.journal.save();
  const newer = await newerStaged(folder.fs, folder.root, state.catalogId);
  if (newer)
    deps.log('warn', `${state.catalogId} is older than ${newer}, already staged here (a rollback?).`);
  // A file refused before any download needs no room.
  const keyed = deps.publicKey !== undefined;
  const allowUnverified = deps.config.allowUnverified;
  const space = await folder.freeSpace(
    state.remainingBytes(
      (item) => !refusedUpFront(item.plan, item.plan.expectedHash, keyed, allowUnverified),
    ),
  );
  return space.ok ? ok(undefined) : space;
}
