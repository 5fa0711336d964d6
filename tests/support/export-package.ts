// Packages to export in the export tests: one staged by the real engine against the demo server, a
// fabricated one whose manifest declares a huge (sparse) file, and `sha256sum -c` as an outside check.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { BUILTIN_IDS } from '../../electron/demo-server/index.js';
import { nodeFs } from '../../electron/engine/staging/fs-adapter.js';
import { jobFolderName } from '../../electron/engine/staging/folder-name.js';
import { writePackageFiles } from '../../electron/engine/staging/manifest-io.js';
import { CONTROL_DIR } from '../../electron/shared/manifest.js';
import { engineHarness, type EngineHarness } from './engine-harness.js';
import { makeArtifact, makeManifest } from './staging-package.js';

export interface StagedPackage {
  /** The package folder the engine staged (with its .courier/ control folder). */
  readonly folder: string;
  readonly catalogId: string;
  /** The demo server's key the package's signatures were checked with (its manifest records it). */
  readonly publicKeyPem: string;
}

/** Stages 1.field-nav@2.3.1 (a few MiB, several files) once for the test file, cleaned up after it. */
export function useStagedPackage(): () => StagedPackage {
  let harness: EngineHarness | undefined;
  let staged: StagedPackage | undefined;
  beforeAll(async () => {
    harness = await engineHarness();
    const job = await harness.fetch(BUILTIN_IDS.fieldNav);
    if (job.phase !== 'staged' || !job.folder)
      throw new Error(`staging failed: ${job.error?.message ?? job.phase}`);
    staged = { folder: job.folder, catalogId: job.catalogId, publicKeyPem: harness.server.publicKeyPem };
  });
  afterAll(async () => {
    await harness?.close();
  });
  return () => {
    if (!staged) throw new Error('the staged package is made in beforeAll');
    return staged;
  };
}

/**
 * A package under `parent` whose manifest declares one file of `size` bytes, present as a sparse file
 * (truncate: nothing is written). Its hash is made up: it must be refused before anything reads it.
 */
export async function fabricateBigPackage(parent: string, size: number): Promise<string> {
  const catalogId = '9.tool@1.0.0';
  const dir = join(parent, jobFolderName(catalogId));
  await mkdir(join(dir, CONTROL_DIR), { recursive: true });
  const handle = await open(join(dir, 'huge-image.img'), 'w');
  await handle.truncate(size);
  await handle.close();
  const sha256 = createHash('sha256').update('not the real hash').digest('hex');
  const manifest = makeManifest(
    [makeArtifact({ itemKey: `${catalogId}@huge-image.img`, file: 'huge-image.img', size, sha256 })],
    { catalogId },
  );
  const written = await writePackageFiles(
    { path: dir, controlDir: join(dir, CONTROL_DIR), fs: nodeFs },
    manifest,
  );
  if (!written.ok) throw new Error(written.error.message);
  return dir;
}

/** `sha256sum -c SHA256SUMS` in `dir`: exit status and output. */
export function sha256sumCheck(dir: string): { status: number | null; output: string } {
  const run = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}
