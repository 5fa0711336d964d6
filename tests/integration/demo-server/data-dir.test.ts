// --data DIR: serving a tester's own files, and the real GetMap sample as a conformance fixture.
import { createHash, verify } from 'node:crypto';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadDataDir } from '../../../electron/demo-server/data-dir.js';
import { signingKeyFromSeed } from '../../../electron/demo-server/signing.js';
import { sha256Of } from '../../../electron/demo-server/stored-object.js';
import { GETMAP_SAMPLE, getmapSample, hasGetmapSample } from '../../support/paths.js';
import { useTempDirs } from '../../support/temp-dir.js';

const key = signingKeyFromSeed('courier-demo');
const tempDir = useTempDirs();

async function describeDir(dir: string, description: unknown): Promise<void> {
  await writeFile(join(dir, 'courier-demo.json'), JSON.stringify(description));
}

describe('demo server --data DIR', () => {
  test('a release from real files: hashes as asked, signed, executable flag and arguments kept', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'bin'));
    await writeFile(join(dir, 'bin', 'tool-setup.exe'), Buffer.alloc(70_000, 7));
    await writeFile(join(dir, 'notes.txt'), 'hello');
    await describeDir(dir, {
      deliveries: [
        {
          catalogId: '9.my-tool@1.0.0',
          displayName: 'My Tool',
          artifacts: [
            { file: 'bin/tool-setup.exe', hash: 'SHA256Base64', isExecutable: true, arguments: '/S' },
            { file: 'notes.txt', sign: false },
          ],
        },
      ],
    });
    const [delivery] = await loadDataDir(dir, key);
    expect(delivery!.component).toMatchObject({
      id: '9.my-tool@1.0.0',
      projectId: 9,
      projectName: 'my-tool',
      status: 'released',
    });
    const [exe, notes] = delivery!.artifacts;
    expect(exe).toMatchObject({
      itemKey: '9.my-tool@1.0.0@tool-setup.exe',
      publishedHash: 'SHA256Base64',
      isExecutable: true,
      arguments: '/S',
    });
    const bytes = await readFile(join(dir, 'bin', 'tool-setup.exe'));
    expect(exe!.file!.sha256.equals(createHash('sha256').update(bytes).digest())).toBe(true);
    expect(verify('sha256', bytes, key.publicKeyPem, Buffer.from(exe!.signature!, 'base64'))).toBe(true);
    expect(notes).toMatchObject({ itemKey: '9.my-tool@1.0.0@notes.txt', signature: null });
    expect(notes!.publishedHash).toBeUndefined();
  });

  test('a file outside the folder is refused, naming it', async () => {
    const dir = await tempDir();
    await describeDir(dir, {
      deliveries: [{ catalogId: '9.x@1', artifacts: [{ file: '../../etc/passwd' }] }],
    });
    await expect(loadDataDir(dir, key)).rejects.toThrow(/etc\/passwd (is outside the folder|does not exist)/);
  });

  test('a broken description says what is wrong', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'courier-demo.json'), '{"deliveries": [');
    await expect(loadDataDir(dir, key)).rejects.toThrow(/courier-demo.json: not valid JSON/);
    await describeDir(dir, { deliveries: [{ artifacts: [] }] });
    await expect(loadDataDir(dir, key)).rejects.toThrow(/"catalogId" is required/);
  });

  test.skipIf(!hasGetmapSample)(
    'the real GetMap sample is served with the hash from its sidecar',
    async () => {
      const dir = await tempDir();
      for (const name of [GETMAP_SAMPLE.gpkg, GETMAP_SAMPLE.sidecar, GETMAP_SAMPLE.wrongSidecar]) {
        await copyFile(join(getmapSample, name), join(dir, name));
      }
      await describeDir(dir, {
        deliveries: [
          { catalogId: 'gaza-north', map: { gpkg: GETMAP_SAMPLE.gpkg, sidecar: GETMAP_SAMPLE.sidecar } },
          {
            catalogId: 'gaza-north-wrong',
            map: { gpkg: GETMAP_SAMPLE.gpkg, sidecar: GETMAP_SAMPLE.wrongSidecar },
          },
        ],
      });
      const [good, wrong] = await loadDataDir(dir, key);
      const [gpkg, json] = good!.artifacts;
      expect(gpkg).toMatchObject({ itemKey: 'gpkg', artifactType: 'map', publishedHash: 'SHA256Hex' });
      expect(gpkg!.file!.object.size).toBe(GETMAP_SAMPLE.size);
      expect(gpkg!.file!.sha256.toString('hex')).toBe(GETMAP_SAMPLE.sha256Hex);
      expect((await sha256Of(gpkg!.file!.object)).toString('base64')).toBe(GETMAP_SAMPLE.sha256Base64);
      expect(json!.file!.name).toBe(GETMAP_SAMPLE.sidecar);
      // The E- sidecar publishes a wrong digest (first nibble e): served as-is, for negative tests.
      expect(wrong!.artifacts[0]!.file!.sha256.toString('hex')).toBe(`e${GETMAP_SAMPLE.sha256Hex.slice(1)}`);
    },
  );
});
