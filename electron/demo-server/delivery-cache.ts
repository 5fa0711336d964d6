// Cache-mode preparations (protocol §2.2): one record per catalogId whose state is computed lazily
// from its start time and the injected clock, never from timers, so a fake clock walks it through
// start → inProgress → done → delete.
import type { ErrorDto, PrepareDeliveryResDto } from '../shared/getapp-protocol.js';
import type { DemoCatalog, DemoDelivery, DemoFile } from './catalog-model.js';
import { cacheDoneAnswer, preparationProgress, scriptedFailure, type FailureStage } from './cache-items.js';
import { deliverable } from './delivery-origin.js';
import type { CacheModeOptions } from './options.js';
import type { Presigner } from './presign.js';
import { sha256Of } from './stored-object.js';

export interface CachePreparationsOptions {
  readonly catalog: DemoCatalog;
  readonly presigner: Presigner;
  readonly now: () => number;
  readonly cache: CacheModeOptions;
}

interface Preparation {
  readonly startedAt: number;
  readonly failure?: { readonly error: ErrorDto; readonly stage: FailureStage };
  /** The cache's own hash check of the copied bytes; resolves to the error it ends in, if any. */
  readonly verification: Promise<ErrorDto | undefined>;
}

type Phase =
  | { status: 'start' }
  | { status: 'inProgress'; progress: number }
  | { status: 'done' }
  | { status: 'error'; error: ErrorDto }
  | { status: 'delete' };

export class CachePreparations {
  private readonly records = new Map<string, Preparation>();
  private readonly failuresUsed = new Map<string, number>();
  private readonly itemIds = new Map<string, number>();
  private readonly servedHashes = new WeakMap<DemoFile, Promise<Buffer>>();
  private nextItemId = 70;

  constructor(private readonly options: CachePreparationsOptions) {}

  /** POST prepareDelivery: starts or restarts when there is nothing usable, else reports without progress. */
  async prepare(catalogId: string): Promise<PrepareDeliveryResDto> {
    const check = deliverable(catalogId, this.options.catalog.deliveries.get(catalogId));
    if (!check.ok) return check.answer;
    const record = this.records.get(catalogId);
    const phase = record ? await this.phaseOf(record, check.delivery) : undefined;
    if (!phase || phase.status === 'error' || phase.status === 'delete') {
      this.restart(check.delivery);
      return { catalogId, status: 'start' };
    }
    if (phase.status === 'done') return this.doneAnswer(check.delivery);
    return { catalogId, status: phase.status };
  }

  /** GET preparedDelivery: auto-starts an unknown catalogId, else reports the phase with progress. */
  async prepared(catalogId: string): Promise<PrepareDeliveryResDto> {
    const check = deliverable(catalogId, this.options.catalog.deliveries.get(catalogId));
    if (!check.ok) return check.answer;
    const record = this.records.get(catalogId);
    if (!record) {
      this.restart(check.delivery);
      return { catalogId, status: 'start' };
    }
    const phase = await this.phaseOf(record, check.delivery);
    switch (phase.status) {
      case 'start':
        return { catalogId, status: 'start', progress: 0 };
      case 'inProgress':
        return { catalogId, status: 'inProgress', progress: phase.progress };
      case 'done':
        return this.doneAnswer(check.delivery);
      // The real service assigns status before catalogId here (F12, F13).
      case 'error':
        return { status: 'error', catalogId, error: phase.error };
      case 'delete':
        return { status: 'delete', catalogId };
    }
  }

  private get prepareMs(): number {
    return Math.max(0, (this.options.cache.prepareSeconds ?? 8) * 1000);
  }

  /** The short `start` window (fetching the description, probing sizes) before copying begins. */
  private get startMs(): number {
    return Math.min(1000, this.prepareMs / 8);
  }

  private async phaseOf(record: Preparation, delivery: DemoDelivery): Promise<Phase> {
    const elapsed = this.options.now() - record.startedAt;
    const { failure } = record;
    if (failure && elapsed >= (failure.stage === 'probe' ? this.startMs : this.prepareMs)) {
      return { status: 'error', error: failure.error };
    }
    if (elapsed < this.startMs) return { status: 'start' };
    if (elapsed < this.prepareMs) {
      const copyMs = this.prepareMs - this.startMs;
      return {
        status: 'inProgress',
        progress: preparationProgress(delivery, elapsed - this.startMs, copyMs),
      };
    }
    const mismatch = await record.verification;
    if (mismatch) return { status: 'error', error: mismatch };
    const evictMs = (this.options.cache.evictAfterSeconds ?? 12 * 3600) * 1000;
    return elapsed >= this.prepareMs + evictMs ? { status: 'delete' } : { status: 'done' };
  }

  private restart(delivery: DemoDelivery): void {
    const { catalogId } = delivery;
    const scripted = this.options.cache.failures?.[catalogId];
    const used = this.failuresUsed.get(catalogId) ?? 0;
    let failure: Preparation['failure'];
    if (scripted && used < scripted.times) {
      this.failuresUsed.set(catalogId, used + 1);
      failure = scriptedFailure(scripted.code, delivery);
    }
    // Hashing starts with the copy, as the real cache hashes while it streams; a scripted failure
    // ends the job before the check matters.
    const verification = failure ? Promise.resolve(undefined) : this.verify(delivery);
    this.records.set(catalogId, {
      startedAt: this.options.now(),
      ...(failure ? { failure } : {}),
      verification,
    });
  }

  /** Compares each declared hash with the bytes actually served; never rejects. */
  private async verify(delivery: DemoDelivery): Promise<ErrorDto | undefined> {
    for (const artifact of delivery.artifacts) {
      if (!artifact.file || !artifact.publishedHash) continue;
      const message = `for catalogId: ${delivery.catalogId} - item: ${artifact.itemKey}`;
      try {
        const served = await this.servedHash(artifact.file);
        if (!served.equals(artifact.file.sha256)) {
          return { errorCode: 'DELIVERY.notVerified', message: `Checksum failed ${message}` };
        }
      } catch {
        return { errorCode: 'DELIVERY.download', message: `Error in delivery process ${message}` };
      }
    }
    return undefined;
  }

  /** SHA-256 of what the store serves for a file, computed once per file by streaming it. */
  private servedHash(file: DemoFile): Promise<Buffer> {
    let hash = this.servedHashes.get(file);
    if (!hash) {
      hash = sha256Of(file.object);
      this.servedHashes.set(file, hash);
    }
    return hash;
  }

  private doneAnswer(delivery: DemoDelivery): PrepareDeliveryResDto {
    return cacheDoneAnswer(
      delivery,
      (itemKey) => this.itemId(delivery.catalogId, itemKey),
      this.options.presigner,
    );
  }

  /** Delivery-item ids are stable per (catalogId, itemKey), as the cache's rows are. */
  private itemId(catalogId: string, itemKey: string): number {
    const key = JSON.stringify([catalogId, itemKey]);
    let id = this.itemIds.get(key);
    if (id === undefined) {
      id = this.nextItemId++;
      this.itemIds.set(key, id);
    }
    return id;
  }
}
