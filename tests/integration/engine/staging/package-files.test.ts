// The package's own files on real disks: SHA256SUMS checked by the real sha256sum/shasum binaries,
// manifest.json read back and validated, and verifyFolder on a copied folder (offline, any machine).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { nodeFs } from '../../../../electron/engine/staging/fs-adapter.js';
import { readManifest, writeManifest } from '../../../../electron/engine/staging/manifest-io.js';
import { verifyFolder } from '../../../../electron/engine/staging/verify-folder.js';
import {
  buildPackage,
  makeArtifact,
  makeManifest,
  newSigningPair,
} from '../../../support/staging-package.js';
import { useTempDirs } from '../../../support/temp-dir.js';

const run = promisify(execFile);
const tempDir = useTempDirs();
const hasSha256sum = existsSync('/usr/bin/sha256sum');
const hasShasum = existsSync('/usr/bin/shasum');

const files = () => ({
  'tool-setup.exe': Buffer.alloc(3 * 1024 * 1024 + 17, 7), // crosses the 1 MiB read chunks
  'notes.txt': Buffer.from('hello\n'),
  'map_2023.gpkg': Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251)),
});

async function flipByte(path: string, at: number): Promise<void> {
  const data = await readFile(path);
  data[at] = data[at]! ^ 0x01;
  await writeFile(path, data);
}

describe('package files', () => {
  test('writes SHA256SUMS, report.html and manifest.json (0644), no temp file left in the package', async () => {
    const dir = await tempDir();
    await buildPackage(dir, files());
    expect((await readdir(dir)).sort()).toEqual([
      '.courier',
      'SHA256SUMS',
      'manifest.json',
      'map_2023.gpkg',
      'notes.txt',
      'report.html',
      'tool-setup.exe',
    ]);
    expect(await readdir(join(dir, '.courier'))).toEqual([]);
    expect((await stat(join(dir, 'manifest.json'))).mode & 0o777).toBe(0o644);
    // Portable: nothing in the manifest points at this machine.
    expect(await readFile(join(dir, 'manifest.json'), 'utf8')).not.toContain(dir);
  });

  test.skipIf(!hasSha256sum)(
    'SHA256SUMS passes the real `sha256sum -c`, and fails it after a flipped byte',
    async () => {
      const dir = await tempDir();
      await buildPackage(dir, files());
      const { stdout } = await run('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir });
      expect(stdout.split('\n').filter(Boolean).sort()).toEqual([
        'map_2023.gpkg: OK',
        'notes.txt: OK',
        'tool-setup.exe: OK',
      ]);
      await flipByte(join(dir, 'notes.txt'), 0);
      await expect(run('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir })).rejects.toMatchObject({
        code: 1,
        stdout: expect.stringContaining('notes.txt: FAILED'),
      });
    },
  );

  test.skipIf(!hasShasum)('SHA256SUMS passes the real `shasum -a 256 -c` (the macOS command)', async () => {
    const dir = await tempDir();
    await buildPackage(dir, files());
    const { stdout } = await run('shasum', ['-a', '256', '-c', 'SHA256SUMS'], { cwd: dir });
    expect(stdout).toContain('tool-setup.exe: OK');
  });

  test('readManifest round-trips what was written, optional fields (boundTo, reference, error) included', async () => {
    const dir = await tempDir();
    const manifest = await buildPackage(dir, files());
    expect(await readManifest(dir)).toEqual({ ok: true, value: manifest });
    const withOptional = makeManifest([
      makeArtifact({ file: 'map.json', boundTo: '9.tool@1.0.0@map.gpkg' }),
      makeArtifact({
        itemKey: 'img',
        file: null,
        sha256: null,
        outcome: 'notDownloadable',
        reference: 'docker://r/x:1',
      }),
      makeArtifact({
        itemKey: 'bad',
        file: null,
        sha256: null,
        outcome: 'failed',
        error: { code: 'CLIENT.network', message: 'm' },
      }),
    ]);
    expect(
      await writeManifest({ path: dir, controlDir: join(dir, '.courier'), fs: nodeFs }, withOptional),
    ).toEqual({ ok: true, value: undefined });
    expect(await readManifest(dir)).toEqual({ ok: true, value: withOptional });
  });

  test('readManifest: no manifest → CLIENT.notAPackage; a damaged one → CLIENT.fileSystem naming the file', async () => {
    const dir = await tempDir();
    expect(await readManifest(dir)).toMatchObject({ ok: false, error: { code: 'CLIENT.notAPackage' } });
    await writeFile(join(dir, 'manifest.json'), '{"format":"courier-manifest/1",');
    const garbage = await readManifest(dir);
    expect(garbage).toMatchObject({ ok: false, error: { code: 'CLIENT.fileSystem' } });
    expect(!garbage.ok && garbage.error.message).toMatch(/manifest\.json.*damaged.*not valid JSON/);
  });

  test.each(['../../etc/passwd', '/etc/passwd', '.courier', 'manifest.json', 'sub/x'])(
    'M1: a manifest naming %j is refused before any file is read',
    async (file) => {
      const dir = await tempDir();
      await buildPackage(dir, { 'a.bin': Buffer.from('a') });
      const text = await readFile(join(dir, 'manifest.json'), 'utf8');
      await writeFile(
        join(dir, 'manifest.json'),
        text.replace('"file": "a.bin"', `"file": ${JSON.stringify(file)}`),
      );
      const read = await verifyFolder(dir);
      expect(read).toMatchObject({ ok: false, error: { code: 'CLIENT.fileSystem' } });
      expect(!read.ok && read.error.message).toMatch(/artifacts\.0\.file/);
    },
  );
});

describe('verifyFolder', () => {
  test('a copied folder on "another machine" verifies; then a flipped byte, a missing and an extra file are reported', async () => {
    const source = await tempDir();
    const key = newSigningPair();
    await buildPackage(source, files(), key);
    const copy = join(await tempDir(), 'usb-copy');
    await cp(source, copy, { recursive: true });
    await rm(join(copy, '.courier'), { recursive: true }); // export targets never carry it

    const clean = await verifyFolder(copy, { publicKeyPem: key.publicKeyPem });
    expect(clean).toMatchObject({
      ok: true,
      value: { state: 'verified', extra: [], signaturesChecked: true },
    });
    expect(clean.ok && clean.value.files.map((f) => [f.file, f.status, f.signature])).toEqual([
      ['tool-setup.exe', 'verified', 'valid'],
      ['notes.txt', 'verified', 'valid'],
      ['map_2023.gpkg', 'verified', 'valid'],
    ]);

    await flipByte(join(copy, 'tool-setup.exe'), 2 * 1024 * 1024 + 5);
    await rm(join(copy, 'notes.txt'));
    await writeFile(join(copy, 'planted.exe'), 'MZ');
    const after = await verifyFolder(copy, { publicKeyPem: key.publicKeyPem });
    if (!after.ok) throw new Error(after.error.message);
    expect(after.value.state).toBe('changed');
    expect(after.value.extra).toEqual(['planted.exe']);
    const [changed, missing, fine] = after.value.files;
    expect(changed).toMatchObject({
      file: 'tool-setup.exe',
      status: 'changed',
      expectedSize: 3 * 1024 * 1024 + 17,
      actualSize: 3 * 1024 * 1024 + 17,
    });
    expect(changed!.actualSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(changed!.actualSha256).not.toBe(changed!.expectedSha256);
    expect(missing).toMatchObject({
      file: 'notes.txt',
      status: 'missing',
      actualSize: null,
      actualSha256: null,
    });
    expect(fine).toMatchObject({ file: 'map_2023.gpkg', status: 'verified' });
  });

  test('without a key only hashes are checked; a truncated file is "changed" by size', async () => {
    const dir = await tempDir();
    await buildPackage(dir, files());
    await writeFile(join(dir, 'notes.txt'), 'hell');
    const result = await verifyFolder(dir);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.signaturesChecked).toBe(false);
    expect(result.value.files.find((f) => f.file === 'notes.txt')).toMatchObject({
      status: 'changed',
      actualSize: 4,
      expectedSize: 6,
      signature: 'notChecked',
    });
  });

  test('M8: signatures swapped between two items, or another key, are reported signatureInvalid', async () => {
    const dir = await tempDir();
    const key = newSigningPair();
    const manifest = await buildPackage(dir, { 'a.bin': Buffer.from('a'), 'b.bin': Buffer.from('b') }, key);
    const [a, b] = manifest.artifacts;
    const text = (await readFile(join(dir, 'manifest.json'), 'utf8'))
      .replace(a!.signature!, 'SWAP')
      .replace(b!.signature!, a!.signature!)
      .replace('SWAP', b!.signature!);
    await writeFile(join(dir, 'manifest.json'), text);
    const swapped = await verifyFolder(dir, { publicKeyPem: key.publicKeyPem });
    expect(swapped.ok && swapped.value.files.map((f) => f.status)).toEqual([
      'signatureInvalid',
      'signatureInvalid',
    ]);
    expect(swapped.ok && swapped.value.state).toBe('changed');

    const other = await tempDir();
    await buildPackage(other, { 'a.bin': Buffer.from('a') }, key);
    const wrongKey = await verifyFolder(other, { publicKeyPem: newSigningPair().publicKeyPem });
    expect(wrongKey.ok && wrongKey.value.files[0]).toMatchObject({
      status: 'signatureInvalid',
      signature: 'invalid',
    });
  });

  test('an edited manifest whose sha256 no longer matches the published hash is "changed"', async () => {
    const dir = await tempDir();
    const manifest = await buildPackage(dir, { 'a.bin': Buffer.from('a') });
    const edited = manifest.artifacts[0]!.expectedHash!.value.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    const text = (await readFile(join(dir, 'manifest.json'), 'utf8')).replace(
      `"value": "${manifest.artifacts[0]!.expectedHash!.value}"`,
      `"value": "${edited}"`,
    );
    await writeFile(join(dir, 'manifest.json'), text);
    const result = await verifyFolder(dir);
    expect(result.ok && result.value.files[0]!.status).toBe('changed');
  });

  test('F6: a staged file replaced by a symlink is "changed" and its target is never read', async () => {
    const dir = await tempDir();
    await buildPackage(dir, { 'a.bin': Buffer.from('a') });
    const outside = join(await tempDir(), 'a.bin');
    await writeFile(outside, 'a');
    await rm(join(dir, 'a.bin'));
    await symlink(outside, join(dir, 'a.bin'));
    const result = await verifyFolder(dir);
    expect(result.ok && result.value.files[0]).toMatchObject({ status: 'changed', actualSha256: null });
  });

  test('a public key that is not ECDSA P-256 → CLIENT.badKey', async () => {
    const dir = await tempDir();
    await buildPackage(dir, { 'a.bin': Buffer.from('a') });
    expect(await verifyFolder(dir, { publicKeyPem: 'not a key' })).toMatchObject({
      ok: false,
      error: { code: 'CLIENT.badKey' },
    });
  });
});
