// The staged package's manifest.json: what was staged, how each file was checked, and enough to
// re-verify the folder offline on any machine. Pure types: the engine writes it, `courier verify`,
// export and the desktop history read it.
import type { AppError } from './app-error.js';
import type { ArtifactType, HashAlgorithm, ItemType } from './getapp-protocol.js';

export const MANIFEST_FORMAT = 'courier-manifest/1';
export const MANIFEST_FILE = 'manifest.json';
export const REPORT_FILE = 'report.html';
export const SUMS_FILE = 'SHA256SUMS';
/** Courier's own folder inside a job folder (journal, lock); never copied to export targets. */
export const CONTROL_DIR = '.courier';

/** How a file's bytes compare with the hash the server published. */
export type HashCheck = 'verified' | 'mismatch' | 'none';
/** How a file's bytes compare with its cosign signature under the configured public key. */
export type SignatureCheck = 'verified' | 'invalid' | 'absent' | 'noKey';

/**
 * verified: every check available to it passed and at least one exists (hash or signature).
 * unverified: staged, but nothing could vouch for the bytes (allowed by policy only).
 * notDownloadable: docker/rpm/deb or another non-HTTP reference, recorded only.
 * failed / rejected: not staged (error tells why; rejected = unsafe name or URL).
 */
export type ArtifactOutcome = 'verified' | 'unverified' | 'notDownloadable' | 'failed' | 'rejected';

export interface ManifestArtifact {
  readonly itemKey: string;
  readonly artifactType: ArtifactType;
  /** File name inside the package folder; null when nothing was staged. */
  readonly file: string | null;
  readonly size: number | null;
  /** SHA-256 of the staged bytes, lowercase hex; null when nothing was staged. */
  readonly sha256: string | null;
  readonly expectedHash: { readonly algorithm: HashAlgorithm; readonly value: string } | null;
  readonly hashCheck: HashCheck;
  /** The cosign signature as the server sent it (base64), kept for offline re-verification. */
  readonly signature: string | null;
  readonly signatureCheck: SignatureCheck;
  readonly outcome: ArtifactOutcome;
  /**
   * A map sidecar with no hash of its own is verified through the package it describes: its
   * `sha256` equals the verified digest of the item named here.
   */
  readonly boundTo?: string;
  /** For notDownloadable items: the image or package reference. */
  readonly reference?: string;
  readonly isExecutable: boolean;
  /** Stored as data, never run. */
  readonly arguments: string | null;
  readonly metaData: string | null;
  readonly stagedAt: string | null;
  readonly error?: Pick<AppError, 'code' | 'message'>;
}

/** A dependency staged before this package, in its own folder next to this one (protocol §5). */
export interface ManifestDependency {
  readonly catalogId: string;
  /** The dependency's package folder: a plain name, a sibling of this package's folder. */
  readonly folder: string;
}

export interface Manifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly catalogId: string;
  readonly itemType: ItemType;
  /** The API origin the package came from (never credentials). */
  readonly server: string;
  readonly deviceId: string;
  readonly tool: { readonly name: 'courier'; readonly version: string };
  readonly startedAt: string;
  readonly stagedAt: string;
  /** SHA-256 of the public key (SPKI DER, hex) signatures were checked with, if one was configured. */
  readonly publicKeyFingerprint: string | null;
  /** True only when every downloadable artifact is `verified`. */
  readonly verified: boolean;
  readonly artifacts: readonly ManifestArtifact[];
  /** Dependencies staged first, leaf first (install them in this order); absent when none were staged. */
  readonly dependencies?: readonly ManifestDependency[];
}
