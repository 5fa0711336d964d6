// Applying job snapshots: idempotent and order-independent (a late push never overwrites a newer
// snapshot), keeping unchanged items' object identity so memoised rows skip re-rendering. Pure.
import type { ItemSnapshot, JobPhase, JobSnapshot } from '../../electron/shared/snapshots.js';

/** Later phases win a tie on updatedAt, so two snapshots of the same instant settle the same way. */
const PHASE_RANK: Readonly<Record<JobPhase, number>> = {
  queued: 0,
  preparing: 1,
  downloading: 2,
  verifying: 3,
  paused: 4,
  cancelled: 5,
  failed: 6,
  staged: 7,
};

const time = (iso: string): number => {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
};

/** >0 when `a` is newer than `b`, <0 when older, 0 when they describe the same moment. */
export function compareSnapshots(a: JobSnapshot, b: JobSnapshot): number {
  return (
    time(a.updatedAt) - time(b.updatedAt) ||
    PHASE_RANK[a.phase] - PHASE_RANK[b.phase] ||
    a.bytesDone - b.bytesDone ||
    a.items.filter((item) => item.outcome !== null).length -
      b.items.filter((item) => item.outcome !== null).length
  );
}

type Same<V> = (a: V, b: V) => boolean;
const sameValue = <V>(a: V, b: V): boolean => a === b;
const sameJson = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * How each field of T is compared, one entry per field (optional ones included): a field added to
 * the snapshot type and not here does not compile, so a change in it always re-renders.
 */
type FieldEquality<T> = { readonly [K in keyof T]-?: Same<T[K]> };

function equalBy<T extends object>(fields: FieldEquality<T>): Same<T> {
  const entries = Object.entries(fields) as [keyof T, Same<unknown>][];
  return (a, b) => entries.every(([key, same]) => same(a[key], b[key]));
}

const sameItem = equalBy<ItemSnapshot>({
  itemKey: sameValue,
  artifactType: sameValue,
  fileName: sameValue,
  phase: sameValue,
  size: sameValue,
  bytesDone: sameValue,
  speed: sameValue,
  etaMs: sameValue,
  expectedHash: sameJson,
  actualSha256: sameValue,
  hashCheck: sameValue,
  signatureCheck: sameValue,
  outcome: sameValue,
  boundTo: sameValue,
  reference: sameValue,
  isExecutable: sameValue,
  arguments: sameValue,
  reusedBytes: sameValue,
  error: sameJson,
});

/** The incoming items, with each unchanged item (and the array, if none changed) kept from `prev`. */
export function reuseItems(
  prev: readonly ItemSnapshot[],
  next: readonly ItemSnapshot[],
): readonly ItemSnapshot[] {
  if (prev === next) return prev;
  const byKey = new Map(prev.map((item) => [item.itemKey, item]));
  let changed = prev.length !== next.length;
  const merged = next.map((item, index) => {
    const old = byKey.get(item.itemKey);
    if (old && sameItem(old, item)) {
      if (prev[index] !== old) changed = true;
      return old;
    }
    changed = true;
    return item;
  });
  return changed ? merged : prev;
}

/** Everything but the items, which reuseItems compares one by one. */
const sameJobFields = equalBy<Omit<JobSnapshot, 'items'>>({
  jobId: sameValue,
  catalogId: sameValue,
  itemType: sameValue,
  phase: sameValue,
  serverStatus: sameValue,
  serverProgress: sameValue,
  bytesDone: sameValue,
  bytesTotal: sameValue,
  speed: sameValue,
  etaMs: sameValue,
  verified: sameValue,
  folder: sameValue,
  startedAt: sameValue,
  updatedAt: sameValue,
  error: sameJson,
});

/**
 * The snapshot to keep for a job: `current` when `incoming` is older or identical (so the store's
 * state does not change at all), otherwise `incoming` with unchanged items reused.
 */
export function mergeSnapshot(current: JobSnapshot | undefined, incoming: JobSnapshot): JobSnapshot {
  if (!current) return incoming;
  if (current === incoming || compareSnapshots(incoming, current) < 0) return current;
  const items = reuseItems(current.items, incoming.items);
  if (items === current.items && sameJobFields(current, incoming)) return current;
  return items === incoming.items ? incoming : { ...incoming, items };
}

/** Newest delivery first; the id breaks ties so the order never depends on arrival. */
export function orderJobs(jobs: Readonly<Record<string, JobSnapshot>>): readonly string[] {
  return Object.values(jobs)
    .sort((a, b) => time(b.startedAt) - time(a.startedAt) || (a.jobId < b.jobId ? -1 : 1))
    .map((job) => job.jobId);
}

export function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}
