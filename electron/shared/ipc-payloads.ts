// What travels through the IPC contract (ipc-contract.ts): the settings the UI may see and change
// (their values are defined once, in settings-schema.ts), connection tests, offerings, package
// checks, exports, notices. Pure types: no node:*, no electron.
import type { LogLevel } from './log.js';
import type { AppError } from './app-error.js';
import type { FileCheck, PackageState, StagedOutcome } from './package-verdict.js';
import type { ReadonlySettings } from './settings-schema.js';

export type { FileCheck, PackageState, StagedOutcome } from './package-verdict.js';
export type { AuthMode, SettingsUpdate } from './settings-schema.js';

/** What the UI may see of the settings. Secrets never leave main: only whether they are set. */
export interface SettingsView extends ReadonlySettings {
  readonly hasPassword: boolean;
  readonly hasDeviceSecret: boolean;
  /** Where secrets are kept: encrypted by the OS, or in memory only (asked again next start). */
  readonly secretStorage: 'encrypted' | 'memoryOnly';
  /** Shown to the user; the UI never acts on it (folders are chosen in main). */
  readonly stagingFolder: string;
  /**
   * Whether this host can open native file and folder pickers. False in browser mode: files are
   * pasted as PEM text, and "Verify a package" lists the packages on the export target.
   */
  readonly nativePickers: boolean;
  /** The pinned signing key, if any: file name and SHA-256 fingerprint of the key. */
  readonly publicKey: { readonly fileName: string; readonly fingerprint: string } | null;
  readonly caBundle: { readonly fileName: string } | null;
  readonly clientCertificate: { readonly fileName: string } | null;
  /** The client certificate's private key, when it is loaded (its bytes never leave main). */
  readonly clientKey: { readonly fileName: string } | null;
}

export type FilePurpose = 'publicKey' | 'caBundle' | 'clientCertificate' | 'clientKey';

export interface ConnectionTest {
  readonly reachable: boolean;
  readonly signedIn: boolean;
  /** Plain words: what worked and what did not. */
  readonly message: string;
  readonly error: AppError | null;
}

export interface ProjectOffer {
  readonly projectId: number;
  readonly projectName: string;
  readonly displayName: string | null;
  readonly catalogId: string | null;
  readonly version: string | null;
  readonly size: number | null;
  readonly releaseNotes: string | null;
  readonly releasedAt: string | null;
}

export interface ProjectsPage {
  readonly projects: readonly ProjectOffer[];
  readonly total: number;
  readonly page: number;
  readonly perPage: number;
}

export interface PackageCheck {
  /** The package verdict (package-verdict.ts): green only for 'verified'. */
  readonly state: PackageState;
  readonly catalogId: string;
  readonly files: readonly {
    readonly file: string;
    readonly itemKey: string;
    readonly status: FileCheck;
    readonly expectedSha256: string;
    readonly actualSha256: string | null;
    readonly outcome: StagedOutcome;
  }[];
  readonly extra: readonly string[];
  readonly signaturesChecked: boolean;
}

/** A staged package found in the staging folder, read from its manifest. */
export interface PackageSummary {
  /** Opaque id for later calls (the folder name); never a path. */
  readonly packageId: string;
  readonly catalogId: string;
  readonly stagedAt: string;
  /** From the manifest alone (recordedState): History shows it until the files are read back. */
  readonly state: PackageState;
  readonly fileCount: number;
  readonly totalBytes: number;
  readonly server: string;
}

/** A package check of a folder picked in main ("Verify a package"), with that folder for display. */
export interface PickedPackageCheck extends PackageCheck {
  /** Shown to the user; the UI never acts on it. */
  readonly folder: string;
}

/**
 * "Verify a package" where no picker can open (browser mode): the packages found on the export
 * target, read from their manifests, for the user to choose one (verifyDrivePackage).
 */
export interface PackageChoice {
  /** The export target: shown to the user, never acted on. */
  readonly folder: string;
  /** packageId here is a folder name on the export target (not in the staging folder). */
  readonly packages: readonly PackageSummary[];
}

/**
 * What "Open folder" did: the system opened it, or, where Courier cannot open anything on the
 * user's screen (browser mode), the folder to show (data only: the UI never acts on it).
 */
export type FolderOpening = { readonly how: 'opened' } | { readonly how: 'showPath'; readonly path: string };

/**
 * What "Open report" did: the system opened it, or (browser mode) a page of the browser host that
 * shows this one report, for a new tab (a same-origin path, see isReportPagePath).
 */
export type ReportOpening = { readonly how: 'opened' } | { readonly how: 'newTab'; readonly url: string };

/**
 * preflight: re-checking the staged package, the drive's space, file system and files already there.
 * copy: writing what is missing. readBack: reading every copied file back from the drive.
 */
export type ExportPhase = 'preflight' | 'copy' | 'readBack' | 'done' | 'failed';

/** One export's progress, pushed while it runs (at most 5 a second; phase changes at once). */
export interface ExportProgressEvent {
  /** The job whose package is copied; null when it was started from History (by packageId). */
  readonly jobId: string | null;
  /** The package folder's name (History's id), for both kinds of export. */
  readonly packageId: string;
  /** Where the package goes, `<chosen folder>/<package folder>`: shown, never acted on. */
  readonly targetFolder: string;
  readonly phase: ExportPhase;
  /** Bytes of this phase so far, and in all. */
  readonly bytesDone: number;
  readonly bytesTotal: number;
  /** Bytes per second, 0 when nothing moves. */
  readonly speed: number;
  readonly etaMs: number | null;
  /** Set when phase is 'failed' (CLIENT.cancelled when the user stopped it). */
  readonly error: AppError | null;
}

export interface ExportedFileResult {
  readonly file: string;
  readonly itemKey: string;
  readonly size: number;
  readonly sha256: string;
  /** copied: written and read back in this run; reused: already on the drive, re-hashed in this run. */
  readonly how: 'copied' | 'reused';
}

/**
 * A package that is not verified (package-verdict.ts) is copied only when the user accepted that in
 * this request; it is then labelled as such on the drive. Changed or missing files are never copied.
 */
export interface ExportAcceptance {
  readonly acceptUnverified?: boolean;
}

/** A finished export: every file on the drive was read back and matched the manifest. */
export interface ExportSummary {
  readonly catalogId: string;
  readonly packageId: string;
  /** `<chosen folder>/<package folder>`: shown to the user, never acted on by the UI. */
  readonly targetFolder: string;
  readonly files: readonly ExportedFileResult[];
  readonly filesCopied: number;
  readonly filesReused: number;
  readonly bytesTotal: number;
  readonly bytesCopied: number;
  /** Every file was read back from the drive and matched the manifest. */
  readonly verified: boolean;
  /**
   * What the copied package is worth (recordedState of its manifest; the drive holds exactly its
   * listed files, read back). Anything but 'verified' was exported only because the user accepted it.
   */
  readonly packageState: PackageState;
  /**
   * The read-back may have come from this computer's memory cache rather than the drive: re-plug the
   * drive and use "Verify a package" to read the device itself.
   */
  readonly readBackMayBeCached: boolean;
  /** As the operating system names it (vfat, exfat, ntfs3, ext4 ...), or 'unknown'. */
  readonly fileSystem: string;
}

/**
 * What a notice is about, so a UI in another language can word it itself (with these values);
 * `message` is the English, as logs and the English UI show it.
 */
export type NoticeTopic =
  | { readonly name: 'downloadsPaused' | 'settingsNotSaved' | 'reportsSent' | 'secretsDropped' }
  | { readonly name: 'resuming'; readonly values: { readonly names: string } }
  | { readonly name: 'reportsWaiting'; readonly values: { readonly count: number } }
  | { readonly name: 'noPickers'; readonly values: { readonly folder: string } };
export type NoticeTopicName = NoticeTopic['name'];

export interface Notice {
  readonly level: LogLevel;
  readonly message: string;
  readonly topic?: NoticeTopic;
}
