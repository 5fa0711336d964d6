// Reuse across packages: an artifact already staged and verified in another package folder of the
// staging root is linked (or copied) in and re-verified instead of downloaded; a copy that changed
// since it was staged is refused and the artifact is downloaded as usual. Real sockets, real folders.
import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { BUILTIN_IDS } from '../../../electron/demo-server/index.js';
import { createEngine, type Engine } from '../../../electron/engine/index.js';
import type { JobSnapshot } from '../../../electron/shared/snapshots.js';
import { engineHarness, type EngineHarness } from '../../support/engine-harness.js';
import { errno, faultyFs, type FaultyFs } from '../../support/staging-faulty-fs.js';
import { useTempDirs } from '../../support/temp-dir.js';

const tempDir = useTempDirs();
const A = '8.shared-a@1.0.0';
const B = '9.shared-b@1.0.0';
const SHARED = randomBytes(300 * 1024 + 7);

let harness: EngineHarness | undefined;
const extraEngines: Engine[] = [];
afterEach(async () => {
  await Promise.all(extraEngines.splice(0).map((engine) => engine.close()));
  await harness?.close();
  harness = undefined;
});

/** A --data folder with two releases that share common.bin (published with a SHA-256, and signed). */
async function sharedDataDir(): Promise<string> {
  const dir = await tempDir();
  await writeFile(join(dir, 'common.bin'), SHARED);
  await writeFile(join(dir, 'a-only.bin'), randomBytes(20_000));
  await writeFile(join(dir, 'b-only.bin'), randomBytes(30_000));
  const release = (catalogId: string, own: string) => ({
    catalogId,
    artifacts: [
      { file: 'common.bin', hash: 'SHA256Hex' },
      { file: own, hash: 'SHA256Hex' },
    ],
  });
  await writeFile(
    join(dir, 'courier-demo.json'),
    JSON.stringify({ deliveries: [release(A, 'a-only.bin'), release(B, 'b-only.bin')] }),
  );
  return dir;
}

async function sharedHarness(fs?: FaultyFs): Promise<EngineHarness> {
  return engineHarness({ server: { dataDir: await sharedDataDir() }, ...(fs ? { deps: { fs } } : {}) });
}

/** Another engine (a later `courier fetch`) on the same server and staging root. */
async function fetchWithNewEngine(h: EngineHarness, catalogId: string): Promise<JobSnapshot> {
  const created = createEngine(h.engine.config);
  if (!created.ok) throw new Error(created.error.message);
  extraEngines.push(created.value);
  const started = created.value.start(catalogId);
  if (!started.ok) throw new Error(started.error.message);
  const settled = await created.value.settled(started.value.jobId);
  if (!settled.ok) throw new Error(settled.error.message);
  return settled.value;
}

const item = (job: JobSnapshot, name: string) => job.items.find((i) => i.fileName === name)!;
const storage = (h: EngineHarness, match = '') => h.server.requestLog!.count(match, 'storage');
const warnings = (h: EngineHarness) =>
  h.events.flatMap((e) => (e.type === 'log' && e.level === 'warn' ? [e.message] : []));

describe('reusing verified files from other packages', () => {
  test('a file shared with an earlier package is not downloaded again, and the reuse is reported', async () => {
    harness = await sharedHarness();
    const first = await harness.fetch(A);
    expect(first.phase).toBe('staged');
    expect(item(first, 'common.bin').reusedBytes).toBe(0);
    expect(storage(harness, 'common.bin')).toBe(1);

    const second = await harness.fetch(B);
    expect(second).toMatchObject({ phase: 'staged', verified: true });
    expect(storage(harness, 'common.bin')).toBe(1);
    expect(harness.server.requestLog!.bytesSent(`${encodeURIComponent(B)}/common.bin`)).toBe(0);
    expect(storage(harness, 'b-only.bin')).toBe(1);
    expect(item(second, 'common.bin')).toMatchObject({
      outcome: 'verified',
      hashCheck: 'verified',
      signatureCheck: 'verified',
      reusedBytes: SHARED.length,
      bytesDone: SHARED.length,
    });
    expect(item(second, 'b-only.bin').reusedBytes).toBe(0);
    expect(await readFile(join(second.folder!, 'common.bin'))).toEqual(SHARED);
    const manifest = JSON.parse(await readFile(join(second.folder!, 'manifest.json'), 'utf8'));
    expect(manifest.artifacts[0]).toMatchObject({ file: 'common.bin', outcome: 'verified' });
    const verified = await harness.engine.verifyFolder(second.folder!);
    expect(verified.ok && verified.value.state).toBe('verified');
  });

  test('on the same file system the reused file is a hard link to the other package', async () => {
    harness = await sharedHarness();
    const first = await harness.fetch(A);
    const second = await harness.fetch(B);
    const theirs = await stat(join(first.folder!, 'common.bin'));
    const ours = await stat(join(second.folder!, 'common.bin'));
    expect(ours.ino).toBe(theirs.ino);
    expect(ours.nlink).toBe(2);
    // The link was made in the parts folder and renamed by the commit: nothing is left there.
    expect(await readdir(join(second.folder!, '.courier', 'parts'))).toEqual([]);
  });

  test('when a link is impossible (another drive: EXDEV) the file is copied, verified and committed', async () => {
    const fs = faultyFs({ before: (call) => (call.op === 'link' ? errno('EXDEV') : undefined) });
    harness = await sharedHarness(fs);
    const first = await harness.fetch(A);
    const second = await harness.fetch(B);
    expect(second).toMatchObject({ phase: 'staged', verified: true });
    expect(fs.calls.some((c) => c.op === 'link' && c.path.endsWith('common.bin'))).toBe(true);
    expect(fs.calls.some((c) => c.op === 'copyFile' && c.path.endsWith('common.bin'))).toBe(true);
    const theirs = await stat(join(first.folder!, 'common.bin'));
    const ours = await stat(join(second.folder!, 'common.bin'));
    expect(ours.ino).not.toBe(theirs.ino);
    expect(await readFile(join(second.folder!, 'common.bin'))).toEqual(SHARED);
    expect(item(second, 'common.bin').reusedBytes).toBe(SHARED.length);
    expect(storage(harness, 'common.bin')).toBe(1);
    // The copy went to the parts folder and reached its final name through the commit rename.
    const committed = fs.calls.filter(
      (c) => c.op === 'rename' && c.to === join(second.folder!, 'common.bin'),
    );
    expect(committed).toHaveLength(1);
    expect(committed[0]!.path).toContain(join('.courier', 'parts'));
  });

  test('a tampered copy (one byte flipped) is not reused: the file is downloaded and verified', async () => {
    harness = await sharedHarness();
    const first = await harness.fetch(A);
    const theirs = join(first.folder!, 'common.bin');
    const bytes = await readFile(theirs);
    bytes[1000] = bytes[1000]! ^ 0x01;
    await writeFile(theirs, bytes);

    const second = await harness.fetch(B);
    expect(second).toMatchObject({ phase: 'staged', verified: true });
    expect(storage(harness, 'common.bin')).toBe(2);
    expect(item(second, 'common.bin')).toMatchObject({ outcome: 'verified', reusedBytes: 0 });
    expect(await readFile(join(second.folder!, 'common.bin'))).toEqual(SHARED);
    // The other package keeps its (damaged) bytes: reuse never writes to it.
    expect((await readFile(theirs)).equals(bytes)).toBe(true);
    expect(
      warnings(harness).some((w) => w.includes('common.bin') && w.includes(first.folder!.split('/').pop()!)),
    ).toBe(true);
  });

  test('reuse can be turned off: reuseMaxManifests 0 downloads as before', async () => {
    harness = await engineHarness({
      server: { dataDir: await sharedDataDir() },
      config: { reuseMaxManifests: 0 },
    });
    await harness.fetch(A);
    const second = await harness.fetch(B);
    expect(storage(harness, 'common.bin')).toBe(2);
    expect(item(second, 'common.bin').reusedBytes).toBe(0);
  });

  test('unhashed, signed artifacts: the same itemKey and size in a renamed copy of the package, checked by signature', async () => {
    harness = await engineHarness();
    const first = await harness.fetch(BUILTIN_IDS.fieldNav);
    const served = storage(harness);
    // The package was moved aside (a backup): its job folder name is free again.
    await rename(first.folder!, join(harness.root, 'field-nav-backup'));

    const again = await fetchWithNewEngine(harness, BUILTIN_IDS.fieldNav);
    expect(again).toMatchObject({ phase: 'staged', verified: true, folder: first.folder });
    expect(storage(harness)).toBe(served);
    for (const i of again.items) {
      expect(i).toMatchObject({ hashCheck: 'none', signatureCheck: 'verified', outcome: 'verified' });
      expect(i.reusedBytes).toBe(i.size);
    }
    // The executable keeps its bit; the link shares it with the backup, which had it too.
    const msi = again.items.find((i) => i.isExecutable)!;
    expect((await stat(join(again.folder!, msi.fileName!))).mode & 0o777).toBe(0o755);
  });

  test('a map package is reused by its SHA-256; its sidecar, which nothing else vouches for, is fetched', async () => {
    harness = await engineHarness();
    const first = await harness.fetch(BUILTIN_IDS.map);
    await rename(first.folder!, join(harness.root, 'map-backup'));
    const [gpkgName, jsonName] = first.items.map((i) => i.fileName!);

    const again = await fetchWithNewEngine(harness, BUILTIN_IDS.map);
    expect(again).toMatchObject({ phase: 'staged', verified: true });
    expect(storage(harness, gpkgName)).toBe(1);
    expect(storage(harness, jsonName)).toBe(2);
    const gpkg = item(again, gpkgName!);
    // Map items declare no size: the reused bytes are the whole verified file.
    expect(gpkg).toMatchObject({ hashCheck: 'verified', outcome: 'verified' });
    expect(gpkg.reusedBytes).toBeGreaterThan(1_000_000);
    expect(gpkg.reusedBytes).toBe(gpkg.bytesDone);
    expect(item(again, jsonName!)).toMatchObject({ outcome: 'verified', boundTo: 'gpkg', reusedBytes: 0 });
  });

  test('unhashed: a copy whose signature no longer verifies is downloaded again, the others are reused', async () => {
    harness = await engineHarness();
    const first = await harness.fetch(BUILTIN_IDS.fieldNav);
    const backup = join(harness.root, 'field-nav-backup');
    await rename(first.folder!, backup);
    const msi = first.items.find((i) => i.isExecutable)!.fileName!;
    const bytes = await readFile(join(backup, msi));
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0x80;
    await writeFile(join(backup, msi), bytes);
    const served = storage(harness, msi);

    const again = await fetchWithNewEngine(harness, BUILTIN_IDS.fieldNav);
    expect(again).toMatchObject({ phase: 'staged', verified: true });
    expect(storage(harness, msi)).toBe(served + 1);
    expect(item(again, msi)).toMatchObject({ signatureCheck: 'verified', reusedBytes: 0 });
    expect(again.items.filter((i) => i.reusedBytes > 0)).toHaveLength(again.items.length - 1);
  });
});
