// What each campaign run does, from the seed and the run's number alone: one fault class from the
// demo server's fault registry with random parameters, and for some runs a SIGKILL point.
// Fault IDs are the fault catalogue's (docs/HAZARDS.md).
import { CATALOG_ID } from './fixture.js';
import { prng, runRandom } from './random.js';

/**
 * @typedef {import('./fixture.js').Fixture} Fixture
 * @typedef {import('./fixture.js').TrueArtifact} TrueArtifact
 * @typedef {import('../../electron/demo-server/index.js').StorageFaultScript} StorageFaultScript
 * @typedef {import('../../electron/demo-server/index.js').ApiFaultScript} ApiFaultScript
 * @typedef {ReturnType<typeof runRandom>} RunRandom
 * @typedef {{ storage: [string, StorageFaultScript][], api: [string, ApiFaultScript][] }} FaultScripts
 * @typedef {{
 *   name: string,
 *   ids: string,
 *   resumeBound: boolean,
 *   make: (rng: RunRandom, target: TrueArtifact) => FaultScripts,
 *   reportsBlocked?: boolean,
 * }} FaultClass
 * @typedef {'byte' | 'early' | 'before-rename' | 'after-rename' | 'journal-write' | 'package-write' | 'log-append' | 'log-synced'} KillMode
 * @typedef {{ mode: KillMode, file?: string, atByte?: number, nth?: number }} KillPlan
 * @typedef {{ run: number, fault: FaultClass, target: TrueArtifact, scripts: FaultScripts, kill?: KillPlan }} RunPlan
 */

const storage = (/** @type {string} */ file, /** @type {StorageFaultScript} */ script) =>
  /** @type {FaultScripts} */ ({ storage: [[file, script]], api: [] });
const api = (/** @type {string} */ path, /** @type {ApiFaultScript} */ script) =>
  /** @type {FaultScripts} */ ({ storage: [], api: [[path, script]] });
const both = (/** @type {FaultScripts[]} */ ...parts) => ({
  storage: parts.flatMap((p) => p.storage),
  api: parts.flatMap((p) => p.api),
});

/** Retry-After values as servers send them: seconds, an HTTP date, and junk that must be ignored. */
const RETRY_AFTER = ['0', '1', '-5', 'soon', '1e309', () => new Date(Date.now() + 1000).toUTCString()];
const retryAfter = (/** @type {RunRandom} */ rng) => {
  const value = rng.pick(RETRY_AFTER);
  return typeof value === 'function' ? value() : value;
};
const PREPARE = 'delivery/prepareDelivery';
const STATUS = 'delivery/preparedDelivery';

/** Rewrites one artifact of the prepared delivery (M6, M7, M8): the body is hostile, the bytes are not. */
function hostileDelivery(/** @type {RunRandom} */ rng, /** @type {TrueArtifact} */ target) {
  const change = rng.pick([
    'flipHash',
    'upperHash',
    'smallerSize',
    'largerSize',
    'swapSignature',
    'dropSignature',
    'junkSignature',
  ]);
  // Drawn now, not per answer: every poll must rewrite the delivery the same way.
  const delta = rng.int(1, 4096);
  /** @param {any} body */
  const transform = (body) => {
    const artifacts = body?.Artifacts ?? body?.artifacts;
    if (!Array.isArray(artifacts)) return body;
    const mine = artifacts.find((a) => String(a.url ?? '').includes(target.file));
    const other = artifacts.find((a) => a !== mine);
    if (!mine) return body;
    if (change === 'flipHash' && typeof mine.hash?.value === 'string')
      mine.hash.value = mine.hash.value.replace(/^./, (/** @type {string} */ c) => (c === '0' ? '1' : '0'));
    if (change === 'upperHash' && typeof mine.hash?.value === 'string')
      mine.hash.value = mine.hash.value.toUpperCase();
    if (change === 'smallerSize') mine.size = target.size - delta;
    if (change === 'largerSize') mine.size = target.size + delta;
    if (change === 'swapSignature' && other) mine.signature = other.signature;
    if (change === 'dropSignature') mine.signature = null;
    if (change === 'junkSignature') mine.signature = 'MEUCIQ' + 'A'.repeat(60);
    return body;
  };
  return both(api(PREPARE, { transform }), api(STATUS, { transform }));
}

/**
 * Every fault class the campaign draws from, each a row (or rows) of the fault catalogue.
 * @type {readonly FaultClass[]}
 */
export const FAULT_CLASSES = [
  {
    name: 'reset',
    ids: 'T2',
    resumeBound: true,
    make: (rng, t) => storage(t.file, { resetAfterBytes: rng.int(0, t.size - 1), times: rng.int(1, 2) }),
  },
  {
    name: 'truncated',
    ids: 'T3',
    resumeBound: true,
    make: (rng, t) => storage(t.file, { truncateAfterBytes: rng.int(0, t.size - 1), times: 1 }),
  },
  {
    name: 'wrong-length',
    ids: 'T3 T4 M7',
    resumeBound: true,
    make: (rng, t) =>
      storage(t.file, {
        contentLength: rng.pick([
          t.size - rng.int(1, 4096),
          t.size + rng.int(1, 4096),
          rng.int(0, t.size - 1),
        ]),
        times: 1,
      }),
  },
  {
    name: 'stall',
    ids: 'T5',
    resumeBound: true,
    make: (rng, t) => storage(t.file, { stallAfterBytes: rng.int(0, t.size - 1), times: 1 }),
  },
  {
    name: 'drip',
    ids: 'T6',
    resumeBound: true,
    make: (rng, t) => storage(t.file, { dripBytesPerSecond: rng.int(8, 32) * 1024 * 1024, times: 1 }),
  },
  {
    name: 'busy-storage',
    ids: 'T7',
    resumeBound: true,
    make: (rng, t) =>
      storage(t.file, {
        status: rng.pick([500, 502, 503, 429]),
        retryAfter: retryAfter(rng),
        times: rng.int(1, 2),
      }),
  },
  {
    name: 'ignored-range',
    ids: 'T8',
    resumeBound: false,
    make: (rng, t) => storage(t.file, { resetAfterBytes: rng.int(1, t.size - 1), times: 1 }),
    // The second request (the resume) gets the whole object with 200: see `then` below.
  },
  {
    name: 'changed-etag',
    ids: 'T8',
    resumeBound: false,
    make: (rng, t) => storage(t.file, { resetAfterBytes: rng.int(1, t.size - 1), times: 1 }),
  },
  {
    name: 'gzip',
    ids: 'T9',
    resumeBound: false,
    make: (_rng, t) => storage(t.file, { gzip: true, times: 1 }),
  },
  {
    name: 'html',
    ids: 'T9',
    resumeBound: false,
    make: (_rng, t) => storage(t.file, { contentType: 'text/html; charset=utf-8', times: 1 }),
  },
  {
    name: 'extra-bytes',
    ids: 'T4',
    resumeBound: false,
    make: (rng, t) => storage(t.file, { extraBytes: rng.int(1, 4096), times: 1 }),
  },
  {
    name: 'corrupt',
    ids: 'I1',
    resumeBound: false,
    make: (rng, t) => storage(t.file, { corruptByteAt: rng.int(0, t.size - 1), times: rng.int(1, 3) }),
  },
  {
    name: 'url-expired',
    ids: 'U5',
    resumeBound: true,
    make: (_rng, t) => storage(t.file, { status: 403, times: 1 }),
  },
  {
    name: 'busy-api',
    ids: 'T7 P1',
    resumeBound: true,
    make: (rng) =>
      api(rng.pick([PREPARE, STATUS]), {
        status: rng.pick([500, 503, 429]),
        retryAfter: retryAfter(rng),
        times: rng.int(1, 2),
      }),
  },
  {
    name: 'token-expired',
    ids: 'A2',
    resumeBound: true,
    make: (rng) => api(rng.pick([PREPARE, STATUS]), { status: 401, times: 1 }),
  },
  {
    name: 'hostile-delivery',
    ids: 'M6 M7 M8',
    resumeBound: false,
    make: (rng, t) => hostileDelivery(rng, t),
  },
  {
    name: 'reports-unreachable',
    ids: 'outbox',
    resumeBound: true,
    reportsBlocked: true,
    make: () => api('delivery/updateDownloadStatus', { status: 503, times: 100_000 }),
  },
];

/** Second scripts that follow a class's first one (registered after it, so they apply next). */
export function followUp(/** @type {string} */ name, /** @type {TrueArtifact} */ target) {
  if (name === 'ignored-range') return storage(target.file, { ignoreRange: true, times: 2 });
  if (name === 'changed-etag') return storage(target.file, { etag: '"changed-on-the-server"' });
  return { storage: [], api: [] };
}

/** @type {readonly KillMode[]} */
const NAMED_WINDOWS = [
  'before-rename',
  'after-rename',
  'journal-write',
  'package-write',
  'log-append',
  'log-synced',
];
/**
 * How many times a run may reach a window (2 unless listed): the journal is rewritten, and the log
 * appended to, many times per run.
 * @type {Partial<Record<KillMode, number>>}
 */
const REACHED = { 'journal-write': 6, 'log-append': 12, 'log-synced': 12 };

/** Which runs get a SIGKILL: `kills` of the `runs`, spread by the seed alone. */
export function killRuns(
  /** @type {number} */ seed,
  /** @type {number} */ runs,
  /** @type {number} */ kills,
) {
  const order = Array.from({ length: runs }, (_, i) => i);
  const next = prng(seed ^ 0x5bd1e995);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    const swap = /** @type {number} */ (order[i]);
    order[i] = /** @type {number} */ (order[j]);
    order[j] = swap;
  }
  return new Set(order.slice(0, Math.min(kills, runs)));
}

export function planRun(
  /** @type {number} */ seed,
  /** @type {number} */ run,
  /** @type {Fixture} */ fixture,
  /** @type {boolean} */ withKill,
) {
  const rng = runRandom(seed, run);
  /** @type {FaultClass} */
  const fault = /** @type {FaultClass} */ (FAULT_CLASSES[run % FAULT_CLASSES.length]);
  const target = rng.pick(fixture.artifacts);
  const scripts = both(fault.make(rng, target), followUp(fault.name, target));
  /** @type {RunPlan} */
  const plan = { run, fault, target, scripts };
  if (withKill) {
    const mode = rng.next() < 0.55 ? 'byte' : rng.next() < 0.15 ? 'early' : rng.pick(NAMED_WINDOWS);
    if (mode === 'byte') {
      const file = rng.pick(fixture.artifacts);
      plan.kill = { mode, file: file.file, atByte: rng.int(1, file.size - 1) };
    } else {
      plan.kill = { mode, nth: rng.int(1, REACHED[mode] ?? 2) };
    }
  }
  return plan;
}

export { CATALOG_ID };
