// M11: a delivery older than one already staged for the same project is flagged.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  compareVersions,
  newerStaged,
  splitCatalogId,
} from '../../../../electron/engine/job/rollback-check.js';
import { nodeFs } from '../../../../electron/engine/staging/fs-adapter.js';
import { useTempDirs } from '../../../support/temp-dir.js';

const tempDir = useTempDirs();

async function stage(root: string, folder: string, catalogId: string): Promise<void> {
  await mkdir(join(root, folder));
  const manifest = {
    format: 'courier-manifest/1',
    catalogId,
    itemType: 'software',
    server: 'http://127.0.0.1:7380',
    deviceId: 'd',
    tool: { name: 'courier', version: '0.1.0' },
    startedAt: '2026-07-02T08:00:00.000Z',
    stagedAt: '2026-07-02T08:00:00.000Z',
    publicKeyFingerprint: null,
    verified: true,
    artifacts: [],
  };
  await writeFile(join(root, folder, 'manifest.json'), JSON.stringify(manifest));
}

describe('M11 rollback check', () => {
  test('versions compare part by part, numerically', () => {
    expect(compareVersions('2.10.0', '2.9.1')).toBeGreaterThan(0);
    expect(compareVersions('2.3.1', '2.3.1')).toBe(0);
    expect(compareVersions('2.0.0-rc1', '2.0.0')).toBeLessThan(0);
    expect(splitCatalogId('42.field-nav@2.3.1')).toEqual({ project: '42.field-nav', version: '2.3.1' });
    expect(splitCatalogId('2d6a4f0e-6b1c-4c8e-9f3a-5b7d2e1c0a94')).toBeUndefined();
  });

  test('an older release of a project already staged newer is flagged with the newer id', async () => {
    const root = await tempDir();
    await stage(root, 'a', '42.field-nav@2.3.1');
    await stage(root, 'b', '42.field-nav@2.10.0');
    await stage(root, 'c', '43.other@9.0.0');
    expect(await newerStaged(nodeFs, root, '42.field-nav@2.4.0')).toBe('42.field-nav@2.10.0');
    expect(await newerStaged(nodeFs, root, '42.field-nav@3.0.0')).toBeUndefined();
    expect(await newerStaged(nodeFs, root, '44.new@1.0.0')).toBeUndefined();
  });
});
