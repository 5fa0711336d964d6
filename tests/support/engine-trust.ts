// Helpers for the trust integration tests (trust-*.test.ts): re-fetches by a later engine on the same
// server and staging root, rewriting one artifact of a delivery body, reading the package files back,
// and listing file modes. Real sockets and real files; test support only.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createEngine, type EngineConfigInput, type EngineDeps } from '../../electron/engine/index.js';
import type { Manifest, ManifestArtifact } from '../../electron/shared/manifest.js';
import type { ItemSnapshot, JobSnapshot } from '../../electron/shared/snapshots.js';
import type { EngineHarness } from './engine-harness.js';

/** A later `courier fetch` on the same server (and, unless overridden, the same staging root). */
export async function fetchAgain(
  h: EngineHarness,
  catalogId: string,
  config: Partial<EngineConfigInput> = {},
  deps: Partial<EngineDeps> = {},
): Promise<JobSnapshot> {
  const created = createEngine({ ...h.engine.config, ...config }, deps);
  if (!created.ok) throw new Error(created.error.message);
  const engine = created.value;
  try {
    const started = engine.start(catalogId);
    if (!started.ok) throw new Error(started.error.message);
    const settled = await engine.settled(started.value.jobId);
    if (!settled.ok) throw new Error(settled.error.message);
    return settled.value;
  } finally {
    await engine.close();
  }
}

interface WireArtifact {
  itemKey: string;
  signature?: string | null;
  hash?: { algorithm: string; hash: string } | null;
}

/** From now on, every delivery body the API sends has `patch` applied to the artifacts `pick` selects. */
export function patchArtifacts(
  h: EngineHarness,
  pick: (itemKey: string) => boolean,
  patch: (artifact: WireArtifact) => void,
): void {
  h.server.faults!.api('delivery/', {
    transform: (body) => {
      // updateDownloadStatus answers with no JSON body: leave it (and anything without artifacts) alone.
      if (body === null || typeof body !== 'object') return body;
      for (const artifact of (body as { artifacts?: WireArtifact[] }).artifacts ?? [])
        if (pick(artifact.itemKey)) patch(artifact);
      return body;
    },
  });
}

/** Storage requests whose URL contains `match` (every GET of an artifact's bytes). */
export const storageRequests = (h: EngineHarness, match = ''): number =>
  h.server.requestLog!.count(match, 'storage');

export const itemNamed = (job: JobSnapshot, name: string): ItemSnapshot => {
  const found = job.items.find((i) => i.fileName === name);
  if (!found) throw new Error(`no item ${name} in ${job.catalogId}`);
  return found;
};

export async function readManifestJson(folder: string): Promise<Manifest> {
  return JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8')) as Manifest;
}

export const manifestEntry = (manifest: Manifest, name: string): ManifestArtifact | undefined =>
  manifest.artifacts.find((a) => a.file === name || a.itemKey.endsWith(`@${name}`));

/** SHA256SUMS as name → hex (coreutils format `<hex>  <name>`). */
export async function readSums(folder: string): Promise<Map<string, string>> {
  const text = await readFile(join(folder, 'SHA256SUMS'), 'utf8');
  const sums = new Map<string, string>();
  for (const line of text.split('\n').filter(Boolean)) {
    const match = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (!match) throw new Error(`SHA256SUMS line not in coreutils format: ${JSON.stringify(line)}`);
    sums.set(match[2]!, match[1]!);
  }
  return sums;
}

/** Every regular file under `dir` (Courier's own control folder included) with its permission bits. */
export async function fileModes(dir: string): Promise<{ path: string; mode: number }[]> {
  const found: { path: string; mode: number }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await fileModes(path)));
    else if (entry.isFile()) found.push({ path, mode: (await stat(path)).mode & 0o777 });
  }
  return found;
}

export async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
