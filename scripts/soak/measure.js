// What the soak measures in its own process: resident memory and V8 heap after a full collection,
// and the open file descriptors by kind (Linux /proc only; elsewhere null, printed as n/a).
import { readdirSync, readlinkSync } from 'node:fs';

/**
 * @typedef {{ files: number, sockets: number, other: number }} FdKinds
 * @typedef {{ delivery: number, rssBytes: number, heapUsedBytes: number, fds: number | null, fdKinds: FdKinds | null }} Sample
 */

/** @returns {FdKinds | null} */
function openFds() {
  let names;
  try {
    names = readdirSync('/proc/self/fd');
  } catch {
    return null;
  }
  const kinds = { files: 0, sockets: 0, other: 0 };
  for (const name of names) {
    let target;
    try {
      target = readlinkSync(`/proc/self/fd/${name}`);
    } catch {
      continue; // the descriptor readdir itself used, closed by now
    }
    if (target.startsWith('socket:')) kinds.sockets += 1;
    else if (target.startsWith('/')) kinds.files += 1;
    else kinds.other += 1; // pipes, eventfd, epoll: libuv's own
  }
  return kinds;
}

/**
 * V8 frees the backing stores of dead ArrayBuffers on a background thread after a collection, so a
 * reading taken right after gc() may still count them; a pause lets that sweeper finish.
 */
const SWEEP_MS = 250;
const pause = () => new Promise((resolve) => setTimeout(resolve, SWEEP_MS));

/**
 * One sample after `delivery` deliveries. Needs `node --expose-gc`. The "last-resort" collection is
 * the one V8 runs under memory pressure: it also shrinks the young generation, which V8 otherwise
 * sizes (by tens of MiB) to the recent allocation rate. What RSS shows after it is what the process
 * keeps, not when the collector last ran.
 * @param {number} delivery
 * @returns {Promise<Sample>}
 */
export async function sample(delivery) {
  const gc = global.gc;
  if (typeof gc !== 'function') throw new Error('run with node --expose-gc (npm run soak does)');
  for (let round = 0; round < 2; round += 1) {
    gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
    await pause();
  }
  const { rss, heapUsed } = process.memoryUsage();
  const fdKinds = openFds();
  const fds = fdKinds ? fdKinds.files + fdKinds.sockets + fdKinds.other : null;
  return { delivery, rssBytes: rss, heapUsedBytes: heapUsed, fds, fdKinds };
}

/** @param {number} bytes */
const mib = (bytes) => (bytes / 2 ** 20).toFixed(1);

/**
 * @param {readonly Sample[]} samples
 * @returns {string}
 */
export function sampleTable(samples) {
  const rows = [['delivery', 'RSS MiB', 'heap MiB', 'fds', 'files/sockets/other']];
  for (const s of samples) {
    const kinds = s.fdKinds ? `${s.fdKinds.files}/${s.fdKinds.sockets}/${s.fdKinds.other}` : 'n/a';
    rows.push([String(s.delivery), mib(s.rssBytes), mib(s.heapUsedBytes), String(s.fds ?? 'n/a'), kinds]);
  }
  return rows.map((row) => row.map((cell) => cell.padStart(10)).join(' ')).join('\n');
}

/** RSS may drift this much (either way) from the warm-up sample to the last one. */
export const RSS_TOLERANCE = 0.1;

/**
 * The soak's verdict: RSS at the end within ±10 % of the warm-up sample, and no more open
 * descriptors at the end than after warm-up.
 * @param {readonly Sample[]} samples the warm-up sample first
 */
export function verdict(samples) {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last) throw new Error('no samples taken');
  const rssChange = last.rssBytes / first.rssBytes - 1;
  const rssOk = Math.abs(rssChange) <= RSS_TOLERANCE;
  const fdChange = first.fds === null || last.fds === null ? null : last.fds - first.fds;
  const fdsOk = fdChange === null || fdChange <= 0;
  // Not judged, but it tells retained objects from allocator slack when RSS moves.
  const heapGrowthBytes = last.heapUsedBytes - first.heapUsedBytes;
  return { rssChange, rssOk, fdChange, fdsOk, heapGrowthBytes, ok: rssOk && fdsOk };
}
