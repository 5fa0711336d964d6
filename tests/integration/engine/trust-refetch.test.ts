// A staged package only gets better (F7): a re-fetch with weaker settings (no public key) keeps what
// was verified, touches no byte on the network and leaves the package verified; a file changed on
// disk is never carried over as verified. Reuse restores file modes (M9), and a job that stages
// nothing writes no package files. Real sockets (the demo server), real folders.
import { chmod, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { BUILTIN_IDS } from '../../../electron/demo-server/index.js';
import { verifyFolder } from '../../../electron/engine/index.js';
import { engineHarness, type EngineHarness } from '../../support/engine-harness.js';
import {
  fetchAgain,
  itemNamed,
  manifestEntry,
  readManifestJson,
  readSums,
  storageRequests,
} from '../../support/engine-trust.js';

const MSI = 'field-nav-setup-2.3.1.msi';
const TARBALL = 'field-nav-2.3.1-linux-x64.tar.gz';
const TILES = 'field-nav-offline-tiles-2.3.1.zip';
const FIELD_NAV_FILES = [MSI, TARBALL, TILES];
const NO_KEY = { publicKeyPem: undefined };

let harness: EngineHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('F7: a re-fetch without the public key keeps a signed package verified', () => {
  test('F7/M8: field-nav fetched with the key, then again without it: still verified, nothing downloaded', async () => {
    harness = await engineHarness();
    const first = await harness.fetch(BUILTIN_IDS.fieldNav);
    expect(first).toMatchObject({ phase: 'staged', verified: true });
    const before = await readManifestJson(first.folder!);
    expect(before.publicKeyFingerprint).toMatch(/^[0-9a-f]{64}$/);
    const served = storageRequests(harness);

    const again = await fetchAgain(harness, BUILTIN_IDS.fieldNav, NO_KEY);
    // Before the fix this job failed CLIENT.unverified (nothing could vouch for the files without the key).
    expect(again).toMatchObject({ phase: 'staged', verified: true, folder: first.folder, error: null });
    // 0 bytes re-downloaded: this line fails if reuse stops carrying the recorded verdict over.
    expect(storageRequests(harness)).toBe(served);
    for (const name of FIELD_NAV_FILES)
      expect(itemNamed(again, name)).toMatchObject({
        outcome: 'verified',
        reusedBytes: itemNamed(again, name).size,
      });

    const after = await readManifestJson(again.folder!);
    expect(after.verified).toBe(true);
    // The key the files were verified under is still named, though this run had none.
    expect(after.publicKeyFingerprint).toBe(before.publicKeyFingerprint);
    const sums = await readSums(again.folder!);
    for (const name of FIELD_NAV_FILES) {
      const was = manifestEntry(before, name)!;
      // Fails if the manifest degrades to signatureCheck 'noKey' / outcome 'unverified' on a re-fetch.
      expect(manifestEntry(after, name)).toMatchObject({
        file: name,
        outcome: 'verified',
        sha256: was.sha256,
        signatureCheck: 'verified',
      });
      expect(sums.get(name)).toBe(was.sha256);
    }
    expect(sums.size).toBe(FIELD_NAV_FILES.length);

    // Offline check, by this (keyless) engine and with the key: both 'verified'.
    const offline = await harness.engine.verifyFolder(again.folder!);
    expect(offline.ok && offline.value.state).toBe('verified');
    const keyless = await verifyFolder(again.folder!);
    expect(keyless.ok && keyless.value.state).toBe('verified');
  });

  test('F7/I1: a byte flipped in a staged file, then re-fetched without the key: that file is never kept as verified', async () => {
    harness = await engineHarness();
    const first = await harness.fetch(BUILTIN_IDS.fieldNav);
    await fetchAgain(harness, BUILTIN_IDS.fieldNav, NO_KEY);
    const tiles = join(first.folder!, TILES);
    const bytes = await readFile(tiles);
    bytes[4096] = bytes[4096]! ^ 0x01;
    await writeFile(tiles, bytes);
    const servedBefore = storageRequests(harness, TILES);

    const again = await fetchAgain(harness, BUILTIN_IDS.fieldNav, NO_KEY);
    const item = itemNamed(again, TILES);
    // Fails if a changed file inherits the recorded verdict (the recorded sha256 no longer matches).
    expect(item.outcome).not.toBe('verified');
    expect(item.error?.code).toBe('CLIENT.unverified');
    expect(again.verified).toBe(false);
    expect(again.phase).toBe('failed');
    // Not fetched again: keyless, nothing could vouch for a fresh copy either, so it is refused
    // before any byte is downloaded.
    expect(storageRequests(harness, TILES)).toBe(servedBefore);
    // The untouched files are still carried over.
    expect(itemNamed(again, MSI)).toMatchObject({
      outcome: 'verified',
      reusedBytes: itemNamed(again, MSI).size,
    });
    const manifest = await readManifestJson(again.folder!);
    expect(manifest.verified).toBe(false);
    expect(manifestEntry(manifest, TILES)?.outcome).toBe('failed');
    expect((await readSums(again.folder!)).has(TILES)).toBe(false);
    // Bytes that fail their checks never keep a final name; they are set aside, not lost.
    expect(await readdir(again.folder!)).not.toContain(TILES);
    expect(await readdir(join(again.folder!, '.courier', 'parts'))).toContain(`${TILES}.rejected`);
    const offline = await verifyFolder(again.folder!, { publicKeyPem: harness.server.publicKeyPem });
    expect(offline.ok && offline.value.state).not.toBe('verified');
  });
});

describe('M9/F7: reuse puts the file mode back', () => {
  test('M9/F7: an executable left at 0600 comes back 0755, a data file left at 0755 comes back 0644, 0 bytes fetched', async () => {
    harness = await engineHarness();
    const first = await harness.fetch(BUILTIN_IDS.fieldNav);
    expect(first.verified).toBe(true);
    const mode = async (name: string) => (await stat(join(first.folder!, name))).mode & 0o777;
    expect(await mode(MSI)).toBe(0o755);
    expect(await mode(TARBALL)).toBe(0o644);
    // A crash between rename and chmod (or a user's chmod) leaves the wrong bits.
    await chmod(join(first.folder!, MSI), 0o600);
    await chmod(join(first.folder!, TARBALL), 0o755);
    const served = storageRequests(harness);

    const again = await fetchAgain(harness, BUILTIN_IDS.fieldNav);
    expect(again).toMatchObject({ phase: 'staged', verified: true });
    expect(storageRequests(harness)).toBe(served);
    expect(itemNamed(again, MSI).reusedBytes).toBe(itemNamed(again, MSI).size);
    // Fails if tryReuse stops re-applying the mode (the installer would stay 0600, the tarball 0755).
    expect(await mode(MSI)).toBe(0o755);
    expect(await mode(TARBALL)).toBe(0o644);
  });
});

describe('a job that stages nothing', () => {
  test('I1/F7: 7.tampered stages nothing: no manifest.json, SHA256SUMS or report.html; failed with the item code', async () => {
    harness = await engineHarness();
    const job = await harness.fetch(BUILTIN_IDS.tampered);
    expect(job.phase).toBe('failed');
    const item = job.items[0]!;
    expect(item.error?.code).toBe('CLIENT.hashMismatch');
    // The job's code is the item's, so a script can branch on it.
    expect(job.error?.code).toBe(item.error?.code);
    // I1: fetched once more, then given up.
    expect(storageRequests(harness, 'tampered-1.0.0.bin')).toBe(2);
    const entries = await readdir(job.folder!);
    // Fails if package-manifest.ts writes package files for an empty package again.
    expect(entries).not.toContain('manifest.json');
    expect(entries).not.toContain('SHA256SUMS');
    expect(entries).not.toContain('report.html');
    expect(entries).not.toContain('tampered-1.0.0.bin');
  });
});
