// One delivery job from "please prepare" to a staged package: opens and locks the job folder, reads
// the journal, prepares and polls, plans and downloads the items, writes manifest, SHA256SUMS and
// report.html. Pause, resume and cancel abort the current run; a new run picks up from the journal.
// With dependencies, those are staged first (each its own job) and listed in the manifest.
import type { AppError } from '../../shared/app-error.js';
import type { ItemType } from '../../shared/getapp-protocol.js';
import type { PreparedDelivery } from '../../shared/getapp-schemas.js';
import type { ManifestDependency } from '../../shared/manifest.js';
import { ok, type Result } from '../../shared/result.js';
import type { JobPhase, JobSnapshot } from '../../shared/snapshots.js';
import { VERSION } from '../../shared/version.js';
import type { StatusReporter } from '../report/status-reporter.js';
import { reuseSourceFor } from '../reuse/candidate-index.js';
import { openJobFolder, type JobFolder, type RootIdentity } from '../staging/job-folder.js';
import { readJournal } from '../staging/journal.js';
import { acquireLock } from '../staging/lock.js';
import { itemContexts } from './item-context.js';
import { runItems } from './job-items.js';
import { SnapshotEmitter } from './snapshot-emitter.js';
import { JobState, markStopped, type ItemState } from './job-state.js';
import type { JobDeps, JobStartOptions } from './job-deps.js';
import { keptItems } from './journal-restore.js';
import { closeRunRecords, openRunRecords, type JournalSync } from './journal-sync.js';
import { readPreviousPackage, stagePackage } from './package-manifest.js';
import { planRun } from './plan-run.js';
import { prepareDelivery } from './prepare-delivery.js';

export type { JobDeps, JobStartOptions } from './job-deps.js';

export class JobRunner {
  readonly state: JobState;
  private controller: AbortController | undefined;
  private stopAs: 'paused' | 'cancelled' | undefined;
  private running: Promise<void> | undefined;
  private readonly emitter: SnapshotEmitter;
  /** The staging root of the first run; later runs refuse a different one (a pulled drive, F3). */
  private rootIdentity: RootIdentity | undefined;
  private resumed = false;
  /** The last run ended with status reports still in its outbox. */
  private reportsLeft = false;
  /** Why the job paused itself (a full disk), shown until it is resumed. */
  private pauseError: AppError | null = null;
  /** Stage the dependencies first on every run. */
  private withDependencies = false;
  /** What the manifest lists when a parent job staged this one's dependencies. */
  private listedDependencies: readonly ManifestDependency[] = [];
  private dependencies: readonly ManifestDependency[] = [];

  constructor(
    jobId: string,
    catalogId: string,
    itemType: ItemType,
    private readonly deps: JobDeps,
  ) {
    this.state = new JobState(jobId, catalogId, itemType, deps.clock);
    this.emitter = new SnapshotEmitter(this.state, deps.clock, deps.emit);
  }

  get active(): boolean {
    return this.running !== undefined;
  }

  /** Whether `options` ask for work the job's runs so far did not do (staging its dependencies). */
  asksMoreThanBefore(options: JobStartOptions): boolean {
    return options.withDependencies === true && !this.withDependencies;
  }

  /** Options apply from the next run on; what a start leaves out stays as it was. */
  setOptions(options: JobStartOptions): void {
    if (options.withDependencies === true) this.withDependencies = true;
    if (options.listedDependencies !== undefined) this.listedDependencies = options.listedDependencies;
  }

  /** Starts (or resumes) the job unless it is running; resolves when this run ends. */
  start(): Promise<void> {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
      this.resumed = true;
      if (this.reportsLeft) this.deps.reportsLeft?.();
    });
    return this.running;
  }

  pause(): void {
    this.stop('paused');
  }

  cancel(): void {
    if (!this.running) {
      if (this.state.phase !== 'staged') this.setPhase('cancelled');
      return;
    }
    this.stop('cancelled');
  }

  /** Resolves once the current run (if any) has ended. */
  async settled(): Promise<JobSnapshot> {
    await this.running;
    return this.state.snapshot();
  }

  private stop(as: 'paused' | 'cancelled'): void {
    if (!this.running) return;
    this.stopAs = as;
    this.controller?.abort(new Error(as));
  }

  private setPhase(phase: JobPhase, error: AppError | null = null): void {
    this.state.phase = phase;
    this.state.error = error;
    this.emitter.now();
  }

  private async run(): Promise<void> {
    const controller = (this.controller = new AbortController());
    this.stopAs = undefined;
    this.pauseError = null;
    const { config, clock, fs } = this.deps;
    const { state } = this;
    this.setPhase('preparing');
    const dependencies = await this.dependenciesFirst(controller.signal);
    if (!dependencies.ok) return this.endEarly(dependencies.error, controller.signal);
    this.dependencies = dependencies.value;
    const opened = await openJobFolder({
      stagingRoot: config.stagingRoot,
      catalogId: state.catalogId,
      fs,
      clock,
      ...(this.rootIdentity ? { expectedRoot: this.rootIdentity } : {}),
    });
    if (!opened.ok) return this.setPhase('failed', opened.error);
    const folder = opened.value;
    this.rootIdentity = folder.rootIdentity;
    state.folder = folder.path;
    await this.deps.folderFree?.(state.catalogId);
    const lock = await acquireLock(
      { controlDir: folder.controlDir, fs, clock, catalogId: state.catalogId },
      { onLost: (error) => (controller.abort(error), this.deps.log('error', error.message)) },
    );
    if (!lock.ok) return this.setPhase('failed', lock.error);
    try {
      // A job that loses its lock stops, and writes not even its journal: the new owner keeps it.
      await this.runLocked(folder, controller.signal, lock.value.held);
    } finally {
      await lock.value.release();
    }
  }

  private dependenciesFirst(signal: AbortSignal): Promise<Result<readonly ManifestDependency[]>> {
    const stage = this.deps.stageDependencies;
    if (!this.withDependencies || !stage) return Promise.resolve(ok(this.listedDependencies));
    return stage(this.state.catalogId, this.state.itemType, signal);
  }

  private async runLocked(folder: JobFolder, signal: AbortSignal, lockHeld: () => boolean): Promise<void> {
    const { config, clock, api } = this.deps;
    const { state } = this;
    const read = await readJournal({
      controlDir: folder.controlDir,
      fs: folder.fs,
      catalogId: state.catalogId,
    });
    if (read.warning) this.deps.log('warn', read.warning);
    if (state.items.length === 0) {
      // A job resumed by a new process shows what it kept while the server prepares again.
      state.items = keptItems(read.journal, clock);
      if (state.items.length > 0) this.emitter.now();
    }
    const { reporter, journal, markPlanned } = openRunRecords({
      folder,
      state,
      sender: api,
      clock,
      config,
      apiOrigin: api.apiOrigin,
      previous: read.journal,
      // Written into the journal once the run has stopped, so the next start knows what to resume.
      stopped: () => (signal.aborted ? (this.stopAs ?? 'paused') : undefined),
      writable: lockHeld,
    });
    try {
      const prepared = await prepareDelivery({
        api,
        clock,
        catalogId: state.catalogId,
        itemType: state.itemType,
        polling: config.polling,
        signal,
        onStatus: (delivery) => this.onServerStatus(delivery),
      });
      if (!prepared.ok) return this.endEarly(prepared.error, signal);
      const planned = await planRun(prepared.value.artifacts ?? [], {
        state,
        folder,
        deps: this.deps,
        previous: read.journal,
        journal,
        markPlanned,
      });
      if (!planned.ok) return this.setPhase('failed', planned.error);
      this.setPhase('downloading');
      // Read once per run, when the first item asks: the other packages' manifests.
      const reuse = reuseSourceFor(folder, config.reuseMaxManifests, (m) => this.deps.log('warn', m));
      const previous = await readPreviousPackage(folder);
      const contextFor = itemContexts({
        deps: this.deps,
        catalogId: state.catalogId,
        folder,
        reporter,
        journal,
        signal,
        resumedJob: this.resumed,
        reuse,
        recorded: previous.recorded,
        onProgress: () => this.emitter.soon(),
        onPhase: (item) => {
          if (item.error?.code === 'CLIENT.diskFull' && !signal.aborted) this.pauseForSpace(item);
          this.emitter.now();
        },
      });
      await runItems(state.items, config.concurrency, contextFor, signal);
      if (signal.aborted) return await this.endStopped(reporter, journal);
      await this.finish(folder, previous.fingerprint);
    } finally {
      this.reportsLeft = await closeRunRecords(reporter, journal);
    }
  }

  /** F1: a full disk pauses the whole job, keeping every partial, until space is freed and it resumes. */
  private pauseForSpace(item: ItemState): void {
    this.pauseError = item.error;
    item.moveTo('paused');
    item.outcome = null;
    this.stopAs = 'paused';
    this.controller?.abort(new Error('disk full'));
  }

  private onServerStatus(delivery: PreparedDelivery): void {
    if (delivery.status === 'unknown')
      this.deps.log(
        'warn',
        `Unknown server status "${delivery.rawStatus}" for ${delivery.catalogId}; still waiting.`,
      );
    this.state.serverStatus = delivery.rawStatus;
    this.state.serverProgress = delivery.progress ?? null;
    this.emitter.soon();
  }

  private endEarly(error: AppError, signal: AbortSignal): void {
    if (signal.aborted) return this.setPhase(this.stopAs ?? 'paused');
    this.setPhase('failed', error);
  }

  private async endStopped(reporter: StatusReporter, journal: JournalSync): Promise<void> {
    const as = this.stopAs ?? 'paused';
    markStopped(this.state.items, reporter, as);
    await journal.save();
    this.setPhase(as, as === 'paused' ? this.pauseError : null);
  }

  private async finish(folder: JobFolder, previousFingerprint: string | null): Promise<void> {
    const { state, deps } = this;
    const context = {
      state,
      server: deps.api.apiOrigin,
      deviceId: deps.config.deviceId,
      toolVersion: VERSION,
      publicKey: deps.publicKey,
      previousFingerprint,
      stagedAt: new Date(deps.clock.now()).toISOString(),
      dependencies: this.dependencies,
    };
    const error = await stagePackage(context, folder);
    this.setPhase(error ? 'failed' : 'staged', error);
  }
}
