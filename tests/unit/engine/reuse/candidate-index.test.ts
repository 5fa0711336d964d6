// The index of verified files in the other packages of a staging root: what it offers, what it skips
// (missing or damaged manifests, links, its own folder, unverified files) and where it stops.
import { createHash } from 'node:crypto';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  buildReuseIndex,
  MAX_CANDIDATES_PER_ITEM,
  reuseSourceFor,
} from '../../../../electron/engine/reuse/candidate-index.js';
import { nodeFs } from '../../../../electron/engine/staging/fs-adapter.js';
import { buildPackage, makeArtifact, makeManifest } from '../../../support/staging-package.js';
import { faultyFs } from '../../../support/staging-faulty-fs.js';
import { useTempDirs } from '../../../support/temp-dir.js';

const tempDir = useTempDirs();
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const TOOL = Buffer.from('tool bytes, shared by two releases');
const OTHER = Buffer.from('something else');

async function rootWith(packages: Record<string, Record<string, Buffer>>): Promise<string> {
  const root = await tempDir();
  for (const [name, files] of Object.entries(packages)) await buildPackage(join(root, name), files);
  return root;
}

const wantHash = (bytes: Buffer, size: number | null = bytes.length) => ({
  itemKey: 'x@whatever',
  size,
  sha256: sha(bytes),
  signatureCheckable: false,
});

describe('buildReuseIndex', () => {
  test('finds a verified file by SHA-256 in another package, whatever its name or itemKey', async () => {
    const root = await rootWith({ 'a@1': { 'tool.bin': TOOL, 'other.bin': OTHER } });
    const index = await buildReuseIndex({ fs: nodeFs, root, exclude: join(root, 'mine'), maxManifests: 10 });
    expect(index).toMatchObject({ manifestsRead: 1, packages: 1 });
    expect(index.find(wantHash(TOOL))).toEqual([
      {
        path: join(root, 'a@1', 'tool.bin'),
        folder: 'a@1',
        itemKey: '9.tool@1.0.0@tool.bin',
        size: TOOL.length,
        sha256: sha(TOOL),
        isExecutable: false,
      },
    ]);
    expect(index.find(wantHash(TOOL, null))).toHaveLength(1);
    // The size must agree when the server declared one.
    expect(index.find(wantHash(TOOL, TOOL.length + 1))).toEqual([]);
    expect(index.find(wantHash(Buffer.from('nowhere')))).toEqual([]);
  });

  test('an unhashed artifact matches by itemKey and size, and only when a signature can vouch for it', async () => {
    const root = await rootWith({ 'a@1': { 'tool.bin': TOOL } });
    const index = await buildReuseIndex({ fs: nodeFs, root, exclude: '', maxManifests: 10 });
    const wanted = { itemKey: '9.tool@1.0.0@tool.bin', size: TOOL.length, sha256: null };
    expect(index.find({ ...wanted, signatureCheckable: true })).toHaveLength(1);
    expect(index.find({ ...wanted, signatureCheckable: false })).toEqual([]);
    expect(index.find({ ...wanted, size: null, signatureCheckable: true })).toEqual([]);
    expect(index.find({ ...wanted, size: 1, signatureCheckable: true })).toEqual([]);
    expect(index.find({ ...wanted, itemKey: '9.tool@2.0.0@tool.bin', signatureCheckable: true })).toEqual([]);
  });

  test('its own folder, damaged or missing manifests, symlinked folders, files and hidden names are skipped', async () => {
    const root = await rootWith({ mine: { 'tool.bin': TOOL }, 'b@1': { 'tool.bin': TOOL } });
    await mkdir(join(root, 'no-manifest'));
    await mkdir(join(root, 'damaged'));
    await writeFile(join(root, 'damaged', 'manifest.json'), '{"format":"courier-manifest/1"');
    await symlink(join(root, 'b@1'), join(root, 'a-link'));
    await writeFile(join(root, 'loose-file'), 'x');
    await buildPackage(join(root, '.hidden'), { 'tool.bin': TOOL });
    const index = await buildReuseIndex({ fs: nodeFs, root, exclude: join(root, 'mine'), maxManifests: 10 });
    expect(index.find(wantHash(TOOL)).map((c) => c.folder)).toEqual(['b@1']);
    // no-manifest and damaged were opened, the link, the file, the hidden folder and mine were not.
    expect(index).toMatchObject({ manifestsRead: 3, packages: 1 });
  });

  test('only files that were verified when staged are offered', async () => {
    const root = await tempDir();
    const dir = join(root, 'c@1');
    await buildPackage(dir, { 'tool.bin': TOOL });
    const unverified = makeArtifact({
      itemKey: 'c@1@tool.bin',
      file: 'tool.bin',
      size: TOOL.length,
      sha256: sha(TOOL),
      outcome: 'unverified',
      hashCheck: 'none',
    });
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(makeManifest([unverified])));
    const index = await buildReuseIndex({ fs: nodeFs, root, exclude: '', maxManifests: 10 });
    expect(index.packages).toBe(1);
    expect(index.find(wantHash(TOOL))).toEqual([]);
  });

  test('at most maxManifests manifests are read, in name order', async () => {
    const packages: Record<string, Record<string, Buffer>> = {};
    for (const name of ['p1', 'p2', 'p3', 'p4']) packages[name] = { 'tool.bin': TOOL };
    const root = await rootWith(packages);
    const fs = faultyFs();
    const index = await buildReuseIndex({ fs, root, exclude: '', maxManifests: 2 });
    expect(index.manifestsRead).toBe(2);
    expect(index.find(wantHash(TOOL)).map((c) => c.folder)).toEqual(['p1', 'p2']);
    const opened = fs.calls.filter((c) => c.op === 'open').map((c) => c.path);
    expect(opened).toEqual([join(root, 'p1', 'manifest.json'), join(root, 'p2', 'manifest.json')]);
  });

  test('one artifact is offered a few candidates at most', async () => {
    const packages: Record<string, Record<string, Buffer>> = {};
    for (let i = 0; i < MAX_CANDIDATES_PER_ITEM + 2; i += 1) packages[`p${i}`] = { 'tool.bin': TOOL };
    const index = await buildReuseIndex({
      fs: nodeFs,
      root: await rootWith(packages),
      exclude: '',
      maxManifests: 50,
    });
    expect(index.find(wantHash(TOOL))).toHaveLength(MAX_CANDIDATES_PER_ITEM);
  });

  test('an unreadable root offers nothing instead of failing', async () => {
    const root = join(await tempDir(), 'gone');
    const index = await buildReuseIndex({ fs: nodeFs, root, exclude: '', maxManifests: 10 });
    expect(index).toMatchObject({ manifestsRead: 0, packages: 0 });
  });
});

describe('reuseSourceFor', () => {
  test('reads the root once, on first use, and not at all when turned off', async () => {
    const root = await rootWith({ 'a@1': { 'tool.bin': TOOL } });
    const fs = faultyFs();
    const folder = { fs, root, path: join(root, 'mine') };
    expect(reuseSourceFor(folder, 0, () => {})).toBeUndefined();
    const source = reuseSourceFor(folder, 10, () => {})!;
    expect(fs.calls).toEqual([]);
    const [first, second] = await Promise.all([source.index(), source.index()]);
    expect(first).toBe(second);
    expect(fs.calls.filter((c) => c.op === 'readdir')).toHaveLength(1);
  });
});
