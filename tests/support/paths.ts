// Where tests find things outside their own folder: the repository root and the shared/ folder that
// CI lays beside the clone (with the real GetMap sample in peer-data/).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The real GetMap package and sidecars from the Android SDK, if shared/ is beside the repo. */
export const getmapSample = join(repoRoot, '..', 'shared', 'peer-data', 'getmap-sdk');
export const hasGetmapSample = existsSync(join(getmapSample, 'README.md'));

export const GETMAP_SAMPLE = {
  gpkg: 'Orthophoto_gaza_north_2_0_19_2023_11_21T13_13_01_792Z.gpkg',
  sidecar: 'Orthophoto_gaza_north_2_0_19_2023_11_21T13_13_01_792Z.json',
  wrongSidecar: 'E-Orthophoto_gaza_north_2_0_19_2023_11_21T13_13_01_792Z.json',
  sha256Hex: 'f0fbb4f26c9bb1d373e23e99687b2e830abfef5ffefcf1f5e135171a7d6f28b0',
  sha256Base64: '8Pu08mybsdNz4j6ZaHsugwq/71/+/PH14TUXGn1vKLA=',
  size: 991_232,
} as const;
