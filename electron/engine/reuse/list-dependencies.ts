// Adds the staged dependencies to a finished package's manifest.json (the optional `dependencies`
// field), after stagePackage wrote it. Imports ../job/package-manifest and ../staging/ only.
import type { ManifestDependency } from '../../shared/manifest.js';
import { ok, type Result } from '../../shared/result.js';
import { buildManifest, type ManifestContext } from '../job/package-manifest.js';
import type { JobFolder } from '../staging/job-folder.js';
import { writeManifest } from '../staging/manifest.js';

/**
 * Rewrites manifest.json with the list (atomically, as every package file). The same context builds
 * the same manifest, so only the list differs; SHA256SUMS and report.html stay as written.
 */
export function listDependencies(
  context: ManifestContext,
  folder: JobFolder,
  dependencies: readonly ManifestDependency[],
): Promise<Result<void>> {
  if (dependencies.length === 0) return Promise.resolve(ok(undefined));
  return writeManifest(folder, { ...buildManifest(context), dependencies });
}
