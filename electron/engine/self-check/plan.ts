// What a drive needs to check itself without Courier, derived from the manifest alone: which files
// SHA256SUMS must confirm, which carry a detached `<file>.sig`, the key fingerprint to expect, and the
// package's recorded state. Pure.
import type { Manifest } from '../../shared/manifest.js';
import { listedFiles, PACKAGE_STATE_TEXT, recordedState } from '../../shared/package-verdict.js';
import { isWellFormedSignature } from '../integrity/signature.js';
import { foldName } from '../safe-name.js';

export const KEY_FILE = 'cosign.pub';
export const VERIFY_SH = 'verify.sh';
export const VERIFY_PS1 = 'verify.ps1';
export const README_TXT = 'README.txt';
export const SIGNATURE_SUFFIX = '.sig';

export interface SelfCheckPlan {
  readonly catalogId: string;
  /** How many files SHA256SUMS lists: all of them must check OK (a shortened SHA256SUMS must not pass). */
  readonly fileCount: number;
  /** Signed files whose signature is on the drive as `<file>.sig`, in manifest order. */
  readonly signed: readonly { readonly file: string; readonly der: Buffer }[];
  /** Signed files whose `<file>.sig` name a package file already takes: only Courier can check those. */
  readonly signedWithoutSig: readonly string[];
  /** The fingerprint the manifest records (SHA-256 of the SPKI DER, hex); cosign.pub must match it. */
  readonly keyFingerprint: string | null;
  /** Set when the package is not verified: the scripts then never end in success. */
  readonly label: { readonly label: string; readonly meaning: string } | null;
  /** Helper names the package's own files do not take (a package file always wins its name). */
  readonly free: (name: string) => boolean;
}

export function planSelfCheck(manifest: Manifest): SelfCheckPlan {
  const files = listedFiles(manifest.artifacts);
  // Folded as on the most permissive target (FAT, NTFS, APFS): `Verify.sh` there is `verify.sh`.
  const taken = new Set(files.map((a) => foldName(a.file)));
  const free = (name: string) => !taken.has(foldName(name));
  const withSignature = files.filter((a) => a.signature !== null);
  const state = recordedState(manifest.artifacts);
  return {
    catalogId: manifest.catalogId,
    fileCount: files.length,
    signed: withSignature
      .filter((a) => free(`${a.file}${SIGNATURE_SUFFIX}`))
      .map((a) => ({ file: a.file, der: signatureDer(a.signature ?? '') })),
    signedWithoutSig: withSignature.filter((a) => !free(`${a.file}${SIGNATURE_SUFFIX}`)).map((a) => a.file),
    keyFingerprint: manifest.publicKeyFingerprint,
    label: state === 'verified' ? null : PACKAGE_STATE_TEXT[state],
    free,
  };
}

/**
 * The base64 signature as the DER bytes openssl reads. Text Courier itself would not accept (junk,
 * base64url) becomes an empty file, which openssl rejects too: the drive is never more lenient.
 */
function signatureDer(signatureBase64: string): Buffer {
  return isWellFormedSignature(signatureBase64) ? Buffer.from(signatureBase64, 'base64') : Buffer.alloc(0);
}
