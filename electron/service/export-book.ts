// The exports running now: one per package folder at a time (two copies of one package racing into
// the same drive folder would undo each other), each with the switch that stops it. Pure: no I/O.

export interface RunningExport {
  /** The staged package folder (absolute): the key, whichever way the export was started. */
  readonly source: string;
  readonly jobId: string | null;
  readonly packageId: string;
  readonly controller: AbortController;
}

export class ExportBook {
  private readonly running = new Map<string, RunningExport>();

  /** Reserves `source`; undefined when an export of it is already running. */
  reserve(source: string, jobId: string | null, packageId: string): RunningExport | undefined {
    if (this.running.has(source)) return undefined;
    const entry: RunningExport = { source, jobId, packageId, controller: new AbortController() };
    this.running.set(source, entry);
    return entry;
  }

  release(entry: RunningExport): void {
    if (this.running.get(entry.source) === entry) this.running.delete(entry.source);
  }

  /** Stops the exports matching the request; returns how many there were. */
  cancel(match: { jobId: string } | { packageId: string }): number {
    const hits = [...this.running.values()].filter((entry) =>
      'jobId' in match ? entry.jobId === match.jobId : entry.packageId === match.packageId,
    );
    for (const entry of hits) entry.controller.abort();
    return hits.length;
  }

  /** Courier is closing: every export stops at its next chunk (files already read back are kept). */
  abortAll(): void {
    for (const entry of this.running.values()) entry.controller.abort();
  }

  get size(): number {
    return this.running.size;
  }
}
