// The staged packages in the staging folder, read from their manifests, and the one way a packageId
// from the UI becomes a folder: a plain direct child name, never a path (E1).
import { lstat, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { appError } from '../shared/app-error.js';
import type { PackageSummary } from '../shared/ipc-contract.js';
import { MANIFEST_FILE, MANIFEST_FORMAT, type ArtifactOutcome } from '../shared/manifest.js';
import { listedFiles, recordedState } from '../shared/package-verdict.js';
import { fail, ok, type Result } from '../shared/result.js';

const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;
const MAX_PACKAGES = 2000;

/**
 * Only what the history shows; `courier verify` / verifyPackage check the whole manifest. An outcome
 * this version does not know makes the manifest unreadable rather than quietly ignored (an ignored
 * failure would read as verified).
 */
const OUTCOMES = {
  verified: 'verified',
  unverified: 'unverified',
  notDownloadable: 'notDownloadable',
  failed: 'failed',
  rejected: 'rejected',
} as const satisfies { [K in ArtifactOutcome]: K };

const summarySchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  catalogId: z.string(),
  server: z.string(),
  stagedAt: z.string(),
  artifacts: z.array(
    z.object({
      file: z.string().nullable(),
      size: z.number().nonnegative().nullable(),
      outcome: z.enum(OUTCOMES),
    }),
  ),
});

/** Where the packages are, in the words of a message ("the staging folder", "the export target"). */
const STAGING_FOLDER = 'the staging folder';

const notAPackage = (place: string): Result<never> =>
  fail(
    appError({
      code: 'CLIENT.invalidRequest',
      message: `That package is not in ${place}.`,
      retryable: false,
    }),
  );

/** A folder name as listHistory hands it out: one component, not hidden, no separators or controls. */
export function isPackageId(id: string): boolean {
  return (
    id.length > 0 &&
    id.length <= 255 &&
    !id.startsWith('.') &&
    // eslint-disable-next-line no-control-regex
    !/[/\\:\u0000-\u001f\u007f]/.test(id)
  );
}

/** The package folder for an id from the UI: a real directory (not a link) directly in the root. */
export async function packageFolder(
  root: string,
  packageId: string,
  place = STAGING_FOLDER,
): Promise<Result<string>> {
  if (!isPackageId(packageId)) return notAPackage(place);
  const folder = join(root, packageId);
  try {
    const info = await lstat(folder);
    return info.isDirectory() ? ok(folder) : notAPackage(place);
  } catch {
    return notAPackage(place);
  }
}

/** The History line of the package `name` in `root`; undefined when its manifest cannot be read. */
export async function readSummary(root: string, name: string): Promise<PackageSummary | undefined> {
  const path = join(root, name, MANIFEST_FILE);
  try {
    const info = await lstat(path);
    if (!info.isFile() || info.size > MAX_MANIFEST_BYTES) return undefined;
    const parsed = summarySchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    if (!parsed.success) return undefined;
    const { artifacts } = parsed.data;
    const staged = listedFiles(artifacts);
    return {
      packageId: name,
      catalogId: parsed.data.catalogId,
      stagedAt: parsed.data.stagedAt,
      state: recordedState(artifacts),
      fileCount: staged.length,
      totalBytes: staged.reduce((sum, a) => sum + (a.size ?? 0), 0),
      server: parsed.data.server,
    };
  } catch {
    return undefined; // not a package (yet): a job still running, or someone else's folder
  }
}

export async function listPackages(root: string, place = STAGING_FOLDER): Promise<Result<PackageSummary[]>> {
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok([]);
    return fail(
      appError({
        code: 'CLIENT.fileSystem',
        message: `Courier could not list ${place} "${root}".`,
        retryable: true,
      }),
    );
  }
  const names = entries
    .filter((entry) => entry.isDirectory() && isPackageId(entry.name))
    .map((entry) => entry.name)
    .slice(0, MAX_PACKAGES);
  const summaries = await Promise.all(names.map((name) => readSummary(root, name)));
  return ok(
    summaries
      .filter((s): s is PackageSummary => s !== undefined)
      .sort((a, b) => b.stagedAt.localeCompare(a.stagedAt)),
  );
}
