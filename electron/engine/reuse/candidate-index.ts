// Where an artifact's bytes may already be on disk: verified files listed by the other package
// folders of a staging root, read once per job. Manifests are leads, never proof (the caller
// re-verifies every byte).
import { join } from 'node:path';
import type { ManifestArtifact } from '../../shared/manifest.js';
import type { StagingFs } from '../staging/fs-adapter.js';
import { childPath } from '../staging/job-folder.js';
import { readManifest } from '../staging/manifest-io.js';

/** A tampered root could list one hash in many folders: each item re-hashes a few at most. */
export const MAX_CANDIDATES_PER_ITEM = 3;

export interface ReuseCandidate {
  /** The file inside the other package folder. */
  readonly path: string;
  /** That package folder's name, for messages. */
  readonly folder: string;
  readonly itemKey: string;
  readonly size: number;
  /** Lowercase hex, as that manifest claims it. */
  readonly sha256: string;
  readonly isExecutable: boolean;
}

export interface ReuseWanted {
  readonly itemKey: string;
  readonly size: number | null;
  /** The expected SHA-256 as lowercase hex; null when the server sent none. */
  readonly sha256: string | null;
  /** Without a hash, only a signature checked under the configured key can vouch for a copy. */
  readonly signatureCheckable: boolean;
}

export interface ReuseIndex {
  /** Manifests opened while building (bounded by maxManifests). */
  readonly manifestsRead: number;
  /** Package folders that had a valid manifest. */
  readonly packages: number;
  /** Candidates for one artifact, best first, at most MAX_CANDIDATES_PER_ITEM. */
  find(wanted: ReuseWanted): ReuseCandidate[];
}

export interface ReuseIndexOptions {
  readonly fs: StagingFs;
  readonly root: string;
  /** The job's own folder: its files are re-verified in place (F7), not through the index. */
  readonly exclude: string;
  readonly maxManifests: number;
}

function candidateOf(dir: string, folder: string, artifact: ManifestArtifact): ReuseCandidate | undefined {
  const { file, sha256, size } = artifact;
  // Only what was verified when staged; the schema already made `file` a plain name in the folder.
  if (artifact.outcome !== 'verified' || file === null || sha256 === null || size === null) return undefined;
  return {
    path: join(dir, file),
    folder,
    itemKey: artifact.itemKey,
    size,
    sha256,
    isExecutable: artifact.isExecutable,
  };
}

function add(map: Map<string, ReuseCandidate[]>, key: string, candidate: ReuseCandidate): void {
  const list = map.get(key);
  if (list) list.push(candidate);
  else map.set(key, [candidate]);
}

/** Never fails: an unreadable root, folder or manifest just offers nothing. */
export async function buildReuseIndex(options: ReuseIndexOptions): Promise<ReuseIndex> {
  const { fs, root, exclude, maxManifests } = options;
  const byHash = new Map<string, ReuseCandidate[]>();
  const byKey = new Map<string, ReuseCandidate[]>();
  let names: string[] = [];
  try {
    // Sorted: which copy is tried first must not depend on the file system's listing order.
    names = (await fs.readdir(root)).sort();
  } catch {
    // An unreadable root offers nothing; the job itself reports real problems with it.
  }
  let manifestsRead = 0;
  let packages = 0;
  for (const name of names) {
    if (manifestsRead >= maxManifests) break;
    const dir = name.startsWith('.') ? undefined : childPath(root, name);
    if (dir === undefined || dir === exclude) continue;
    // lstat: a symlinked "package" could point anywhere on the machine.
    const stats = await fs.lstat(dir).catch(() => undefined);
    if (!stats?.isDirectory()) continue;
    manifestsRead += 1;
    const manifest = await readManifest(dir, fs);
    if (!manifest.ok) continue;
    packages += 1;
    for (const artifact of manifest.value.artifacts) {
      const candidate = candidateOf(dir, name, artifact);
      if (!candidate) continue;
      add(byHash, candidate.sha256, candidate);
      add(byKey, candidate.itemKey, candidate);
    }
  }
  return {
    manifestsRead,
    packages,
    find(wanted) {
      const found =
        wanted.sha256 !== null
          ? (byHash.get(wanted.sha256) ?? []).filter((c) => wanted.size === null || c.size === wanted.size)
          : wanted.signatureCheckable && wanted.size !== null
            ? (byKey.get(wanted.itemKey) ?? []).filter((c) => c.size === wanted.size)
            : [];
      return found.slice(0, MAX_CANDIDATES_PER_ITEM);
    },
  };
}

/** What an item runner is given: the index, built on first use and then shared by the job's items. */
export interface ReuseSource {
  index(): Promise<ReuseIndex>;
  warn(message: string): void;
}

/** undefined when reuse is off (maxManifests 0). */
export function reuseSourceFor(
  folder: { readonly fs: StagingFs; readonly root: string; readonly path: string },
  maxManifests: number,
  warn: (message: string) => void,
): ReuseSource | undefined {
  if (maxManifests <= 0) return undefined;
  const options = { fs: folder.fs, root: folder.root, exclude: folder.path, maxManifests };
  let built: Promise<ReuseIndex> | undefined;
  return {
    // Lazy: when every file is already in the job folder (F7) the root is never scanned.
    index: () => (built ??= buildReuseIndex(options)),
    warn,
  };
}
