// I3: the transfer looks complete but the disk stored other bytes. The engine's fs flips one byte on
// its way to disk while the socket delivered the true chunk; only reading the file back can notice.
// field-nav's tiles are signed and unhashed, so a verdict on the streamed bytes would stage the
// flipped file as verified. Real sockets, real files.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { BUILTIN_IDS } from '../../../electron/demo-server/index.js';
import { engineHarness, type EngineHarness } from '../../support/engine-harness.js';
import { exists, itemNamed, storageRequests } from '../../support/engine-trust.js';
import { faultyFs } from '../../support/staging-faulty-fs.js';

const TILES = 'field-nav-offline-tiles-2.3.1.zip';
/** An offset inside the tiles file (4 MiB + 7 bytes); the write that covers it gets one byte flipped. */
const FLIP_AT = 3_000_001;

let harness: EngineHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** An fs whose writes to the tiles `.part` store FLIP_AT flipped, for the first `downloads` downloads. */
function flippingFs(downloads: number) {
  let flipped = 0;
  return faultyFs({
    mutateWrite: (path, bytes, position) => {
      const hit = path.endsWith(`${TILES}.part`) && position <= FLIP_AT && FLIP_AT < position + bytes.length;
      if (!hit || flipped >= downloads) return bytes;
      flipped += 1;
      const stored = Uint8Array.from(bytes);
      stored[FLIP_AT - position] = stored[FLIP_AT - position]! ^ 0x20;
      return stored;
    },
  });
}

function trueTiles(h: EngineHarness): { bytes: number; sha256: string } {
  const artifact = h.server.catalog.deliveries
    .get(BUILTIN_IDS.fieldNav)!
    .artifacts.find((a) => a.file?.name === TILES)!;
  return { bytes: artifact.file!.object.size, sha256: artifact.file!.sha256.toString('hex') };
}

describe('I3: bytes changed between the network and the disk', () => {
  test('I3: a byte flipped on disk in the first download only: read back, fetched once more, verified with the true digest', async () => {
    harness = await engineHarness({ deps: { fs: flippingFs(1) } });
    const truth = trueTiles(harness);
    const job = await harness.fetch(BUILTIN_IDS.fieldNav);
    expect(job).toMatchObject({ phase: 'staged', verified: true });
    // Two downloads: fails if the read-back is dropped (the flipped file would be judged on the streamed digest).
    expect(storageRequests(harness, TILES)).toBe(2);
    const item = itemNamed(job, TILES);
    expect(item).toMatchObject({
      outcome: 'verified',
      signatureCheck: 'verified',
      actualSha256: truth.sha256,
    });
    const staged = await readFile(join(job.folder!, TILES));
    expect(staged.length).toBe(truth.bytes);
    // What the user installs is the true file: fails if the flipped bytes were committed.
    expect(createHash('sha256').update(staged).digest('hex')).toBe(truth.sha256);
  });

  test('I3: every download of the signed file stored wrongly: the signature over the disk bytes fails, twice; no final file', async () => {
    harness = await engineHarness({ deps: { fs: flippingFs(Infinity) } });
    const truth = trueTiles(harness);
    const job = await harness.fetch(BUILTIN_IDS.fieldNav);
    expect(job.phase).toBe('failed');
    const item = itemNamed(job, TILES);
    expect(item.outcome).toBe('failed');
    // The verdict is made on the bytes read back from disk: fails if it used the streamed bytes (the
    // signature would then hold and the flipped file would be staged as verified).
    expect(item.error).toMatchObject({ code: 'CLIENT.signatureInvalid' });
    expect(item.actualSha256).not.toBe(truth.sha256);
    // Re-downloaded once (I1), then given up.
    expect(storageRequests(harness, TILES)).toBe(2);
    expect(await exists(join(job.folder!, TILES))).toBe(false);
    // The other files were not affected.
    expect(job.items.filter((i) => i.outcome === 'verified')).toHaveLength(2);
  });

  test('I3: nothing published checks the file (no key, unverified allowed): the stream is the witness, stage readBack', async () => {
    harness = await engineHarness({
      deps: { fs: flippingFs(Infinity) },
      config: { publicKeyPem: undefined, allowUnverified: true },
    });
    const truth = trueTiles(harness);
    const job = await harness.fetch(BUILTIN_IDS.fieldNav);
    const item = itemNamed(job, TILES);
    // Fails if the stream is not hashed where nothing else can judge the bytes: the flipped file
    // would then be staged (as unverified) with a digest nobody received.
    expect(item.outcome).toBe('failed');
    expect(item.error).toMatchObject({
      code: 'CLIENT.hashMismatch',
      detail: { stage: 'readBack', expected: truth.sha256 },
    });
    expect(item.error?.detail?.actual).not.toBe(truth.sha256);
    expect(storageRequests(harness, TILES)).toBe(2);
    expect(await exists(join(job.folder!, TILES))).toBe(false);
  });
});
