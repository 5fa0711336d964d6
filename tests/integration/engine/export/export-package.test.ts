// exportPackage end to end on real files: a package staged by the engine against the demo server is
// copied to a folder, read back (I3), checked by verifyFolder and by coreutils' `sha256sum -c`, and a
// second run after an interruption copies only what is missing.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { exportPackage, verifyFolder, type ExportProgress } from '../../../../electron/engine/index.js';
import { errno, faultyFs } from '../../../support/staging-faulty-fs.js';
import { sha256sumCheck, useStagedPackage } from '../../../support/export-package.js';
import { buildPackage } from '../../../support/staging-package.js';
import { useTempDirs } from '../../../support/temp-dir.js';

const staged = useStagedPackage();
const tempDir = useTempDirs();

describe('export of a staged package', () => {
  test('copies, reads back and reports verified; sha256sum -c and verifyFolder pass on the target', async () => {
    const root = await tempDir();
    const events: ExportProgress[] = [];
    const result = await exportPackage({
      source: staged().folder,
      targetRoot: root,
      onProgress: (p) => events.push(p),
    });
    expect(result.ok && result.value.verified).toBe(true);
    if (!result.ok) return;
    const folder = join(root, '1.field-nav@2.3.1');
    expect(result.value.folder).toBe(folder);
    expect(result.value.files.every((f) => f.how === 'copied')).toBe(true);
    expect(result.value.bytesCopied).toBe(result.value.bytesTotal);
    expect(result.value.bytesTotal).toBeGreaterThan(1024 * 1024);

    // Never the control folder, never the work folder; the package's own files are there, and the
    // self-check files (no cosign.pub: no key was given; export-self-check.test.ts has the rest).
    const entries = (await readdir(folder)).sort();
    const names = result.value.files.map((f) => f.file);
    expect(entries).toEqual(
      [
        ...names,
        ...names.map((n) => `${n}.sig`),
        'SHA256SUMS',
        'manifest.json',
        'report.html',
        'verify.sh',
        'verify.ps1',
        'README.txt',
      ].sort(),
    );
    expect(await readFile(join(folder, 'manifest.json'))).toEqual(
      await readFile(join(staged().folder, 'manifest.json')),
    );
    const sums = sha256sumCheck(folder);
    expect(sums.status, sums.output).toBe(0);
    expect(sums.output.match(/: OK$/gm)).toHaveLength(result.value.files.length);
    const verified = await verifyFolder(folder);
    expect(verified.ok && verified.value.state).toBe('verified');
    expect(verified.ok && verified.value.extra).toEqual([]);

    // Progress: the source check, then copy, then read-back, each ending at its total.
    const phases = [...new Set(events.map((e) => e.phase))];
    expect(phases).toEqual(['verifySource', 'checkTarget', 'copy', 'readBack']);
    for (const phase of ['copy', 'readBack'] as const) {
      const last = events.filter((e) => e.phase === phase).at(-1)!;
      expect([last.bytesDone, last.filesDone]).toEqual([result.value.bytesTotal, result.value.files.length]);
    }
  });

  test('a byte flipped on the target afterwards is caught by verifyFolder and by sha256sum -c (exit 1)', async () => {
    const root = await tempDir();
    const result = await exportPackage({ source: staged().folder, targetRoot: root });
    if (!result.ok) throw new Error(result.error.message);
    const victim = result.value.files[0]!;
    const path = join(result.value.folder, victim.file);
    const bytes = await readFile(path);
    bytes[bytes.length >> 1] = bytes[bytes.length >> 1]! ^ 0x01;
    await writeFile(path, bytes);

    const verified = await verifyFolder(result.value.folder);
    expect(verified.ok && verified.value.state).toBe('changed');
    expect(verified.ok && verified.value.files.find((f) => f.file === victim.file)?.status).toBe('changed');
    const sums = sha256sumCheck(result.value.folder);
    expect(sums.status).toBe(1);
    expect(sums.output).toContain(`${victim.file}: FAILED`);
  });

  test('I3: a drive that stores other bytes than written fails read-back; the bad file never gets its name', async () => {
    const root = await tempDir();
    const fs = faultyFs({
      mutateWrite: (path, bytes, position) => {
        if (path.endsWith('.part') && path.includes('tiles') && position === 0) bytes[0] = bytes[0]! ^ 0x80;
        return bytes;
      },
    });
    const result = await exportPackage({ source: staged().folder, targetRoot: root, fs });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('CLIENT.hashMismatch');
    expect(result.error.message).toMatch(/tiles.*read back from the drive differently/);
    const folder = join(root, '1.field-nav@2.3.1');
    const left = await readdir(folder);
    expect(left.some((name) => name.includes('tiles'))).toBe(false);
    // Incomplete: no manifest, so nobody mistakes the folder for a finished export.
    expect(left).not.toContain('manifest.json');
    expect(await readdir(join(folder, '.courier-export'))).toEqual([]);

    // The next attempt on a healthy drive copies only the file that failed.
    const again = await exportPackage({ source: staged().folder, targetRoot: root });
    expect(again.ok && again.value.files.filter((f) => f.how === 'copied').map((f) => f.file)).toEqual([
      expect.stringContaining('tiles'),
    ]);
  });

  test('resume: after an interruption only the missing files are copied; a damaged one is recopied', async () => {
    const root = await tempDir();
    let parts = 0;
    const failing = faultyFs({
      before: (call) =>
        call.op === 'open' && call.path.endsWith('.part') && ++parts === 2
          ? errno('EIO', 'injected')
          : undefined,
    });
    const first = await exportPackage({ source: staged().folder, targetRoot: root, fs: failing });
    expect(!first.ok && first.error.code).toBe('CLIENT.fileSystem');
    expect(!first.ok && first.error.message).toMatch(/\.part/);

    // Only the first file was copied; it has a part (not read back yet). Damage nothing, resume.
    const recording = faultyFs();
    const second = await exportPackage({ source: staged().folder, targetRoot: root, fs: recording });
    if (!second.ok) throw new Error(second.error.message);
    const written = new Set(
      recording.calls.filter((c) => c.op === 'write' && c.path.endsWith('.part')).map((c) => c.path),
    );
    expect(written.size).toBe(second.value.files.length - 1);
    expect(second.value.files.every((f) => f.how === 'copied')).toBe(true);

    // Tamper with one final file: the third run recopies it and reuses the rest.
    const victim = second.value.files[1]!;
    const path = join(second.value.folder, victim.file);
    const bytes = await readFile(path);
    bytes[0] = bytes[0]! ^ 0xff;
    await writeFile(path, bytes);
    const third = await exportPackage({ source: staged().folder, targetRoot: root });
    if (!third.ok) throw new Error(third.error.message);
    expect(third.value.files.map((f) => [f.file, f.how])).toEqual(
      second.value.files.map((f) => [f.file, f.file === victim.file ? 'copied' : 'reused']),
    );
    expect(third.value.bytesCopied).toBe(victim.size);
    expect(sha256sumCheck(third.value.folder).status).toBe(0);
  });

  test('a damaged source package is refused before anything is written', async () => {
    const root = await tempDir();
    const source = await tempDir();
    const copy = await exportPackage({ source: staged().folder, targetRoot: source });
    if (!copy.ok) throw new Error(copy.error.message);
    const victim = copy.value.files[0]!;
    await writeFile(join(copy.value.folder, victim.file), 'damaged');

    const result = await exportPackage({ source: copy.value.folder, targetRoot: root });
    expect(!result.ok && result.error.code).toBe('CLIENT.hashMismatch');
    expect(!result.ok && result.error.message).toContain(victim.file);
    expect(!result.ok && result.error.message).toMatch(/damaged.*Nothing was exported/);
    expect(await readdir(root)).toEqual([]);
  });

  test('cancel: stops between reads, discards the unfinished copy, and the next run finishes', async () => {
    const root = await tempDir();
    const controller = new AbortController();
    const fs = faultyFs({
      before: (call) => {
        if (call.op === 'write' && call.path.endsWith('.part')) controller.abort();
        return undefined;
      },
    });
    const result = await exportPackage({
      source: staged().folder,
      targetRoot: root,
      fs,
      signal: controller.signal,
    });
    expect(!result.ok && result.error.code).toBe('CLIENT.cancelled');
    expect(!result.ok && result.error.message).toMatch(/stopped\. Run it again to continue/);
    const folder = join(root, '1.field-nav@2.3.1');
    expect(await readdir(join(folder, '.courier-export'))).toEqual([]);
    const again = await exportPackage({ source: staged().folder, targetRoot: root });
    expect(again.ok && again.value.verified).toBe(true);
  });

  test('names that some file system cannot hold are refused before anything is written (M2)', async () => {
    const root = await tempDir();
    const device = join(await tempDir(), '9.tool@1.0.0');
    await buildPackage(device, { 'aux.txt': Buffer.from('a Windows device name') });
    const refused = await exportPackage({ source: device, targetRoot: root });
    expect(!refused.ok && refused.error.code).toBe('CLIENT.unsafeName');
    expect(!refused.ok && refused.error.message).toMatch(
      /"aux\.txt" cannot be exported.*Windows device name/,
    );

    const renamed = join(await tempDir(), 'tools: field kit');
    await buildPackage(renamed, { 'tool.bin': Buffer.from('fine') });
    const folder = await exportPackage({ source: renamed, targetRoot: root });
    expect(!folder.ok && folder.error.message).toMatch(
      /package folder name .* Rename the folder to "9\.tool@1\.0\.0"/,
    );
    expect(await readdir(root)).toEqual([]);
  });

  test('the destination is never created, and never the package itself', async () => {
    const root = await tempDir();
    const missing = join(root, 'usb-not-mounted');
    const result = await exportPackage({ source: staged().folder, targetRoot: missing });
    expect(!result.ok && result.error.code).toBe('CLIENT.invalidRequest');
    expect(!result.ok && result.error.message).toMatch(/does not exist.*never creates it/);
    await expect(stat(missing)).rejects.toMatchObject({ code: 'ENOENT' });

    const parent = join(staged().folder, '..');
    const self = await exportPackage({ source: staged().folder, targetRoot: parent });
    expect(!self.ok && self.error.code).toBe('CLIENT.invalidRequest');
    const inside = await exportPackage({
      source: staged().folder,
      targetRoot: join(staged().folder, '.courier'),
    });
    expect(!inside.ok && inside.error.code).toBe('CLIENT.invalidRequest');
  });
});
