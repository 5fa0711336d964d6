// The campaign's delivery: seeded bytes in a demo-server data folder, with the true digest of every
// artifact kept aside, so the oracle can tell a right file from a wrong one whatever the server said.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seededBytes } from './random.js';

export const CATALOG_ID = '7.campaign@1.0.0';
/** A second, small delivery: fetching it is "the next start" that must send waiting reports. */
export const SMALL_CATALOG_ID = '7.campaign-small@1.0.0';
const SMALL_FILE = { file: 'small-note.txt', size: 64 * 1024 + 3 };

const MiB = 1024 * 1024;

/**
 * Two artifacts: one larger than a few checkpoints (hash and signature), one checked by its
 * signature alone (so a missing or wrong key can never pass it).
 * @type {readonly { file: string, size: number, hash: 'SHA256Hex' | 'none', sign: boolean }[]}
 */
const ARTIFACTS = [
  { file: 'field-map.tif', size: 12 * MiB + 4321, hash: 'SHA256Hex', sign: true },
  { file: 'nav-agent.bin', size: 3 * MiB + 77, hash: 'none', sign: true },
];

/**
 * @typedef {{ file: string, size: number, sha256: string }} TrueArtifact
 * @typedef {{ dataDir: string, catalogId: string, smallCatalogId: string, artifacts: TrueArtifact[], allFiles: TrueArtifact[] }} Fixture
 */

/** Writes the data folder under `dir` and returns what is true about it. */
export async function writeFixture(/** @type {string} */ dir) {
  const dataDir = join(dir, 'data');
  await mkdir(dataDir, { recursive: true });
  /** @type {TrueArtifact[]} */
  const artifacts = [];
  for (const [index, spec] of ARTIFACTS.entries()) {
    const bytes = seededBytes(spec.size, 1000 + index);
    await writeFile(join(dataDir, spec.file), bytes);
    artifacts.push({
      file: spec.file,
      size: spec.size,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  }
  const small = seededBytes(SMALL_FILE.size, 2000);
  await writeFile(join(dataDir, SMALL_FILE.file), small);
  const smallTruth = { ...SMALL_FILE, sha256: createHash('sha256').update(small).digest('hex') };
  const deliveries = [
    { catalogId: CATALOG_ID, artifacts: ARTIFACTS.map(({ file, hash, sign }) => ({ file, hash, sign })) },
    { catalogId: SMALL_CATALOG_ID, artifacts: [{ file: SMALL_FILE.file, hash: 'SHA256Hex', sign: true }] },
  ];
  await writeFile(join(dataDir, 'courier-demo.json'), JSON.stringify({ deliveries }, null, 1));
  /** @type {Fixture} */
  const fixture = {
    dataDir,
    catalogId: CATALOG_ID,
    smallCatalogId: SMALL_CATALOG_ID,
    artifacts,
    allFiles: [...artifacts, smallTruth],
  };
  return fixture;
}
