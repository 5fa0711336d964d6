// The live state of one job and its items, and the snapshots built from it for the faces. Mutable
// inside the engine only; what leaves is a fresh, plain snapshot object.
import { appError, type AppError } from '../../shared/app-error.js';
import type { ItemType } from '../../shared/getapp-protocol.js';
import type { ArtifactOutcome, HashCheck, SignatureCheck } from '../../shared/manifest.js';
import type { ItemPhase, ItemSnapshot, JobPhase, JobSnapshot } from '../../shared/snapshots.js';
import type { Clock } from '../clock.js';
import { quoted } from '../display-text.js';
import type { ResumeState } from '../download/download-types.js';
import type { StatusReporter } from '../report/status-reporter.js';
import { createSpeedMeter, type SpeedMeter } from '../speed-meter.js';
import { mayMoveItem } from './item-phases.js';
import type { PlannedItem } from './plan-items.js';

export class ItemState {
  private current: ItemPhase;
  bytesDone = 0;
  resume: ResumeState = { offset: 0, validator: {} };
  actualSha256: string | null = null;
  hashCheck: HashCheck | 'pending' = 'pending';
  signatureCheck: SignatureCheck | 'pending' = 'pending';
  outcome: ArtifactOutcome | null = null;
  boundTo: string | null = null;
  reusedBytes = 0;
  stagedAt: string | null = null;
  error: AppError | null;
  readonly meter: SpeedMeter;

  constructor(
    public plan: PlannedItem,
    clock: Clock,
  ) {
    this.meter = createSpeedMeter(clock);
    this.error = plan.error;
    this.current = plan.disposition === 'download' ? 'pending' : plan.disposition;
    if (plan.disposition !== 'download') this.outcome = plan.disposition;
  }

  get phase(): ItemPhase {
    return this.current;
  }

  /**
   * Moves the item on, as ITEM_PHASE_MOVES allows. Any other move is a bug in Courier: the item fails
   * with CLIENT.internal naming the move, rather than a run that throws.
   */
  moveTo(to: ItemPhase): void {
    if (mayMoveItem(this.current, to)) {
      this.current = to;
      return;
    }
    const { itemKey } = this.plan;
    this.error = appError({
      code: 'CLIENT.internal',
      message: `${quoted(itemKey)} cannot go from ${this.current} to ${to}: a bug in Courier.`,
      retryable: false,
      itemKey,
    });
    this.outcome = 'failed';
    this.current = 'failed';
  }

  snapshot(): ItemSnapshot {
    const { plan } = this;
    const active = this.phase === 'downloading';
    return {
      itemKey: plan.itemKey,
      artifactType: plan.artifactType,
      fileName: plan.fileName,
      phase: this.phase,
      size: plan.size,
      bytesDone: this.bytesDone,
      speed: active ? this.meter.speed() : 0,
      etaMs: active ? this.meter.etaMs(plan.size === null ? null : plan.size - this.bytesDone) : null,
      expectedHash: plan.expectedHashText,
      actualSha256: this.actualSha256,
      hashCheck: this.hashCheck,
      signatureCheck: this.signatureCheck,
      outcome: this.outcome,
      boundTo: this.boundTo,
      reference: plan.reference,
      isExecutable: plan.isExecutable,
      arguments: plan.arguments,
      reusedBytes: this.reusedBytes,
      error: this.error,
    };
  }
}

export class JobState {
  phase: JobPhase = 'queued';
  serverStatus: string | null = null;
  serverProgress: number | null = null;
  items: ItemState[] = [];
  folder: string | null = null;
  error: AppError | null = null;
  updatedAt: number;
  readonly startedAt: number;

  constructor(
    readonly jobId: string,
    readonly catalogId: string,
    readonly itemType: ItemType,
    private readonly clock: Clock,
  ) {
    this.startedAt = clock.now();
    this.updatedAt = this.startedAt;
  }

  /**
   * Bytes still to fetch for the declared sizes of the items `willDownload` accepts (for the
   * free-space check before downloading, F1).
   */
  remainingBytes(willDownload: (item: ItemState) => boolean = () => true): number {
    return this.items.reduce(
      (sum, i) =>
        sum +
        (i.plan.disposition === 'download' && willDownload(i)
          ? Math.max(0, (i.plan.size ?? 0) - i.resume.offset)
          : 0),
      0,
    );
  }

  /** True when every downloadable item was verified (and there was at least one). */
  get verified(): boolean {
    const files = this.items.filter((i) => i.plan.disposition === 'download');
    return this.phase === 'staged' && files.length > 0 && files.every((i) => i.outcome === 'verified');
  }

  snapshot(): JobSnapshot {
    const items = this.items.map((item) => item.snapshot());
    const files = items.filter((_, index) => this.items[index]!.plan.disposition === 'download');
    const bytesDone = files.reduce((sum, i) => sum + i.bytesDone, 0);
    const sizes = files.map((i) => i.size);
    const bytesTotal =
      files.length > 0 && sizes.every((s) => s !== null) ? sizes.reduce((a, b) => a! + b!, 0) : null;
    const speed = files.reduce((sum, i) => sum + i.speed, 0);
    return {
      jobId: this.jobId,
      catalogId: this.catalogId,
      itemType: this.itemType,
      phase: this.phase,
      serverStatus: this.serverStatus,
      serverProgress: this.serverProgress,
      bytesDone,
      bytesTotal,
      speed,
      etaMs: bytesTotal !== null && speed > 0 ? Math.round(((bytesTotal - bytesDone) * 1000) / speed) : null,
      items,
      verified: this.verified,
      folder: this.folder,
      startedAt: new Date(this.startedAt).toISOString(),
      updatedAt: new Date(this.clock.now()).toISOString(),
      error: this.error,
    };
  }
}

/** Unfinished items of a paused or cancelled run: paused on screen, and Pause/Cancelled to the server. */
export function markStopped(
  items: readonly ItemState[],
  reporter: Pick<StatusReporter, 'record'>,
  as: 'paused' | 'cancelled',
): void {
  for (const item of items) {
    if (item.plan.disposition !== 'download' || item.phase === 'done' || item.phase === 'failed') continue;
    item.moveTo('paused');
    if (item.bytesDone > 0 || item.resume.offset > 0) {
      const progress = { bytesDone: item.bytesDone, size: item.plan.size, speed: 0, etaMs: null };
      reporter.record(item.plan.itemKey, as === 'paused' ? 'Pause' : 'Cancelled', progress);
    }
  }
}
