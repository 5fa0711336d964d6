// `courier verify` and `courier export` give one package verdict (shared/package-verdict.ts) with
// the README's exit codes: 0 only for a verified package, never for a failed, empty, unverified,
// changed, missing or unlisted one; export copies such a package only when accepted, labelled.
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { EXIT } from '../../../electron/cli/exit-codes.js';
import { main } from '../../../electron/cli/courier-cli.js';
import { nodeFs } from '../../../electron/engine/staging/fs-adapter.js';
import { writePackageFiles } from '../../../electron/engine/staging/manifest-io.js';
import { CONTROL_DIR, type Manifest, type ManifestArtifact } from '../../../electron/shared/manifest.js';
import { captureIo } from '../../support/cli-io.js';
import { buildPackage, makeManifest } from '../../support/staging-package.js';
import { useTempDirs } from '../../support/temp-dir.js';

const tempDir = useTempDirs();

const FILES = { 'tool-setup.exe': Buffer.from('MZ tool'), 'notes.txt': Buffer.from('read me') };

/** A real package folder whose manifest is then rewritten by `edit` (as another run would have). */
async function packageWith(edit: (artifacts: ManifestArtifact[]) => ManifestArtifact[]): Promise<string> {
  const dir = join(await tempDir(), '9.tool@1.0.0');
  const built = await buildPackage(dir, FILES);
  const manifest: Manifest = makeManifest(edit([...built.artifacts]));
  const written = await writePackageFiles(
    { path: dir, controlDir: join(dir, CONTROL_DIR), fs: nodeFs },
    manifest,
  );
  if (!written.ok) throw new Error(written.error.message);
  return dir;
}

const failedItem: ManifestArtifact = {
  itemKey: '9.tool@1.0.0@tool.bin',
  artifactType: 'software',
  file: null,
  size: 10,
  sha256: null,
  expectedHash: null,
  hashCheck: 'mismatch',
  signature: null,
  signatureCheck: 'absent',
  outcome: 'failed',
  isExecutable: false,
  arguments: null,
  metaData: null,
  stagedAt: null,
  error: { code: 'CLIENT.hashMismatch', message: 'wrong bytes' },
};

async function verify(dir: string): Promise<{ code: number; out: string }> {
  const io = captureIo();
  const code = await main(['verify', dir], io);
  return { code, out: io.out() };
}

async function exportTo(dir: string, ...flags: string[]) {
  const target = await tempDir();
  const io = captureIo();
  const code = await main(['export', dir, target, ...flags], io);
  return { code, out: io.out(), err: io.err(), target };
}

describe('courier verify: one exit code per package state', () => {
  test('a verified package: exit 0, said in words', async () => {
    const dir = await packageWith((a) => a);
    const { code, out } = await verify(dir);
    expect(code).toBe(EXIT.ok);
    expect(out).toContain('9.tool@1.0.0: VERIFIED, 2 files intact');
  });

  test('failed (an artifact was not staged): exit 7, never "verified" for the package', async () => {
    const dir = await packageWith((a) => [...a, failedItem]);
    const { code, out } = await verify(dir);
    expect(code).toBe(EXIT.notStaged);
    expect(out).toMatch(/^9\.tool@1\.0\.0: NOT VERIFIED \(Failed\)/);
  });

  test('empty (a package that lists no file): exit 7, not "all 0 files verified"', async () => {
    const dir = await packageWith(() => [failedItem]);
    await rm(join(dir, 'tool-setup.exe'));
    await rm(join(dir, 'notes.txt'));
    expect((await verify(dir)).code).toBe(EXIT.notStaged);
    const bare = await packageWith(() => []);
    await rm(join(bare, 'tool-setup.exe'));
    await rm(join(bare, 'notes.txt'));
    const { code, out } = await verify(bare);
    expect(code).toBe(EXIT.notStaged);
    expect(out).toContain('NOT VERIFIED (Empty)');
  });

  test('staged with --allow-unverified: exit 1, labelled Unverified', async () => {
    const dir = await packageWith(([first, ...rest]) => [
      { ...first!, outcome: 'unverified', hashCheck: 'none', expectedHash: null },
      ...rest,
    ]);
    const { code, out } = await verify(dir);
    expect(code).toBe(EXIT.partial);
    expect(out).toContain('NOT VERIFIED (Unverified)');
  });

  test('changed, missing and unlisted files: exit 3 each', async () => {
    const changed = await packageWith((a) => a);
    await writeFile(join(changed, 'notes.txt'), 'read me!');
    expect(await verify(changed)).toMatchObject({ code: EXIT.verificationFailed });
    expect((await verify(changed)).out).toContain('NOT VERIFIED (Changed)');

    const missing = await packageWith((a) => a);
    await rm(join(missing, 'notes.txt'));
    const gone = await verify(missing);
    expect(gone.code).toBe(EXIT.verificationFailed);
    expect(gone.out).toContain('NOT VERIFIED (Files missing)');

    const unlisted = await packageWith((a) => a);
    await writeFile(join(unlisted, 'planted.exe'), 'MZ');
    const extra = await verify(unlisted);
    expect(extra.code).toBe(EXIT.verificationFailed);
    expect(extra.out).toContain('NOT VERIFIED (Unlisted files)');
    expect(extra.out).toMatch(/unlisted +planted\.exe/);
  });
});

describe('courier export: only a verified package, unless accepted', () => {
  test('a failed package is refused with nothing written; accepted, it is copied and labelled', async () => {
    const dir = await packageWith((a) => [...a, failedItem]);
    const refused = await exportTo(dir);
    expect(refused.code).toBe(EXIT.notStaged);
    expect(refused.err).toContain('CLIENT.unverified');
    expect(refused.err).toContain('--accept-unverified');
    expect(await readdir(refused.target)).toEqual([]);

    const accepted = await exportTo(dir, '--accept-unverified');
    expect(accepted.code).toBe(EXIT.notStaged);
    expect(accepted.out).toContain('labelled FAILED');
    const report = await readFile(join(accepted.target, '9.tool@1.0.0', 'report.html'), 'utf8');
    expect(report).toContain('NOT VERIFIED (FAILED)');
  });

  test('an unverified package: refused (exit 1), accepted (exit 1, labelled)', async () => {
    const dir = await packageWith(([first, ...rest]) => [
      { ...first!, outcome: 'unverified', hashCheck: 'none', expectedHash: null },
      ...rest,
    ]);
    expect((await exportTo(dir)).code).toBe(EXIT.partial);
    const accepted = await exportTo(dir, '--accept-unverified');
    expect(accepted.code).toBe(EXIT.partial);
    expect(accepted.out).toContain('labelled UNVERIFIED');
  });

  test('a changed package is never copied, accepted or not (exit 3)', async () => {
    const dir = await packageWith((a) => a);
    await writeFile(join(dir, 'notes.txt'), 'read me!');
    const refused = await exportTo(dir, '--accept-unverified');
    expect(refused.code).toBe(EXIT.verificationFailed);
    expect(await readdir(refused.target)).toEqual([]);
  });

  test('a verified package exports with exit 0', async () => {
    const dir = await packageWith((a) => a);
    expect((await exportTo(dir)).code).toBe(EXIT.ok);
  });
});
