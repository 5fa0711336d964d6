// Re-checks a staged package fully offline, on any machine: re-hashes every listed file (streaming),
// given a public key re-verifies signatures, lists what lies beside them, and gives the package
// verdict (shared/package-verdict.ts).
import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { CONTROL_DIR, MANIFEST_FILE, REPORT_FILE, SUMS_FILE } from '../../shared/manifest.js';
import type { ManifestArtifact } from '../../shared/manifest.js';
import {
  listedFiles,
  packageState,
  type FileCheck,
  type PackageState,
  type StagedOutcome,
} from '../../shared/package-verdict.js';
import { fail, ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { inspectFile } from '../integrity/file-digest.js';
import { digestHex, parseExpectedHash } from '../integrity/hash-format.js';
import { parsePublicKey } from '../integrity/public-key.js';
import { nodeFs } from './fs-adapter.js';
import type { StagingFs } from './fs-adapter.js';
import { fsError } from './fs-errors.js';
import { readManifest } from './manifest-io.js';
import { ownSelfCheckEntries } from './self-check-entries.js';

export type SignatureResult = 'valid' | 'invalid' | 'absent' | 'notChecked';

export interface FileVerification {
  readonly file: string;
  readonly itemKey: string;
  readonly status: FileCheck;
  readonly expectedSize: number;
  readonly actualSize: number | null;
  readonly expectedSha256: string;
  readonly actualSha256: string | null;
  readonly signature: SignatureResult;
  readonly outcome: StagedOutcome;
}

export interface FolderVerification {
  /** The package verdict: 'verified' is the only good one. */
  readonly state: PackageState;
  readonly catalogId: string;
  readonly files: readonly FileVerification[];
  /**
   * Entries in the folder the manifest does not list (Courier's own files excluded, an export's
   * self-check files only while unchanged): 'unlisted'.
   */
  readonly extra: readonly string[];
  readonly signaturesChecked: boolean;
}

export interface VerifyFolderOptions {
  readonly publicKeyPem?: string;
  readonly fs?: StagingFs;
}

const OWN_ENTRIES = new Set([MANIFEST_FILE, REPORT_FILE, SUMS_FILE, CONTROL_DIR]);

export async function verifyFolder(
  dir: string,
  options: VerifyFolderOptions = {},
): Promise<Result<FolderVerification>> {
  const fs = options.fs ?? nodeFs;
  const key = options.publicKeyPem === undefined ? ok(undefined) : parsePublicKey(options.publicKeyPem);
  if (!key.ok) return key;
  const manifest = await readManifest(dir, fs);
  if (!manifest.ok) return manifest;

  const files: FileVerification[] = [];
  for (const artifact of listedFiles(manifest.value.artifacts)) {
    const checked = await verifyFile(fs, dir, artifact, key.value?.key);
    if (!checked.ok) return checked;
    files.push(checked.value);
  }
  let entries: string[];
  try {
    entries = await fs.readdir(dir);
  } catch (error) {
    return fail(fsError(error, { action: 'listing the package folder', path: dir, onRoot: true }));
  }
  const listed = new Set(files.map((f) => f.file));
  const beside = entries.filter((name) => !OWN_ENTRIES.has(name) && !listed.has(name));
  // An exported drive's self-check files are Courier's own only while they are exactly what it wrote.
  const selfCheck = await ownSelfCheckEntries(fs, dir, manifest.value, beside);
  const extra = beside.filter((name) => !selfCheck.has(name)).sort();
  return ok({
    state: packageState(manifest.value.artifacts, files, extra),
    catalogId: manifest.value.catalogId,
    files,
    extra,
    signaturesChecked: key.value !== undefined,
  });
}

async function verifyFile(
  fs: StagingFs,
  dir: string,
  a: ManifestArtifact & { file: string },
  key: KeyObject | undefined,
): Promise<Result<FileVerification>> {
  const expectedSize = a.size ?? 0;
  const expectedSha256 = a.sha256 ?? '';
  const outcome: StagedOutcome = a.outcome === 'verified' ? 'verified' : 'unverified';
  const base = { file: a.file, itemKey: a.itemKey, expectedSize, expectedSha256, outcome } as const;
  const path = join(dir, a.file); // a.file is a plain name: checked by the manifest schema
  const signature = key && a.signature !== null ? { key, signatureBase64: a.signature } : undefined;
  const read = await inspectFile(fs, path, signature);
  const unread = { actualSize: null, actualSha256: null, signature: 'notChecked' } as const;
  if (read.kind === 'missing') return ok({ ...base, ...unread, status: 'missing' });
  // A symlink, folder or device in a package is never the staged file.
  if (read.kind === 'notAFile') return ok({ ...base, ...unread, status: 'changed' });
  if (read.kind === 'error')
    return fail(fsError(read.error, { action: 'reading', path, itemKey: a.itemKey }));
  const actual = digestHex(read.sha256);
  // The server's published hash must agree too, so an edited manifest cannot vouch for edited bytes
  // unless the edit is consistent (which only a signature can rule out).
  const published = a.expectedHash
    ? parseExpectedHash({ algorithm: a.expectedHash.algorithm, hash: a.expectedHash.value }, a.itemKey)
    : undefined;
  const publishedOk =
    !published || (published.ok && (!published.value || digestHex(published.value.digest) === actual));
  const signatureResult: SignatureResult = !key
    ? 'notChecked'
    : read.signatureValid === undefined
      ? 'absent'
      : read.signatureValid
        ? 'valid'
        : 'invalid';
  const changed = read.size !== a.size || actual !== a.sha256 || !publishedOk;
  const status: FileCheck = changed
    ? 'changed'
    : signatureResult === 'invalid'
      ? 'signatureInvalid'
      : 'verified';
  return ok({ ...base, status, actualSize: read.size, actualSha256: actual, signature: signatureResult });
}
