// The job detail as plain display data: one row model per artifact, cached per item snapshot (the
// store keeps unchanged items identical), so a progress tick rebuilds only the rows that moved.
// Pure: no React, no bridge. The lead's render benchmark can call jobDetailModel directly.
import type { ItemSnapshot, JobSnapshot } from '../../electron/shared/snapshots.js';
import { explainError, type ExplainedError } from '../format/error-text.js';
import { ALGORITHM_LABEL, actualInAlgorithm } from '../format/hash.js';
import {
  ARTIFACT_TYPE_LABEL,
  hashStatus,
  itemStatus,
  jobStatus,
  signatureStatus,
  type StatusText,
} from '../format/status.js';
import { describeEta, formatBytes, formatEta, formatSpeed, percentOf } from '../format/units.js';
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

const rowCache = new WeakMap<ItemSnapshot, ItemRowModel>();

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

export function itemRowModel(item: ItemSnapshot, catalogId: string): ItemRowModel {
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
    typeLabel: ARTIFACT_TYPE_LABEL[item.artifactType] ?? item.artifactType,
    sizeText,
    percent,
    progressText:
      item.size === null
        ? `${formatBytes(item.bytesDone)} received, size unknown`
        : `${percent ?? 0}% · ${formatBytes(item.bytesDone)} of ${sizeText}`,
    active,
    speedText: active ? formatSpeed(item.speed) : '—',
    etaText: active ? formatEta(item.etaMs) : '—',
    status: itemStatus(item),
    hash: hashStatus(item),
    signature: signatureStatus(item.signatureCheck),
    algorithmLabel: algorithm ? ALGORITHM_LABEL[algorithm] : null,
    expected: item.expectedHash?.value ?? detailString(item, 'expected') ?? null,
    actual: actualHex && algorithm ? actualInAlgorithm(actualHex, algorithm) : actualHex,
    actualHex,
    mismatch: item.hashCheck === 'mismatch' || item.error?.code === 'CLIENT.hashMismatch',
    boundTo: item.boundTo,
    reference: item.reference,
    isExecutable: item.isExecutable,
    arguments: item.arguments,
    reusedText: item.reusedBytes > 0 ? `${formatBytes(item.reusedBytes)} reused from a verified copy` : null,
    error: item.error ? explainError(item.error) : null,
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

/** The server's preparation status (protocol DeliveryStatus) in words; unknown ones as sent. */
const SERVER_STATUS: Readonly<Record<string, string>> = {
  start: 'started',
  pending: 'queued on the server',
  inProgress: 'copying into its cache',
  done: 'ready',
  error: 'failed on the server',
  delete: 'cached copy removed, asking again',
};

export function jobProgressText(job: JobSnapshot): string {
  if (job.phase === 'preparing' || job.phase === 'queued') {
    const status = job.serverStatus ? ` (${SERVER_STATUS[job.serverStatus] ?? job.serverStatus})` : '';
    return job.serverProgress === null
      ? `Waiting for the server${status}`
      : `Server preparing: ${job.serverProgress}%${status}`;
  }
  const total = job.bytesTotal === null ? 'unknown size' : formatBytes(job.bytesTotal);
  return `${formatBytes(job.bytesDone)} of ${total}`;
}

export function jobDetailModel(job: JobSnapshot): JobDetailModel {
  const moving = job.phase === 'downloading' || job.phase === 'verifying';
  return {
    jobId: job.jobId,
    catalogId: job.catalogId,
    status: jobStatus(job),
    percent: jobPercent(job),
    progressText: jobProgressText(job),
    speedText: moving ? formatSpeed(job.speed) : '—',
    etaText: moving ? formatEta(job.etaMs) : '—',
    etaWords: moving ? describeEta(job.etaMs) : 'not running',
    counts: countItems(job.items),
    rows: job.items.map((item) => itemRowModel(item, job.catalogId)),
  };
}
