// Sends a job's snapshots to the faces: phase changes at once, progress at most five times a second
// (throttled where it is produced).
import type { JobSnapshot } from '../../shared/snapshots.js';
import type { Clock } from '../clock.js';
import type { JobState } from './job-state.js';

const PROGRESS_EVERY_MS = 200;

export class SnapshotEmitter {
  private cancelPending: (() => void) | undefined;

  constructor(
    private readonly state: JobState,
    private readonly clock: Clock,
    private readonly emit: (snapshot: JobSnapshot) => void,
  ) {}

  /** A phase or outcome changed: send now (and drop a pending progress snapshot it supersedes). */
  now(): void {
    this.cancelPending?.();
    this.cancelPending = undefined;
    this.state.updatedAt = this.clock.now();
    this.emit(this.state.snapshot());
  }

  /** Bytes moved: send within 200 ms, once, however many updates come meanwhile. */
  soon(): void {
    this.cancelPending ??= this.clock.setTimer(PROGRESS_EVERY_MS, () => {
      this.cancelPending = undefined;
      this.now();
    });
  }
}
