// M11: warns when a delivery is older than one already staged for the same project (a rollback a
// compromised or stale server could push). Reads the manifests of the staging root's packages; it
// never blocks: a technician may stage an older release on purpose, but must be told.
import { join } from 'node:path';
import type { StagingFs } from '../staging/fs-adapter.js';
import { readManifest } from '../staging/manifest-io.js';

/** `<projectId>.<name>@<version>` → [project, version]; undefined for ids without a version (maps). */
export function splitCatalogId(catalogId: string): { project: string; version: string } | undefined {
  const at = catalogId.lastIndexOf('@');
  if (at <= 0 || at === catalogId.length - 1) return undefined;
  return { project: catalogId.slice(0, at), version: catalogId.slice(at + 1) };
}

/** Compares dotted versions part by part, numerically where both parts are numbers (2.10 > 2.9). */
export function compareVersions(a: string, b: string): number {
  const left = a.split(/[.+-]/);
  const right = b.split(/[.+-]/);
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    const x = left[i] ?? '';
    const y = right[i] ?? '';
    if (x === y) continue;
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) return nx - ny;
    // A release (nothing left) outranks its pre-releases: 2.0 > 2.0-rc1.
    if (x === '') return 1;
    if (y === '') return -1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** The newest staged catalogId of the same project that is newer than `catalogId`, if any. */
export async function newerStaged(
  fs: StagingFs,
  stagingRoot: string,
  catalogId: string,
): Promise<string | undefined> {
  const wanted = splitCatalogId(catalogId);
  if (!wanted) return undefined;
  let entries: string[];
  try {
    entries = await fs.readdir(stagingRoot);
  } catch {
    return undefined;
  }
  let newest: string | undefined;
  for (const entry of entries) {
    if (entry.startsWith('.')) continue;
    const manifest = await readManifest(join(stagingRoot, entry), fs);
    if (!manifest.ok) continue;
    const staged = splitCatalogId(manifest.value.catalogId);
    if (!staged || staged.project !== wanted.project || compareVersions(staged.version, wanted.version) <= 0)
      continue;
    if (!newest || compareVersions(staged.version, splitCatalogId(newest)!.version) > 0)
      newest = manifest.value.catalogId;
  }
  return newest;
}
