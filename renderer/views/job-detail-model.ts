// The job detail as plain display data: one row model per artifact, cached per item snapshot (the
// store keeps unchanged items identical), so a progress tick rebuilds only the rows that moved.
// Pure: no React, no bridge. The lead's render benchmark can call jobDetailModel directly.
import type { ItemSnapshot, JobSnapshot } from '../../electron/shared/snapshots.js';
import { explainError, type ExplainedError } from '../format/error-text.js';
import { ALGORITHM_LABEL, actualInAlgorithm } from '../format/hash.js';
import {
  artifactTypeLabel,
  hashStatus,
  itemStatus,
  jobStatus,
  signatureStatus,
  type StatusText,
} from '../format/status.js';
import { describeEta, formatBytes, formatEta, formatSpeed, percentOf } from '../format/units.js';
import type { MessageKey } from '../i18n/messages.js';
import type { Translator } from '../i18n/translator.js';
import { countItems, jobPercent, type ItemCounts } from '../store/selectors.js';

export interface ItemRowModel {
  readonly key: string;
  readonly name: string;
  readonly typeLabel: string;
  readonly sizeText: string;
  readonly percent: number | null;
  readonly progressText: string;
  readonly active: boolean;
  readonly speedText: string;
  readonly etaText: string;
  readonly status: StatusText;
  readonly hash: StatusText;
  readonly signature: StatusText;
  readonly algorithmLabel: string | null;
  readonly expected: string | null;
  /** The actual digest in the published value's notation (hex or base64). */
  readonly actual: string | null;
  readonly actualHex: string | null;
  readonly mismatch: boolean;
  readonly boundTo: string | null;
  readonly reference: string | null;
  readonly isExecutable: boolean;
  readonly arguments: string | null;
  readonly reusedText: string | null;
  readonly error: ExplainedError | null;
  /** Rows that need their details open without a click: problems, commands, references. */
  readonly attention: boolean;
}

/** Row models per language: switching the language rebuilds every row once, in its words. */
const rowCaches = new WeakMap<Translator, WeakMap<ItemSnapshot, ItemRowModel>>();

function rowCacheFor(tr: Translator): WeakMap<ItemSnapshot, ItemRowModel> {
  let cache = rowCaches.get(tr);
  if (!cache) {
    cache = new WeakMap();
    rowCaches.set(tr, cache);
  }
  return cache;
}

/** The item's name inside the package: its file name, else the itemKey without "<catalogId>@". */
export function itemName(item: ItemSnapshot, catalogId: string): string {
  if (item.fileName) return item.fileName;
  const prefix = `${catalogId}@`;
  return item.itemKey.startsWith(prefix) ? item.itemKey.slice(prefix.length) : item.itemKey;
}

function detailString(item: ItemSnapshot, key: string): string | null {
  const value = item.error?.detail?.[key];
  return typeof value === 'string' && value.length > 0 ? value : null;
}

export function itemRowModel(tr: Translator, item: ItemSnapshot, catalogId: string): ItemRowModel {
  const rowCache = rowCacheFor(tr);
  const cached = rowCache.get(item);
  if (cached) return cached;
  const percent =
    item.outcome === 'verified' || item.phase === 'done' ? 100 : percentOf(item.bytesDone, item.size);
  const active = item.phase === 'downloading' || item.phase === 'verifying';
  const actualHex = item.actualSha256 ?? detailString(item, 'actual') ?? detailString(item, 'actualSha256');
  const algorithm = item.expectedHash?.algorithm ?? null;
  const name = itemName(item, catalogId);
  const sizeText = formatBytes(item.size);
  const model: ItemRowModel = {
    key: item.itemKey,
    name,
    typeLabel: artifactTypeLabel(tr, item.artifactType),
    sizeText,
    percent,
    progressText:
      item.size === null
        ? tr.text('deliveries.item.receivedSizeUnknown', { received: formatBytes(item.bytesDone) })
        : tr.text('deliveries.item.progress', {
            percent: percent ?? 0,
            done: formatBytes(item.bytesDone),
            size: sizeText,
          }),
    active,
    speedText: active ? formatSpeed(item.speed) : '—',
    etaText: active ? formatEta(item.etaMs) : '—',
    status: itemStatus(tr, item),
    hash: hashStatus(tr, item),
    signature: signatureStatus(tr, item.signatureCheck),
    algorithmLabel: algorithm ? ALGORITHM_LABEL[algorithm] : null,
    expected: item.expectedHash?.value ?? detailString(item, 'expected') ?? null,
    actual: actualHex && algorithm ? actualInAlgorithm(actualHex, algorithm) : actualHex,
    actualHex,
    mismatch: item.hashCheck === 'mismatch' || item.error?.code === 'CLIENT.hashMismatch',
    boundTo: item.boundTo,
    reference: item.reference,
    isExecutable: item.isExecutable,
    arguments: item.arguments,
    reusedText:
      item.reusedBytes > 0
        ? tr.text('deliveries.item.reused', { size: formatBytes(item.reusedBytes) })
        : null,
    error: item.error ? explainError(tr, item.error) : null,
    attention: item.error !== null || item.hashCheck === 'mismatch' || item.reference !== null,
  };
  rowCache.set(item, model);
  return model;
}

export interface JobDetailModel {
  readonly jobId: string;
  readonly catalogId: string;
  readonly status: StatusText;
  readonly percent: number | null;
  readonly progressText: string;
  readonly speedText: string;
  readonly etaText: string;
  readonly etaWords: string;
  readonly counts: ItemCounts;
  readonly rows: readonly ItemRowModel[];
}

/** What a delivery was asked for as (the protocol's item type), in words; an unknown one as sent. */
const ITEM_TYPE: Readonly<Record<string, MessageKey>> = {
  software: 'deliveries.itemType.software',
  map: 'deliveries.itemType.map',
  cache: 'deliveries.itemType.cache',
  config: 'deliveries.itemType.config',
};

export function itemTypeLabel(tr: Translator, type: string): string {
  return Object.hasOwn(ITEM_TYPE, type) ? tr.text(ITEM_TYPE[type]!) : type;
}

/** The server's preparation status (protocol DeliveryStatus) in words; unknown ones as sent. */
const SERVER_STATUS: Readonly<Record<string, MessageKey>> = {
  start: 'deliveries.server.start',
  pending: 'deliveries.server.pending',
  inProgress: 'deliveries.server.inProgress',
  done: 'deliveries.server.done',
  error: 'deliveries.server.error',
  delete: 'deliveries.server.delete',
};

function serverStatusText(tr: Translator, status: string): string {
  return Object.hasOwn(SERVER_STATUS, status) ? tr.text(SERVER_STATUS[status]!) : status;
}

export function jobProgressText(tr: Translator, job: JobSnapshot): string {
  if (job.phase === 'preparing' || job.phase === 'queued') {
    const status = job.serverStatus ? serverStatusText(tr, job.serverStatus) : null;
    if (job.serverProgress === null)
      return status === null
        ? tr.text('deliveries.waitingServer')
        : tr.text('deliveries.waitingServerStatus', { status });
    const percent = job.serverProgress;
    return status === null
      ? tr.text('deliveries.serverPreparing', { percent })
      : tr.text('deliveries.serverPreparingStatus', { percent, status });
  }
  const done = formatBytes(job.bytesDone);
  return job.bytesTotal === null
    ? tr.text('deliveries.bytesOfUnknown', { done })
    : tr.text('deliveries.bytesOf', { done, total: formatBytes(job.bytesTotal) });
}

export function jobDetailModel(tr: Translator, job: JobSnapshot): JobDetailModel {
  const moving = job.phase === 'downloading' || job.phase === 'verifying';
  return {
    jobId: job.jobId,
    catalogId: job.catalogId,
    status: jobStatus(tr, job),
    percent: jobPercent(job),
    progressText: jobProgressText(tr, job),
    speedText: moving ? formatSpeed(job.speed) : '—',
    etaText: moving ? formatEta(job.etaMs) : '—',
    etaWords: moving ? describeEta(tr, job.etaMs) : tr.text('deliveries.notRunning'),
    counts: countItems(job.items),
    rows: job.items.map((item) => itemRowModel(tr, item, job.catalogId)),
  };
}
