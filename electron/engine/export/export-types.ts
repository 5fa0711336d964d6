// The public shape of an export (copying a staged package to a drive): options, progress and result.
// Pure types.
import type { PackageState } from '../../shared/package-verdict.js';
import type { Clock } from '../clock.js';
import type { KeyOnDrive } from '../self-check/kit.js';
import type { StagingFs } from '../staging/fs-adapter.js';
import type { FileSystemInfo } from './fs-type.js';

/**
 * verifySource: re-hashing the staged package before anything is written (never export damage).
 * checkTarget: hashing files a previous attempt left on the target, to reuse them (resume).
 * copy: writing the files still missing. readBack: re-reading them from the target before each
 * gets its final name (I3).
 */
export type ExportPhase = 'verifySource' | 'checkTarget' | 'copy' | 'readBack';

export interface ExportProgress {
  readonly phase: ExportPhase;
  /** The file being worked on, null between files. */
  readonly file: string | null;
  /** Bytes of this phase so far, and in all. */
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly filesDone: number;
  readonly filesTotal: number;
  /** Smoothed bytes per second, 0 before any movement. */
  readonly speed: number;
  readonly etaMs: number | null;
}

export interface ExportOptions {
  /** The staged package folder (absolute). */
  readonly source: string;
  /** An existing folder on the drive (absolute); the package goes to `<targetRoot>/<package folder name>/`. */
  readonly targetRoot: string;
  readonly fs?: StagingFs;
  readonly clock?: Clock;
  readonly signal?: AbortSignal;
  /** Throttled to at most 5 calls a second per phase; every phase change is reported at once. */
  readonly onProgress?: (progress: ExportProgress) => void;
  /** Which file system holds a path; the default reads /proc/self/mountinfo (Linux). For tests. */
  readonly identifyFileSystem?: (path: string) => Promise<FileSystemInfo>;
  /**
   * Copy a package the verdict does not call verified (failed, unverified, incomplete, empty): only
   * when the user said so for this export. Changed or missing files are refused regardless.
   */
  readonly acceptUnverified?: boolean;
  /**
   * The publisher's signing key (PEM), as signatures are checked with: written to the drive as
   * cosign.pub, for verify.sh and verify.ps1, when it is the key the package's manifest records.
   */
  readonly publicKeyPem?: string;
}

export interface ExportedFile {
  readonly file: string;
  readonly itemKey: string;
  readonly size: number;
  readonly sha256: string;
  /** copied: written and read back in this run. reused: already on the target, verified in this run. */
  readonly how: 'copied' | 'reused';
}

export interface ExportResult {
  readonly catalogId: string;
  readonly source: string;
  /** `<targetRoot>/<package folder name>`. */
  readonly folder: string;
  readonly files: readonly ExportedFile[];
  readonly bytesTotal: number;
  readonly bytesCopied: number;
  readonly bytesReused: number;
  /** Every file was read back from the target and matched the manifest. Always true in a result. */
  readonly verified: true;
  /**
   * What the copied package is worth (recordedState of its manifest): the drive holds exactly its
   * listed files, read back. Anything but 'verified' was copied only because it was accepted.
   */
  readonly packageState: PackageState;
  /**
   * Node cannot bypass the page cache portably (no O_DIRECT with aligned buffers, no posix_fadvise), so
   * the read-back may have been served from memory. Re-plugging the drive and running `courier verify`
   * or `sha256sum -c SHA256SUMS` reads the device itself.
   */
  readonly readBackMayBeCached: boolean;
  readonly fileSystem: FileSystemInfo;
  /** Average bytes per second of each phase in this run; null when nothing moved or no time passed. */
  readonly copySpeed: number | null;
  readonly readBackSpeed: number | null;
  /** What the drive can check without Courier (verify.sh, verify.ps1, README.txt beside SHA256SUMS). */
  readonly selfCheck: {
    /** Signed files whose `<file>.sig` is on the drive. */
    readonly signatures: number;
    readonly publicKey: KeyOnDrive;
  };
}
