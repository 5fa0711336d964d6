// Writes the soak's deliveries as a `courier demo --data` folder (README, "Serving your own files"):
// one release per delivery, each with three random files that exercise the three ways an artifact is
// vouched for (SHA256Hex, SHA256Base64, signature alone). Random bytes, so no delivery can reuse a
// verified copy from another package: every delivery really goes over the network.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Sizes are deliberately not powers of two, and differ per delivery, so reads end mid-buffer.
 * About 1.6 MiB per delivery: 100 deliveries stay near 160 MiB served and 160 MiB staged.
 * @type {readonly { name: string, hash: 'SHA256Hex' | 'SHA256Base64' | 'none', size: (n: number) => number }[]}
 */
const ARTIFACTS = [
  { name: 'setup.bin', hash: 'SHA256Hex', size: (n) => 2 ** 20 + 4099 * n },
  { name: 'data.pak', hash: 'SHA256Base64', size: (n) => 2 ** 19 + 1021 * n },
  { name: 'notes.txt', hash: 'none', size: (n) => 96 * 1024 + 13 * n },
];

/** @param {number} n 1-based delivery number */
export const soakCatalogId = (n) => `${700 + n}.soak-${String(n).padStart(3, '0')}@1.0.0`;

/**
 * Writes `count` deliveries and their courier-demo.json into `dir` (which must exist).
 * @param {string} dir
 * @param {number} count
 * @returns {Promise<{ catalogIds: string[], bytes: number }>}
 */
export async function writeDataFolder(dir, count) {
  const catalogIds = [];
  const deliveries = [];
  let bytes = 0;
  for (let n = 1; n <= count; n += 1) {
    const catalogId = soakCatalogId(n);
    const sub = `d${String(n).padStart(3, '0')}`;
    await mkdir(join(dir, sub));
    const artifacts = [];
    for (const artifact of ARTIFACTS) {
      const size = artifact.size(n);
      await writeFile(join(dir, sub, artifact.name), randomBytes(size));
      bytes += size;
      artifacts.push({ file: `${sub}/${artifact.name}`, hash: artifact.hash, sign: true });
    }
    catalogIds.push(catalogId);
    deliveries.push({ catalogId, displayName: `Soak delivery ${n}`, artifacts });
  }
  await writeFile(join(dir, 'courier-demo.json'), JSON.stringify({ deliveries }, null, 2));
  return { catalogIds, bytes };
}
