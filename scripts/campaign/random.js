// Seeded randomness for the campaign: the same seed and run number always give the same schedule,
// so a failing run reproduces exactly.

/** mulberry32: small, fast, and good enough to spread faults; never for anything secret. */
export function prng(/** @type {number} */ seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The generator of one run: depends on the campaign seed and the run's number only. */
export function runRandom(/** @type {number} */ seed, /** @type {number} */ run) {
  const next = prng(Math.imul(seed, 0x9e3779b1) ^ Math.imul(run + 1, 0x85ebca6b));
  return {
    next,
    /** An integer in [min, max]. */
    int: (/** @type {number} */ min, /** @type {number} */ max) => min + Math.floor(next() * (max - min + 1)),
    /** One element of a non-empty list. */
    pick: /** @template T @param {readonly T[]} list @returns {T} */ (list) =>
      /** @type {T} */ (list[Math.floor(next() * list.length)]),
  };
}

/** Bytes from a seed (xorshift words): fixture content that needs no storage in the repository. */
export function seededBytes(/** @type {number} */ size, /** @type {number} */ seed) {
  const bytes = Buffer.alloc(size);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i + 4 <= size; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes.writeUInt32LE(x >>> 0, i);
  }
  for (let i = size - (size % 4); i < size; i += 1) bytes[i] = i & 0xff;
  return bytes;
}
