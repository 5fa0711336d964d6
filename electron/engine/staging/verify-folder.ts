// Re-checks a staged package fully offline, on any machine: re-hashes every staged file (streaming)
// and, given a public key, re-verifies signatures. Imports node:*, ../../shared/, ./ siblings only.
import { createHash, createPublicKey, createVerify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { appError } from '../../shared/app-error.js';
import { CONTROL_DIR, MANIFEST_FILE, REPORT_FILE, SUMS_FILE } from '../../shared/manifest.js';
import type { ManifestArtifact } from '../../shared/manifest.js';
import { fail, ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { digestHex, parseExpectedHash } from '../hash-format.js';
import { READ_NOFOLLOW, nodeFs } from './fs-adapter.js';
import type { StagingFileHandle, StagingFs } from './fs-adapter.js';
import { errnoOf, fsError } from './fs-errors.js';
import { readInto } from './file-io.js';
import { readManifest } from './manifest.js';

export type FileStatus = 'verified' | 'missing' | 'changed' | 'signatureInvalid';
export type SignatureResult = 'valid' | 'invalid' | 'absent' | 'notChecked';

export interface FileVerification {
  readonly file: string;
  readonly itemKey: string;
  readonly status: FileStatus;
  readonly expectedSize: number;
  readonly actualSize: number | null;
  readonly expectedSha256: string;
  readonly actualSha256: string | null;
  readonly signature: SignatureResult;
}

export interface FolderVerification {
  /** True only when nothing is missing, changed or carries an invalid signature. */
  readonly ok: boolean;
  readonly catalogId: string;
  readonly files: readonly FileVerification[];
  /** Entries in the folder the manifest does not list (Courier's own files excluded). */
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
  let key: KeyObject | undefined;
  if (options.publicKeyPem !== undefined) {
    const parsed = parseKey(options.publicKeyPem);
    if (!parsed.ok) return parsed;
    key = parsed.value;
  }
  const manifest = await readManifest(dir, fs);
  if (!manifest.ok) return manifest;

  const files: FileVerification[] = [];
  for (const artifact of manifest.value.artifacts) {
    const { file, sha256, size } = artifact;
    if (file === null || sha256 === null || size === null) continue;
    const checked = await verifyFile(fs, dir, { ...artifact, file, sha256, size }, key);
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
  const extra = entries.filter((name) => !OWN_ENTRIES.has(name) && !listed.has(name)).sort();
  return ok({
    ok: files.every((f) => f.status === 'verified'),
    catalogId: manifest.value.catalogId,
    files,
    extra,
    signaturesChecked: key !== undefined,
  });
}

function parseKey(pem: string): Result<KeyObject> {
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1')
      return ok(key);
  } catch {
    // reported below
  }
  return fail(
    appError({
      code: 'CLIENT.invalidRequest',
      message: 'The public key is not an ECDSA P-256 public key in PEM form. Check the key file you gave.',
      retryable: false,
    }),
  );
}

async function verifyFile(
  fs: StagingFs,
  dir: string,
  a: ManifestArtifact & { file: string; sha256: string; size: number },
  key: KeyObject | undefined,
): Promise<Result<FileVerification>> {
  const base = { file: a.file, itemKey: a.itemKey, expectedSize: a.size, expectedSha256: a.sha256 };
  const path = join(dir, a.file); // a.file is a plain name: checked by the manifest schema
  const hash = createHash('sha256');
  const verifier = key && a.signature !== null ? createVerify('sha256') : undefined;
  let handle: StagingFileHandle | undefined;
  let size: number;
  try {
    handle = await fs.open(path, READ_NOFOLLOW);
    const stats = await handle.stat();
    if (!stats.isFile())
      return ok({
        ...base,
        status: 'changed',
        actualSize: null,
        actualSha256: null,
        signature: 'notChecked',
      });
    size = await readInto(handle, verifier ? [hash, verifier] : [hash]);
  } catch (error) {
    const errno = errnoOf(error);
    if (errno === 'ENOENT')
      return ok({
        ...base,
        status: 'missing',
        actualSize: null,
        actualSha256: null,
        signature: 'notChecked',
      });
    // A symlink in a package (O_NOFOLLOW refuses it) is never the staged file.
    if (errno === 'ELOOP')
      return ok({
        ...base,
        status: 'changed',
        actualSize: null,
        actualSha256: null,
        signature: 'notChecked',
      });
    return fail(fsError(error, { action: 'reading', path, itemKey: a.itemKey }));
  } finally {
    await handle?.close().catch(() => undefined);
  }
  const actual = hash.digest('hex');
  // The server's published hash must agree too, so an edited manifest cannot vouch for edited bytes
  // unless the edit is consistent (which only a signature can rule out).
  const published = a.expectedHash
    ? parseExpectedHash({ algorithm: a.expectedHash.algorithm, hash: a.expectedHash.value }, a.itemKey)
    : undefined;
  const publishedOk =
    !published || (published.ok && (!published.value || digestHex(published.value.digest) === actual));
  let signature: SignatureResult = 'notChecked';
  if (key)
    signature = verifier
      ? verifier.verify(key, Buffer.from(a.signature ?? '', 'base64'))
        ? 'valid'
        : 'invalid'
      : 'absent';
  const changed = size !== a.size || actual !== a.sha256 || !publishedOk;
  const status: FileStatus = changed ? 'changed' : signature === 'invalid' ? 'signatureInvalid' : 'verified';
  return ok({ ...base, status, actualSize: size, actualSha256: actual, signature });
}
