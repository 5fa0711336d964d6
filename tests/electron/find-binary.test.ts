// How the smoke suite decides between running and skipping: the binary it would launch, or the
// reason it gives. Runs everywhere (no Electron needed).
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findElectronBinary } from '../support/electron-app.js';

describe('finding the Electron binary for the desktop smoke suite', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'courier-find-electron-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test.skipIf(process.platform === 'win32')(
    'COURIER_ELECTRON_BINARY wins when it is executable',
    async () => {
      const binary = join(dir, 'my-electron');
      await writeFile(binary, '#!/bin/sh\n');
      await chmod(binary, 0o755);
      expect(await findElectronBinary({ COURIER_ELECTRON_BINARY: binary })).toEqual({
        path: binary,
        source: 'COURIER_ELECTRON_BINARY',
      });
    },
  );

  test.skipIf(process.platform !== 'linux')(
    'ELECTRON_OVERRIDE_DIST_PATH is a folder holding `electron`',
    async () => {
      const dist = join(dir, 'dist');
      await mkdir(dist);
      await writeFile(join(dist, 'electron'), '#!/bin/sh\n');
      await chmod(join(dist, 'electron'), 0o755);
      expect(await findElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: dist })).toMatchObject({
        path: join(dist, 'electron'),
      });
    },
  );

  test('a missing or non-executable file is a reason to skip that names what was tried', async () => {
    const plain = join(dir, 'not-executable');
    await writeFile(plain, 'data');
    await chmod(plain, 0o644);
    const found = await findElectronBinary({ COURIER_ELECTRON_BINARY: plain });
    // Here the electron package has no binary either; on a machine with one it would be chosen.
    if ('path' in found) expect(found.source).toBe('the electron package');
    else expect(found.reason).toContain(`COURIER_ELECTRON_BINARY: ${plain}`);
  });
});
