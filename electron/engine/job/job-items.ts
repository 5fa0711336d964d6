// Runs a job's downloadable items through a small worker pool. A map package and its sidecar JSON
// run side by side in one slot: the package may take its digest from the sidecar (GetMap clients'
// rule) and the sidecar is verified through the package it describes, so each waits on the other.
import type { ExpectedHash } from '../integrity/hash-format.js';
import type { ItemState } from './job-state.js';
import { runItem, type ItemContext, type MapHooks } from './item-runner.js';
import { readSmallFile } from '../staging/disk-reader.js';
import { sidecarHash } from './plan-items.js';
import { createTransferSlots, ITEMS_PER_SLOT, type TransferSlot } from './transfer-slots.js';

const SIDECAR_MAX_BYTES = 1024 * 1024;

export type ItemContextFor = (item: ItemState) => Omit<ItemContext, 'map'>;

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const isMap = (item: ItemState) => item.plan.artifactType === 'map';
const isSidecar = (item: ItemState) =>
  isMap(item) && item.plan.fileName?.toLowerCase().endsWith('.json') === true;

/** The hooks that tie one map package to its sidecar; a deferred resolves once, later calls are ignored. */
function pairHooks(pkg: ItemState, sidecar: ItemState, readText: (path: string) => Promise<string | null>) {
  const sidecarText = deferred<string | null>();
  const packageDigest = deferred<Uint8Array | null>();
  const parse = (text: string | null): ExpectedHash | null =>
    text === null ? null : sidecarHash(text, pkg.plan.itemKey);
  const packageHooks: MapHooks = {
    sidecarClaim: async () => parse(await sidecarText.promise),
    onSettled: (digest) => packageDigest.resolve(digest),
  };
  const sidecarHooks: MapHooks = {
    bindSidecar: async (path) => {
      const text = await readText(path);
      sidecarText.resolve(text);
      return {
        claimed: parse(text)?.digest ?? null,
        packageDigest: await packageDigest.promise,
        packageKey: pkg.plan.itemKey,
      };
    },
  };
  return {
    packageHooks,
    sidecarHooks,
    // A side that ends without reaching its hook (failed, paused) must not leave the other waiting.
    packageEnded: () => packageDigest.resolve(null),
    sidecarEnded: () => sidecarText.resolve(null),
  };
}

/** One item, or a map package with its sidecar; given the transfer slot it runs in. */
type Unit = (slot: TransferSlot) => Promise<void>;

export async function runItems(
  items: readonly ItemState[],
  concurrency: number,
  contextFor: ItemContextFor,
  signal: AbortSignal,
): Promise<void> {
  const downloads = items.filter((item) => item.plan.disposition === 'download');
  const sidecar = downloads.find(isSidecar);
  const pkg = downloads.find((item) => isMap(item) && !isSidecar(item));
  const units: Unit[] = [];

  if (sidecar && pkg) {
    const fs = contextFor(sidecar).folder.fs;
    // Capped before reading: a sidecar is a few KiB of JSON, so a larger one is not genuine and is
    // never read into memory (a 300 MB "sidecar" must not cost 300 MB).
    const readText = async (path: string) => {
      const read = await readSmallFile(fs, path, SIDECAR_MAX_BYTES, 'the map sidecar');
      return read.ok && read.value ? read.value.toString('utf8') : null;
    };
    const pair = pairHooks(pkg, sidecar, readText);
    units.push(async () => {
      await Promise.all([
        runItem({ ...contextFor(pkg), map: pair.packageHooks }).finally(pair.packageEnded),
        runItem({ ...contextFor(sidecar), map: pair.sidecarHooks }).finally(pair.sidecarEnded),
      ]);
    });
  }
  for (const item of downloads) {
    if (item !== sidecar && item !== pkg) units.push((slot) => runItem({ ...contextFor(item), slot }));
  }

  // The pair above keeps its slot to the end: its two items transfer side by side in it.
  const slots = createTransferSlots(concurrency);
  const worker = async () => {
    for (;;) {
      const slot = await slots.take();
      const unit = signal.aborted ? undefined : units.shift();
      try {
        if (!unit) return;
        await unit(slot);
      } finally {
        slot.release();
      }
    }
  };
  const workers = Math.max(1, Math.min(concurrency * ITEMS_PER_SLOT, units.length));
  await Promise.all(Array.from({ length: workers }, worker));
}
