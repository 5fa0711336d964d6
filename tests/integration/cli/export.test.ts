// `courier export`: what a technician or a script sees when copying a package to a drive: progress,
// the closing account, NDJSON with --json, and the exit codes of the README.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { EXIT } from '../../../electron/cli/exit-codes.js';
import { main } from '../../../electron/cli/courier-cli.js';
import { captureIo } from '../../support/cli-io.js';
import { sha256sumCheck, useStagedPackage } from '../../support/export-package.js';
import { mountPoint, skipReason, useMounts } from '../../support/export-mounts.js';
import { runVerifySh } from '../../support/self-check.js';
import { useTempDirs } from '../../support/temp-dir.js';

const staged = useStagedPackage();
const tempDir = useTempDirs();
const mounts = useMounts();
const noTmpfs = skipReason('tmpfs');

describe('courier export', () => {
  test('human output: progress lines, then what was exported and how to check it elsewhere', async () => {
    const root = await tempDir();
    const io = captureIo();
    expect(await main(['export', staged().folder, root], io)).toBe(EXIT.ok);
    const out = io.out();
    const folder = join(root, '1.field-nav@2.3.1');
    expect(out).toMatch(/^copying +\[/m);
    expect(out).toMatch(/^reading back +\[#{20}\] 100%/m);
    expect(out).toContain(`Exported 1.field-nav@2.3.1 to ${folder}`);
    expect(out).toMatch(/3 files, .*: 3 copied, 0 already on the drive; every file read back and matched/);
    expect(out).toContain(`courier verify ${folder}`);
    expect(out).toContain('sha256sum -c SHA256SUMS');
    expect(io.err()).toBe('');
    expect(sha256sumCheck(folder).status).toBe(0);

    // Run again: everything is already there and verifies, nothing is copied.
    const again = captureIo();
    expect(await main(['export', staged().folder, root], again)).toBe(EXIT.ok);
    expect(again.out()).toMatch(/0 copied, 3 already on the drive/);
  });

  test('--public-key puts cosign.pub on the drive, so its verify.sh checks the signatures alone', async () => {
    const keyFile = join(await tempDir(), 'cosign.pub');
    await writeFile(keyFile, staged().publicKeyPem);
    const root = await tempDir();
    const io = captureIo();
    expect(await main(['export', staged().folder, root, '--public-key', keyFile], io)).toBe(EXIT.ok);
    expect(io.out()).toContain('sh verify.sh (Linux, macOS) or verify.ps1 (Windows)');
    expect(io.out()).not.toContain('cosign.pub was not written');
    const run = runVerifySh(join(root, '1.field-nav@2.3.1'));
    expect(run.status, run.output).toBe(0);
    expect(run.verdict).toBe('DRIVE VERIFIED: 3 files intact, 3 signatures valid.');

    // Without it the summary says what the drive is missing and how to add it.
    const without = captureIo();
    expect(await main(['export', staged().folder, await tempDir()], without)).toBe(EXIT.ok);
    expect(without.out()).toMatch(/cosign\.pub was not written.*--public-key FILE/);
    const unreadable = captureIo();
    expect(
      await main(['export', staged().folder, root, '--public-key', join(root, 'nope.pub')], unreadable),
    ).toBe(EXIT.usage);
    expect(unreadable.err()).toContain('cannot read');
  });

  test('on a terminal the progress is one line redrawn in place', async () => {
    const io = captureIo();
    Object.assign(io.stdout, { isTTY: true });
    expect(await main(['export', staged().folder, await tempDir()], io)).toBe(EXIT.ok);
    const out = io.out();
    expect(out).toContain('\r\x1b[2Kreading back');
    // Redrawn in place: no newline between two progress states, one after the last.
    expect(out.slice(0, out.indexOf('Exported')).split('\n')).toHaveLength(2);
    expect(out).toContain('\x1b[32mExported');
  });

  test('--json: NDJSON progress events, then one result line a script can use', async () => {
    const root = await tempDir();
    const io = captureIo();
    expect(await main(['export', staged().folder, root, '--json'], io)).toBe(EXIT.ok);
    const lines = io
      .out()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const result = lines.at(-1)!;
    expect(result).toMatchObject({ type: 'result', exitCode: 0, ok: true });
    expect(result.result).toMatchObject({ folder: join(root, '1.field-nav@2.3.1'), verified: true });
    const progress = lines.slice(0, -1);
    expect(progress.every((l) => l.type === 'progress')).toBe(true);
    expect(new Set(progress.map((l) => l.phase))).toEqual(
      new Set(['verifySource', 'checkTarget', 'copy', 'readBack']),
    );
  });

  test('exit codes: 2 for usage, 3 for a damaged package, 2 for a missing destination', async () => {
    const usage = captureIo();
    expect(await main(['export', staged().folder], usage)).toBe(EXIT.usage);
    expect(usage.err()).toMatch(/give the staged package folder and the target folder/);

    const missing = captureIo();
    expect(await main(['export', staged().folder, join(await tempDir(), 'nope'), '--json'], missing)).toBe(
      EXIT.usage,
    );
    expect(JSON.parse(missing.out().trim().split('\n').at(-1)!)).toMatchObject({
      type: 'result',
      exitCode: 2,
      ok: false,
      error: { code: 'CLIENT.invalidRequest' },
    });

    const copyRoot = await tempDir();
    expect(await main(['export', staged().folder, copyRoot], captureIo())).toBe(EXIT.ok);
    const damaged = join(copyRoot, '1.field-nav@2.3.1');
    const victim = (await readdir(damaged)).find((name) => name.includes('tiles'))!;
    await writeFile(join(damaged, victim), 'not the tiles');
    const bad = captureIo();
    const target = await tempDir();
    expect(await main(['export', damaged, target], bad)).toBe(EXIT.verificationFailed);
    expect(bad.err()).toMatch(/CLIENT\.hashMismatch: .*is damaged/);
    expect(await readdir(target)).toEqual([]);
  });

  test.skipIf(noTmpfs)(`exit 6 for a drive without room, with the amounts ${noTmpfs ?? ''}`, async () => {
    const mnt = mountPoint(await tempDir());
    await mkdir(mnt);
    await mounts.tmpfs(mnt, '2m');
    const io = captureIo();
    expect(await main(['export', staged().folder, mnt], io)).toBe(EXIT.disk);
    expect(io.err()).toMatch(/CLIENT\.diskFull: Not enough free space .* needed .* available/);
  });
});
