// What each item of a run is handed (ItemContext): the run's folder, records and signal, the
// engine's settings and keys, and the callbacks that reach back into the job (progress, phase, a
// fresh URL). Built here so job-runner.ts only says what the run shares.
import type { ReuseSource } from '../reuse/candidate-index.js';
import type { StatusReporter } from '../report/status-reporter.js';
import type { JobFolder } from '../staging/job-folder.js';
import type { JobDeps } from './job-deps.js';
import type { ItemContextFor } from './job-items.js';
import type { JournalSync } from './journal-sync.js';
import type { ItemContext } from './judge-and-commit.js';
import type { ItemState } from './job-state.js';
import { refreshItemUrl } from './refresh-url.js';

export interface RunShared {
  readonly deps: JobDeps;
  readonly catalogId: string;
  readonly folder: JobFolder;
  readonly reporter: StatusReporter;
  readonly journal: JournalSync;
  readonly signal: AbortSignal;
  /** An earlier run of this job got going: its items report Continue, not Start. */
  readonly resumedJob: boolean;
  readonly reuse: ReuseSource | undefined;
  /** What this package's manifest recorded, from an earlier run. */
  readonly recorded: NonNullable<ItemContext['recorded']>;
  /** Bytes moved: the job throttles what it emits. */
  readonly onProgress: () => void;
  /** An item's phase or outcome changed. */
  readonly onPhase: (item: ItemState) => void;
}

export function itemContexts(run: RunShared): ItemContextFor {
  const { deps, signal } = run;
  return (item) => ({
    item,
    folder: run.folder,
    config: deps.config,
    publicKey: deps.publicKey,
    deps: deps.download,
    reporter: run.reporter,
    journal: run.journal,
    signal,
    resumed: run.resumedJob || item.resume.offset > 0,
    onProgress: run.onProgress,
    onPhase: () => run.onPhase(item),
    refreshUrl: () =>
      refreshItemUrl({ api: deps.api, item, catalogId: run.catalogId, policy: deps.urlPolicy, signal }),
    ...(run.reuse ? { reuse: run.reuse } : {}),
    recorded: run.recorded,
  });
}
