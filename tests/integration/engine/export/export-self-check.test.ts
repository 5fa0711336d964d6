// An exported drive checks itself without Courier: cosign.pub, one DER `<file>.sig` per signed file,
// verify.sh, verify.ps1 and README.txt next to SHA256SUMS. verify.sh runs for real under Debian's dash
// with sha256sum and openssl; a flipped byte, a wrong signature or another key make it fail and name
// the file. `courier verify` (verifyFolder) counts these files as Courier's own only while unchanged.
import { createHash, sign } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  exportPackage,
  parsePublicKey,
  verifyFolder,
  type ExportResult,
} from '../../../../electron/engine/index.js';
import { selfCheckFiles } from '../../../../electron/engine/self-check/kit.js';
import { writePackageFiles } from '../../../../electron/engine/staging/manifest-io.js';
import { nodeFs } from '../../../../electron/engine/staging/fs-adapter.js';
import { CONTROL_DIR } from '../../../../electron/shared/manifest.js';
import { useStagedPackage } from '../../../support/export-package.js';
import { opensslVerify, pathWithout, runVerifySh } from '../../../support/self-check.js';
import {
  buildPackage,
  fingerprintOf,
  makeArtifact,
  makeManifest,
  newSigningPair,
} from '../../../support/staging-package.js';
import { useTempDirs } from '../../../support/temp-dir.js';

const staged = useStagedPackage();
const tempDir = useTempDirs();
const SELF_CHECK = ['README.txt', 'cosign.pub', 'verify.ps1', 'verify.sh'];

async function exportWithKey(publicKeyPem?: string): Promise<ExportResult> {
  const result = await exportPackage({
    source: staged().folder,
    targetRoot: await tempDir(),
    ...(publicKeyPem !== undefined ? { publicKeyPem } : {}),
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function flipByte(path: string): Promise<void> {
  const bytes = await readFile(path);
  bytes[bytes.length >> 1] = bytes[bytes.length >> 1]! ^ 0x01;
  await writeFile(path, bytes);
}

describe('the drive checks itself with verify.sh (dash, sha256sum, openssl)', () => {
  test('a fresh export passes its own verify.sh, and each .sig passes openssl dgst -verify by hand', async () => {
    const result = await exportWithKey(staged().publicKeyPem);
    const names = result.files.map((f) => f.file);
    expect(result.selfCheck).toEqual({ signatures: 3, publicKey: 'written' });
    expect((await readdir(result.folder)).sort()).toEqual(
      [
        ...names,
        ...names.map((n) => `${n}.sig`),
        ...SELF_CHECK,
        'SHA256SUMS',
        'manifest.json',
        'report.html',
      ].sort(),
    );
    expect((await stat(join(result.folder, 'verify.sh'))).mode & 0o111).not.toBe(0);

    const run = runVerifySh(result.folder);
    expect(run.status, run.output).toBe(0);
    expect(run.verdict).toBe('DRIVE VERIFIED: 3 files intact, 3 signatures valid.');
    for (const name of names) {
      expect(run.output).toContain(`${name}: OK`);
      expect(run.output).toContain(`${name}: signature OK`);
      const byHand = opensslVerify(result.folder, name);
      expect(byHand.status, byHand.output).toBe(0);
      expect(byHand.output).toContain('Verified OK');
    }

    // Courier agrees, and does not call its own helper files unlisted.
    const verified = await verifyFolder(result.folder, { publicKeyPem: staged().publicKeyPem });
    expect(verified.ok && [verified.value.state, verified.value.extra]).toEqual(['verified', []]);
  });

  test('a flipped byte in a file fails verify.sh, naming the file; courier verify says changed', async () => {
    const result = await exportWithKey(staged().publicKeyPem);
    const victim = result.files[1]!.file;
    await flipByte(join(result.folder, victim));

    const run = runVerifySh(result.folder);
    expect(run.status, run.output).toBe(1);
    expect(run.output).toContain(`${victim}: FAILED`);
    expect(run.verdict).toMatch(/^NOT VERIFIED: /);
    expect(run.verdict).toContain(`changed or missing: "${victim}"`);
    const verified = await verifyFolder(result.folder);
    expect(verified.ok && verified.value.state).toBe('changed');
  });

  test('a signature over other data fails verify.sh, naming the file; courier verify calls the .sig unlisted', async () => {
    const result = await exportWithKey(staged().publicKeyPem);
    const [victim, other] = result.files.map((f) => f.file);
    // A genuine signature by the right key, but over another file's bytes.
    await copyFile(join(result.folder, `${other}.sig`), join(result.folder, `${victim}.sig`));

    const run = runVerifySh(result.folder);
    expect(run.status, run.output).toBe(1);
    expect(run.output).toContain(`${victim}: OK`); // its bytes are intact
    expect(run.output).toContain(`${victim}: signature FAILED`);
    expect(run.verdict).toBe(
      `NOT VERIFIED: signature not valid: "${victim}". Do not install from this drive: copy the package to it again.`,
    );
    expect(opensslVerify(result.folder, victim!).status).not.toBe(0);
    const verified = await verifyFolder(result.folder, { publicKeyPem: staged().publicKeyPem });
    expect(verified.ok && [verified.value.state, verified.value.extra]).toEqual([
      'unlisted',
      [`${victim}.sig`],
    ]);
  });

  test('a deleted .sig or another cosign.pub fails verify.sh; courier verify calls that key unlisted', async () => {
    const result = await exportWithKey(staged().publicKeyPem);
    const victim = result.files[2]!.file;
    await rm(join(result.folder, `${victim}.sig`));
    const missing = runVerifySh(result.folder);
    expect(missing.status, missing.output).toBe(1);
    expect(missing.verdict).toContain(`signature not valid: "${victim}"`);

    const other = await exportWithKey(staged().publicKeyPem);
    await writeFile(join(other.folder, 'cosign.pub'), newSigningPair().publicKeyPem);
    const wrongKey = runVerifySh(other.folder);
    expect(wrongKey.status, wrongKey.output).toBe(1);
    expect(wrongKey.verdict).toMatch(
      /^NOT VERIFIED: cosign\.pub is not the key this package was checked with/,
    );
    const verified = await verifyFolder(other.folder);
    expect(verified.ok && [verified.value.state, verified.value.extra]).toEqual(['unlisted', ['cosign.pub']]);
  });

  test('without the key: .sig files, no cosign.pub, verify.sh exits 3 until cosign.pub is put next to it', async () => {
    const result = await exportWithKey();
    expect(result.selfCheck).toEqual({ signatures: 3, publicKey: 'notGiven' });
    const entries = await readdir(result.folder);
    expect(entries).not.toContain('cosign.pub');
    expect(entries.filter((n) => n.endsWith('.sig'))).toHaveLength(3);
    const verified = await verifyFolder(result.folder);
    expect(verified.ok && [verified.value.state, verified.value.extra]).toEqual(['verified', []]);

    const run = runVerifySh(result.folder);
    expect(run.status, run.output).toBe(3);
    expect(run.verdict).toMatch(
      /^FILES INTACT, SIGNATURES NOT CHECKED: 3 files intact; cosign\.pub .* is not here/,
    );

    // What README.txt tells the technician to do.
    await writeFile(join(result.folder, 'cosign.pub'), staged().publicKeyPem);
    const again = runVerifySh(result.folder);
    expect(again.status, again.output).toBe(0);
    expect(again.verdict).toBe('DRIVE VERIFIED: 3 files intact, 3 signatures valid.');
  });

  test('a key that is not the one the package records is not written', async () => {
    const result = await exportWithKey(newSigningPair().publicKeyPem);
    expect(result.selfCheck.publicKey).toBe('otherKey');
    expect(await readdir(result.folder)).not.toContain('cosign.pub');
  });

  test('on a Mac (shasum, no sha256sum) it still checks; without openssl it says the signatures were not checked', async () => {
    const result = await exportWithKey(staged().publicKeyPem);
    const mac = runVerifySh(result.folder, {
      path: await pathWithout(join(await tempDir(), 'mac'), ['sha256sum']),
    });
    expect(mac.status, mac.output).toBe(0);
    expect(mac.verdict).toBe('DRIVE VERIFIED: 3 files intact, 3 signatures valid.');

    const bare = runVerifySh(result.folder, {
      path: await pathWithout(join(await tempDir(), 'bare'), ['openssl']),
    });
    expect(bare.status, bare.output).toBe(3);
    expect(bare.verdict).toContain('openssl is not installed, so 3 signatures were not checked');

    const none = runVerifySh(result.folder, {
      path: await pathWithout(join(await tempDir(), 'none'), ['sha256sum', 'shasum']),
    });
    expect(none.status, none.output).toBe(2);
    expect(none.verdict).toMatch(/^NOT VERIFIED: the check could not run/);
  });

  test('an edited verify.sh is no longer Courier’s: courier verify calls it unlisted', async () => {
    const result = await exportWithKey(staged().publicKeyPem);
    const path = join(result.folder, 'verify.sh');
    await writeFile(path, `${await readFile(path, 'utf8')}\necho DRIVE VERIFIED\n`);
    const verified = await verifyFolder(result.folder);
    expect(verified.ok && [verified.value.state, verified.value.extra]).toEqual(['unlisted', ['verify.sh']]);
  });
});

describe('names and labels', () => {
  test('names with spaces and Hebrew letters are checked and named; a flipped byte names the file', async () => {
    const source = join(await tempDir(), '9.tool@1.0.0');
    const key = newSigningPair();
    await buildPackage(
      source,
      {
        'Field Nav Setup.msi': Buffer.from('installer bytes'),
        'מפת אזור 7.gpkg': Buffer.from('map bytes'),
      },
      key,
    );
    const root = await tempDir();
    const result = await exportPackage({ source, targetRoot: root, publicKeyPem: key.publicKeyPem });
    if (!result.ok) throw new Error(result.error.message);
    expect(await readdir(result.value.folder)).toContain('מפת אזור 7.gpkg.sig');

    const run = runVerifySh(result.value.folder);
    expect(run.status, run.output).toBe(0);
    expect(run.verdict).toBe('DRIVE VERIFIED: 2 files intact, 2 signatures valid.');

    await flipByte(join(result.value.folder, 'Field Nav Setup.msi'));
    const flipped = runVerifySh(result.value.folder);
    expect(flipped.status, flipped.output).toBe(1);
    expect(flipped.verdict).toContain('changed or missing: "Field Nav Setup.msi"');
    expect(flipped.verdict).toContain('signature not valid: "Field Nav Setup.msi"');
  });

  test('a package copied labelled Unverified never ends DRIVE VERIFIED; unsigned, it needs no cosign.pub', async () => {
    const source = join(await tempDir(), '9.tool@1.0.0');
    await buildPackage(source, { 'tool.bin': Buffer.from('abc') });
    const manifest = makeManifest([
      makeArtifact({
        hashCheck: 'none',
        expectedHash: null,
        signatureCheck: 'absent',
        outcome: 'unverified',
      }),
    ]);
    const written = await writePackageFiles(
      { path: source, controlDir: join(source, CONTROL_DIR), fs: nodeFs },
      manifest,
    );
    if (!written.ok) throw new Error(written.error.message);
    const result = await exportPackage({ source, targetRoot: await tempDir(), acceptUnverified: true });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.selfCheck).toEqual({ signatures: 0, publicKey: 'notNeeded' });
    const entries = await readdir(result.value.folder);
    expect(entries.filter((n) => n.endsWith('.sig') || n === 'cosign.pub')).toEqual([]);

    const run = runVerifySh(result.value.folder);
    expect(run.status, run.output).toBe(1);
    expect(run.output).toContain('No signatures to check');
    expect(run.verdict).toMatch(
      /^NOT VERIFIED: 1 file intact, but the package was copied labelled Unverified: /,
    );
    const readme = await readFile(join(result.value.folder, 'README.txt'), 'utf8');
    expect(readme).toContain('labelled "Unverified"');
  });

  test('a package file called README.txt or <file>.sig wins its name; those signatures are left to courier verify', async () => {
    const source = join(await tempDir(), '9.tool@1.0.0');
    const key = newSigningPair();
    const files = {
      'tool.bin': Buffer.from('tool'),
      'tool.bin.sig': Buffer.from('the publisher ships its own signature file'),
      'README.txt': Buffer.from("the publisher's own notes"),
    };
    await buildPackage(source, files, key);
    const result = await exportPackage({
      source,
      targetRoot: await tempDir(),
      publicKeyPem: key.publicKeyPem,
    });
    if (!result.ok) throw new Error(result.error.message);
    const folder = result.value.folder;
    expect(await readFile(join(folder, 'README.txt'))).toEqual(files['README.txt']);
    expect(await readFile(join(folder, 'tool.bin.sig'))).toEqual(files['tool.bin.sig']);
    expect(result.value.selfCheck).toEqual({ signatures: 2, publicKey: 'written' });

    const run = runVerifySh(folder);
    expect(run.status, run.output).toBe(3);
    expect(run.output).toContain('README.txt: signature OK');
    expect(run.verdict).toContain('the signatures of "tool.bin" cannot be stored here');
    const verified = await verifyFolder(folder, { publicKeyPem: key.publicKeyPem });
    expect(verified.ok && [verified.value.state, verified.value.extra]).toEqual(['verified', []]);
  });

  test('verify.sh quotes every name the manifest can hold: quotes, $( ), backticks and a leading dash', async () => {
    // Export refuses such names; a manifest edited by hand may still hold them, and the scripts are
    // rendered for any manifest (courier verify re-renders them too).
    const dir = join(await tempDir(), 'hostile');
    await mkdir(join(dir, CONTROL_DIR), { recursive: true });
    const key = newSigningPair();
    const names = ["it's $(touch INJECTED).bin", '`touch INJECTED2`.bin', '-n.bin', 'say "q".bin'];
    const artifacts = await Promise.all(
      names.map(async (file, i) => {
        const bytes = Buffer.from(`file ${i}`);
        await writeFile(join(dir, file), bytes);
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        return makeArtifact({
          itemKey: `9.tool@1.0.0@x${i}`,
          file,
          size: bytes.length,
          sha256,
          signature: sign('sha256', bytes, key.privateKey).toString('base64'),
          signatureCheck: 'verified',
        });
      }),
    );
    const manifest = makeManifest(artifacts, { publicKeyFingerprint: fingerprintOf(key) });
    const written = await writePackageFiles(
      { path: dir, controlDir: join(dir, CONTROL_DIR), fs: nodeFs },
      manifest,
    );
    if (!written.ok) throw new Error(written.error.message);
    const parsed = parsePublicKey(key.publicKeyPem);
    if (!parsed.ok) throw new Error(parsed.error.message);
    for (const file of selfCheckFiles(manifest, parsed.value))
      await writeFile(join(dir, file.name), file.data);

    const run = runVerifySh(dir);
    expect(run.status, run.output).toBe(0);
    expect(run.verdict).toBe('DRIVE VERIFIED: 4 files intact, 4 signatures valid.');
    expect((await readdir(dir)).filter((n) => n.startsWith('INJECTED'))).toEqual([]);
    const verified = await verifyFolder(dir, { publicKeyPem: key.publicKeyPem });
    expect(verified.ok && [verified.value.state, verified.value.extra]).toEqual(['verified', []]);
  });
});
