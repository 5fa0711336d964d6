// `.part` files on real disks: exclusive create, planted symlinks (F6), resume at the durable offset,
// oversized partials (I4), prefix hashing (I2), flipped bytes on disk (I3), fsync and ENOSPC faults.
import { createHash } from 'node:crypto';
import { readFile, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ManualClock } from '../../../../electron/engine/clock.js';
import { nodeFs } from '../../../../electron/engine/staging/fs-adapter.js';
import type { StagingFs } from '../../../../electron/engine/staging/fs-adapter.js';
import { openJobFolder } from '../../../../electron/engine/staging/job-folder.js';
import type { JobFolder } from '../../../../electron/engine/staging/job-folder.js';
import { hashPrefix, openPart, partPathFor } from '../../../../electron/engine/staging/part-file.js';
import { errno, faultyFs } from '../../../support/staging-faulty-fs.js';
import { useTempDirs } from '../../../support/temp-dir.js';

const tempDir = useTempDirs();
const bytes = Buffer.from(Array.from({ length: 100 }, (_, i) => i));
const sha = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

async function jobFolder(fs: StagingFs = nodeFs): Promise<JobFolder> {
  const opened = await openJobFolder({
    stagingRoot: await tempDir(),
    catalogId: '9.tool@1.0.0',
    fs,
    clock: new ManualClock(),
  });
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value;
}

async function mustOpen(folder: JobFolder, offset: number, declaredSize: number | null = 100) {
  const part = await openPart({ folder, fileName: 'tool.bin', offset, declaredSize, itemKey: 'k' });
  if (!part.ok) throw new Error(part.error.message);
  return part.value;
}

describe('openPart', () => {
  test('M3: a new part lives in .courier/parts/<name>.part, mode 0600; checkpoint returns the durable offset', async () => {
    const folder = await jobFolder();
    const part = await mustOpen(folder, 0);
    expect(part.path).toBe(join(folder.partsDir, 'tool.bin.part'));
    expect((await stat(part.path)).mode & 0o777).toBe(0o600);
    expect(await part.write(bytes.subarray(0, 40))).toEqual({ ok: true, value: undefined });
    expect(await part.checkpoint()).toEqual({ ok: true, value: 40 });
    await part.close();
    expect(await readdir(folder.path)).toEqual(['.courier']);
  });

  test('resume: truncates to the journal offset (dropping undurable bytes) and continues there', async () => {
    const folder = await jobFolder();
    await writeFile(
      join(folder.partsDir, 'tool.bin.part'),
      Buffer.concat([bytes.subarray(0, 60), Buffer.alloc(20, 0xee)]),
    );
    const part = await mustOpen(folder, 60);
    expect(part.position).toBe(60);
    await part.write(bytes.subarray(60));
    await part.checkpoint();
    await part.close();
    expect(sha(await readFile(part.path))).toBe(sha(bytes));
  });

  test('a journal offset beyond the bytes on disk resumes from what is there', async () => {
    const folder = await jobFolder();
    await writeFile(join(folder.partsDir, 'tool.bin.part'), bytes.subarray(0, 30));
    const part = await mustOpen(folder, 80);
    expect(part.position).toBe(30);
    await part.close();
  });

  test('I4: a partial larger than the declared size is truncated to 0 and restarted', async () => {
    const folder = await jobFolder();
    await writeFile(join(folder.partsDir, 'tool.bin.part'), Buffer.alloc(150, 1));
    const part = await mustOpen(folder, 120, 100);
    expect(part.position).toBe(0);
    await part.close();
    expect((await stat(part.path)).size).toBe(0);
  });

  test.each([
    ['an existing file', true],
    ['a dangling path', false],
  ])(
    'F6: a .part planted as a symlink to %s is refused and the target untouched',
    async (_name, targetExists) => {
      const folder = await jobFolder();
      const target = join(await tempDir(), 'victim');
      if (targetExists) await writeFile(target, 'precious');
      await symlink(target, join(folder.partsDir, 'tool.bin.part'));
      for (const offset of [0, 5]) {
        const part = await openPart({
          folder,
          fileName: 'tool.bin',
          offset,
          declaredSize: 100,
          itemKey: 'k',
        });
        expect(part).toMatchObject({ ok: false, error: { code: 'CLIENT.fileSystem', itemKey: 'k' } });
        expect(!part.ok && part.error.message).toMatch(/symbolic link/);
      }
      if (targetExists) expect(await readFile(target, 'utf8')).toBe('precious');
      else await expect(stat(target)).rejects.toMatchObject({ code: 'ENOENT' });
    },
  );

  test('M1: a file name that is not a plain component is refused before any I/O', async () => {
    const folder = await jobFolder();
    for (const fileName of ['../x', '..', '.', 'a/b', 'a\\b', '', '/etc/x']) {
      expect(partPathFor(folder.partsDir, fileName), fileName).toBeUndefined();
      const part = await openPart({ folder, fileName, offset: 0, declaredSize: 1 });
      expect(part, fileName).toMatchObject({ ok: false, error: { code: 'CLIENT.fileSystem' } });
    }
    expect(await readdir(folder.partsDir)).toEqual([]);
    expect(await readdir(folder.controlDir)).toEqual(['parts']);
  });

  test('F5: fsync failing with EIO → checkpoint fails (CLIENT.fileSystem, item named), no offset reported', async () => {
    const fs = faultyFs({
      before: (call) => (call.op === 'sync' && call.path.endsWith('.part') ? errno('EIO') : undefined),
    });
    const folder = await jobFolder(fs);
    const part = await mustOpen(folder, 0);
    await part.write(bytes);
    const checkpoint = await part.checkpoint();
    expect(checkpoint).toMatchObject({ ok: false, error: { code: 'CLIENT.fileSystem', itemKey: 'k' } });
    expect(!checkpoint.ok && checkpoint.error.message).toMatch(/I\/O error/);
    await part.close();
  });

  test('F1: ENOSPC mid-write → CLIENT.diskFull, and the partial is kept for resume', async () => {
    let writes = 0;
    const fs = faultyFs({
      before: (call) => (call.op === 'write' && ++writes === 2 ? errno('ENOSPC') : undefined),
    });
    const folder = await jobFolder(fs);
    const part = await mustOpen(folder, 0);
    expect((await part.write(bytes.subarray(0, 50))).ok).toBe(true);
    expect(await part.write(bytes.subarray(50))).toMatchObject({
      ok: false,
      error: { code: 'CLIENT.diskFull', itemKey: 'k' },
    });
    await part.close();
    expect((await readFile(part.path)).equals(bytes.subarray(0, 50))).toBe(true);
  });
});

describe('hashPrefix', () => {
  test('I2: hashing the partial then the rest equals the hash of the whole file', async () => {
    const folder = await jobFolder();
    const path = join(folder.partsDir, 'tool.bin.part');
    await writeFile(path, bytes.subarray(0, 70));
    const prefix = await hashPrefix(path, 70);
    if (!prefix.ok) throw new Error(prefix.error.message);
    expect(prefix.value.update(bytes.subarray(70)).digest('hex')).toBe(sha(bytes));
  });

  test('I2: a partial shorter than the claimed length is an error, so the item restarts', async () => {
    const folder = await jobFolder();
    const path = join(folder.partsDir, 'tool.bin.part');
    await writeFile(path, bytes.subarray(0, 10));
    expect(await hashPrefix(path, 11)).toMatchObject({ ok: false, error: { code: 'CLIENT.fileSystem' } });
  });

  test('I3: a byte flipped on its way to disk is caught by re-reading the file before commit', async () => {
    const fs = faultyFs({
      mutateWrite: (path, data, position) => {
        if (path.endsWith('.part') && position <= 33 && position + data.length > 33)
          data[33 - position]! ^= 0x01;
        return data;
      },
    });
    const folder = await jobFolder(fs);
    const part = await mustOpen(folder, 0);
    await part.write(bytes);
    await part.checkpoint();
    await part.close();
    const reread = await hashPrefix(part.path, bytes.length, fs);
    expect(reread.ok && reread.value.digest('hex')).not.toBe(sha(bytes));
  });
});
