// M8 and I1 over real sockets: with a public key pinned, a software artifact whose signature was
// stripped is refused whatever its hash says (or staged visibly 'unverified' when the user allows it),
// and a signed-only artifact with wrong bytes is fetched once more, then refused.
import { randomBytes } from 'node:crypto';
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { BUILTIN_IDS } from '../../../electron/demo-server/index.js';
import { verifyFolder } from '../../../electron/engine/index.js';
import { engineHarness, type EngineHarness } from '../../support/engine-harness.js';
import {
  exists,
  fileModes,
  itemNamed,
  manifestEntry,
  patchArtifacts,
  readManifestJson,
  storageRequests,
} from '../../support/engine-trust.js';
import { useTempDirs } from '../../support/temp-dir.js';

const MSI = 'field-nav-setup-2.3.1.msi';
const tempDir = useTempDirs();

let harness: EngineHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** The installer's true SHA-256, as the catalog knows it (the server publishes none for field-nav). */
const msiSha256 = (h: EngineHarness): string =>
  h.server.catalog.deliveries
    .get(BUILTIN_IDS.fieldNav)!
    .artifacts.find((a) => a.file?.name === MSI)!
    .file!.sha256.toString('hex');

/** The installer's signature stripped; with `withHash`, a correct SHA256Hex hash added instead. */
function stripMsiSignature(h: EngineHarness, withHash: boolean): void {
  const sha256 = msiSha256(h);
  patchArtifacts(
    h,
    (key) => key.endsWith(`@${MSI}`),
    (artifact) => {
      artifact.signature = null;
      if (withHash) artifact.hash = { algorithm: 'SHA256Hex', hash: sha256 };
    },
  );
}

describe('M8: a stripped signature with a pinned key', () => {
  for (const withHash of [false, true]) {
    const hashed = withHash ? 'with a matching hash' : 'and no hash';
    test(`M8: the installer's signature stripped, ${hashed}: CLIENT.signatureMissing, nothing staged or executable`, async () => {
      harness = await engineHarness();
      stripMsiSignature(harness, withHash);
      const job = await harness.fetch(BUILTIN_IDS.fieldNav);
      expect(job.phase).toBe('failed');
      expect(job.verified).toBe(false);
      const item = itemNamed(job, MSI);
      // Fails if "a pinned key means signed" is dropped: with the hash, the file would verify on it.
      expect(item).toMatchObject({ outcome: 'failed', signatureCheck: 'absent' });
      expect(item.error?.code).toBe('CLIENT.signatureMissing');
      expect(job.error?.code).toBe('CLIENT.signatureMissing');
      // Not even downloaded: whatever bytes came, nothing would sign them.
      expect(storageRequests(harness, MSI)).toBe(0);
      expect(await exists(join(job.folder!, MSI))).toBe(false);
      // Nothing in the folder (parts included) carries an executable bit.
      expect((await fileModes(job.folder!)).filter((f) => (f.mode & 0o111) !== 0)).toEqual([]);
      const manifest = await readManifestJson(job.folder!);
      expect(manifest.verified).toBe(false);
      expect(manifestEntry(manifest, MSI)).toMatchObject({ file: null, outcome: 'failed' });
    });
  }

  test('M8: the same with allowUnverified: staged, labelled unverified everywhere', async () => {
    harness = await engineHarness({ config: { allowUnverified: true } });
    stripMsiSignature(harness, false);
    const job = await harness.fetch(BUILTIN_IDS.fieldNav);
    expect(job.phase).toBe('staged');
    // Fails if a stripped signature under a pinned key were reported verified.
    expect(job.verified).toBe(false);
    expect(itemNamed(job, MSI)).toMatchObject({
      outcome: 'unverified',
      signatureCheck: 'absent',
      error: null,
    });
    expect(await exists(join(job.folder!, MSI))).toBe(true);
    // M9: the executable bit only after verification; an installer staged unverified is not runnable.
    expect((await stat(join(job.folder!, MSI))).mode & 0o111).toBe(0);
    const manifest = await readManifestJson(job.folder!);
    expect(manifest.verified).toBe(false);
    expect(manifestEntry(manifest, MSI)).toMatchObject({ outcome: 'unverified', signature: null });
    const offline = await verifyFolder(job.folder!, { publicKeyPem: harness.server.publicKeyPem });
    expect(offline.ok && offline.value.state).toBe('unverified');
  });
});

describe('I1: a signed artifact without a hash, with wrong bytes', () => {
  const ID = '10.signed-only@1.0.0';
  const FILE = 'tool.bin';
  const BODY = randomBytes(200_000);

  async function signedOnlyHarness(): Promise<EngineHarness> {
    const dir = await tempDir();
    await writeFile(join(dir, FILE), BODY);
    const release = { catalogId: ID, artifacts: [{ file: FILE, hash: 'none' }] };
    await writeFile(join(dir, 'courier-demo.json'), JSON.stringify({ deliveries: [release] }));
    return engineHarness({ server: { dataDir: dir } });
  }

  test('I1: corrupted on the first download only: fetched once more and verified by its signature', async () => {
    harness = await signedOnlyHarness();
    harness.server.faults!.storage(FILE, { corruptByteAt: 123_456, times: 1 });
    const job = await harness.fetch(ID);
    expect(job).toMatchObject({ phase: 'staged', verified: true });
    expect(job.items[0]).toMatchObject({
      outcome: 'verified',
      hashCheck: 'none',
      signatureCheck: 'verified',
    });
    // Fails if signatureInvalid is no longer in FETCH_AGAIN (the item would fail after one download).
    expect(storageRequests(harness, FILE)).toBe(2);
  });

  test('I1: corrupted every time: CLIENT.signatureInvalid after exactly two downloads, no final file', async () => {
    harness = await signedOnlyHarness();
    harness.server.faults!.storage(FILE, { corruptByteAt: 123_456 });
    const job = await harness.fetch(ID);
    expect(job.phase).toBe('failed');
    expect(job.items[0]).toMatchObject({ outcome: 'failed', signatureCheck: 'invalid' });
    expect(job.items[0]!.error?.code).toBe('CLIENT.signatureInvalid');
    // Exactly two: fails if the re-download is dropped (1) or loops (3+).
    expect(storageRequests(harness, FILE)).toBe(2);
    expect(await exists(join(job.folder!, FILE))).toBe(false);
  });
});
