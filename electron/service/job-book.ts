// The job list the UI sees: the latest snapshot of every job of the current engine and of engines
// retired by a settings change (kept as snapshots), minus the ones the user removed. Pure.
import { isActiveJob } from '../shared/job-phases.js';
import type { JobSnapshot } from '../shared/snapshots.js';
import type { Engine } from '../engine/index.js';

export interface JobEntry {
  readonly snapshot: JobSnapshot;
  /** The engine that runs (or ran) the job. */
  readonly engine: Engine;
  readonly hidden: boolean;
}

export class JobBook {
  private readonly entries = new Map<string, JobEntry>();

  get(jobId: string): JobEntry | undefined {
    const entry = this.entries.get(jobId);
    return entry && !entry.hidden ? entry : undefined;
  }

  /**
   * Records a snapshot. Returns the ids of older entries for the same catalogId from other engines,
   * which this one supersedes (they are dropped: the new job resumes their folder).
   */
  update(engine: Engine, snapshot: JobSnapshot, options: { unhide?: boolean } = {}): string[] {
    const previous = this.entries.get(snapshot.jobId);
    const hidden = options.unhide ? false : (previous?.hidden ?? false);
    this.entries.set(snapshot.jobId, { snapshot, engine, hidden });
    const superseded: string[] = [];
    for (const [jobId, entry] of this.entries) {
      if (entry.engine !== engine && entry.snapshot.catalogId === snapshot.catalogId) {
        this.entries.delete(jobId);
        if (!entry.hidden) superseded.push(jobId);
      }
    }
    return superseded;
  }

  /** Replaces the shown snapshot without touching ownership (a retired job marked cancelled). */
  replace(snapshot: JobSnapshot): void {
    const entry = this.entries.get(snapshot.jobId);
    if (entry) this.entries.set(snapshot.jobId, { ...entry, snapshot });
  }

  isHidden(jobId: string): boolean {
    return this.entries.get(jobId)?.hidden ?? false;
  }

  hide(jobId: string): void {
    const entry = this.entries.get(jobId);
    if (entry) this.entries.set(jobId, { ...entry, hidden: true });
  }

  drop(jobId: string): void {
    this.entries.delete(jobId);
  }

  list(): JobSnapshot[] {
    return [...this.entries.values()]
      .filter((entry) => !entry.hidden)
      .map((entry) => entry.snapshot)
      .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  }

  activeOn(engine: Engine | undefined): boolean {
    return [...this.entries.values()].some((e) => e.engine === engine && isActiveJob(e.snapshot));
  }
}
