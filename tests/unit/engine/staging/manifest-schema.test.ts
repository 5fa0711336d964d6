// SHA256SUMS rendering and the manifest's own file-name rule (a manifest may come from any USB stick).
import { describe, expect, test } from 'vitest';
import { isPlainFileName } from '../../../../electron/engine/staging/manifest-schema.js';
import { renderSums } from '../../../../electron/engine/staging/manifest-io.js';
import { makeArtifact, makeManifest } from '../../../support/staging-package.js';

describe('renderSums', () => {
  test('coreutils format: "<hex>  <name>\\n", staged files only, manifest order', () => {
    const sums = renderSums(
      makeManifest([
        makeArtifact({ file: 'b.bin', sha256: 'b'.repeat(64) }),
        makeArtifact({ file: null, sha256: null, outcome: 'failed' }),
        makeArtifact({ file: 'docker.ref', sha256: 'c'.repeat(64), outcome: 'notDownloadable' }),
        makeArtifact({ file: 'a.bin', sha256: 'a'.repeat(64), outcome: 'unverified' }),
      ]),
    );
    expect(sums).toEqual({ ok: true, value: `${'b'.repeat(64)}  b.bin\n${'a'.repeat(64)}  a.bin\n` });
  });

  test('M1: a file name that is not plain is refused rather than written into SHA256SUMS', () => {
    const sums = renderSums(makeManifest([makeArtifact({ file: '../x\nbad' })]));
    expect(sums.ok).toBe(false);
    expect(!sums.ok && sums.error.code).toBe('CLIENT.internal');
  });
});

describe('isPlainFileName', () => {
  test.each(['tool.bin', 'map_2023.gpkg', 'נתונים.json'])('accepts %s', (name) => {
    expect(isPlainFileName(name)).toBe(true);
  });
  test.each([
    '',
    '.',
    '..',
    '../x',
    'a/b',
    'a\\b',
    '.courier',
    '.hidden',
    'manifest.json',
    'SHA256SUMS',
    'Report.HTML',
    'a\nb',
    'x'.repeat(256),
  ])('M1/M3: refuses %j', (name) => {
    expect(isPlainFileName(name)).toBe(false);
  });
});
