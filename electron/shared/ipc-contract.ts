// The one contract between Courier's UI and its main side, for Electron IPC and browser mode alike:
// every invoke method with its request and response, every push event, and the CourierBridge type
// that `window.courier` has. Preload, main handlers, web-host and renderer are all typed from here.
// Pure types and constants: no node:*, no electron, no DOM, no zod (schemas: ipc-schemas.ts).
import type { AppError } from './app-error.js';
import type { ItemType } from './getapp-protocol.js';
import type { Result } from './result.js';
import type { JobSnapshot } from './snapshots.js';

/**
 * How Courier signs in to a real server. clientCertificate is mTLS (protocol §1.2): the certificate
 * and key chosen as files sign in, and no password or secret is sent.
 */
export type AuthMode = 'password' | 'deviceSecret' | 'clientCertificate';

/** What the UI may see of the settings. Secrets never leave main: only whether they are set. */
export interface SettingsView {
  /** demo: the built-in demo server (nothing configured); server: a real GetApp server. */
  readonly mode: 'demo' | 'server';
  readonly apiUrl: string;
  readonly authMode: AuthMode;
  readonly username: string;
  readonly hasPassword: boolean;
  readonly hasDeviceSecret: boolean;
  /** Where secrets are kept: encrypted by the OS, or in memory only (asked again next start). */
  readonly secretStorage: 'encrypted' | 'memoryOnly';
  readonly deviceId: string;
  readonly itemType: ItemType;
  /** Shown to the user; the UI never acts on it (folders are chosen in main). */
  readonly stagingFolder: string;
  readonly storageOrigins: readonly string[];
  readonly allowHttp: boolean;
  readonly concurrency: number;
  /** Bytes per second; null = unlimited. */
  readonly bandwidthLimit: number | null;
  readonly pollIntervalMs: number;
  readonly allowUnverified: boolean;
  /** The pinned signing key, if any: file name and SHA-256 fingerprint of the key. */
  readonly publicKey: { readonly fileName: string; readonly fingerprint: string } | null;
  readonly caBundle: { readonly fileName: string } | null;
  readonly clientCertificate: { readonly fileName: string } | null;
  /** The client certificate's private key, when it is loaded (its bytes never leave main). */
  readonly clientKey: { readonly fileName: string } | null;
}

/** The settings values the UI may change (plain values: never paths, URLs to fetch, or secrets). */
export interface SettingsUpdate {
  readonly mode?: 'demo' | 'server';
  readonly apiUrl?: string;
  readonly authMode?: AuthMode;
  readonly username?: string;
  readonly deviceId?: string;
  readonly itemType?: ItemType;
  readonly storageOrigins?: readonly string[];
  readonly allowHttp?: boolean;
  readonly concurrency?: number;
  readonly bandwidthLimit?: number | null;
  readonly pollIntervalMs?: number;
  readonly allowUnverified?: boolean;
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

export type FileCheck = 'verified' | 'missing' | 'changed' | 'signatureInvalid';

export interface PackageCheck {
  readonly ok: boolean;
  readonly catalogId: string;
  readonly files: readonly {
    readonly file: string;
    readonly itemKey: string;
    readonly status: FileCheck;
    readonly expectedSha256: string;
    readonly actualSha256: string | null;
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
  readonly verified: boolean;
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
  /** The staged package itself was fully verified (checksums and signatures) when it was staged. */
  readonly packageVerified: boolean;
  /**
   * The read-back may have come from this computer's memory cache rather than the drive: re-plug the
   * drive and use "Verify a package" to read the device itself.
   */
  readonly readBackMayBeCached: boolean;
  /** As the operating system names it (vfat, exfat, ntfs3, ext4 ...), or 'unknown'. */
  readonly fileSystem: string;
}

export interface Notice {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
}

/** Every invoke method: request → Promise<Result<response>>. */
export interface InvokeContract {
  getSettings: { request: void; response: SettingsView };
  updateSettings: { request: SettingsUpdate; response: SettingsView };
  /** Secrets go in, never out. */
  setSecret: { request: { kind: 'password' | 'deviceSecret'; value: string }; response: SettingsView };
  /** Opens a native folder picker in main for the staging folder. Resolves unchanged when cancelled. */
  chooseStagingFolder: { request: void; response: SettingsView };
  /** Opens a native file picker in main and loads the chosen file for `purpose`. */
  chooseFile: { request: { purpose: FilePurpose }; response: SettingsView };
  clearFile: { request: { purpose: FilePurpose }; response: SettingsView };
  testConnection: { request: void; response: ConnectionTest };
  listProjects: { request: { query: string; page: number; perPage: number }; response: ProjectsPage };
  startJobs: {
    /** withDependencies: stage each release's dependencies first, leaf to root, each in its own folder. */
    request: { catalogIds: readonly string[]; itemType: ItemType; withDependencies?: boolean };
    response: readonly JobSnapshot[];
  };
  listJobs: { request: void; response: readonly JobSnapshot[] };
  pauseJob: { request: { jobId: string }; response: JobSnapshot };
  resumeJob: { request: { jobId: string }; response: JobSnapshot };
  cancelJob: { request: { jobId: string }; response: JobSnapshot };
  /** Runs a failed or cancelled job again (resuming what is on disk). */
  retryJob: { request: { jobId: string }; response: JobSnapshot };
  /** Forgets a finished job in the list (the package stays on disk). */
  removeJob: { request: { jobId: string }; response: readonly JobSnapshot[] };
  verifyJob: { request: { jobId: string }; response: PackageCheck };
  openJobFolder: { request: { jobId: string }; response: void };
  openJobReport: { request: { jobId: string }; response: void };
  listHistory: { request: void; response: readonly PackageSummary[] };
  verifyPackage: { request: { packageId: string }; response: PackageCheck };
  /**
   * Copies a staged job's package to a folder chosen in main with a native picker (a USB drive),
   * reads it back and says so. null when the picker was cancelled (nothing was copied).
   */
  exportJob: { request: { jobId: string }; response: ExportSummary | null };
  /** The same for a package from History. */
  exportPackage: { request: { packageId: string }; response: ExportSummary | null };
  /** Stops a running export (its call then answers CLIENT.cancelled). Nothing running: no-op. */
  cancelExport: { request: { jobId: string } | { packageId: string }; response: void };
  /**
   * "Verify a package": main picks a folder (a package folder, or a drive holding one package) and
   * checks it offline like verifyJob. null when the picker was cancelled.
   */
  verifyFolderPicked: { request: void; response: PickedPackageCheck | null };
}

export type InvokeMethod = keyof InvokeContract;
export type InvokeRequest<M extends InvokeMethod> = InvokeContract[M]['request'];
export type InvokeResponse<M extends InvokeMethod> = InvokeContract[M]['response'];

export const INVOKE_METHODS = [
  'getSettings',
  'updateSettings',
  'setSecret',
  'chooseStagingFolder',
  'chooseFile',
  'clearFile',
  'testConnection',
  'listProjects',
  'startJobs',
  'listJobs',
  'pauseJob',
  'resumeJob',
  'cancelJob',
  'retryJob',
  'removeJob',
  'verifyJob',
  'openJobFolder',
  'openJobReport',
  'listHistory',
  'verifyPackage',
  'exportJob',
  'exportPackage',
  'cancelExport',
  'verifyFolderPicked',
] as const satisfies readonly InvokeMethod[];

/** Every push event: main → UI, one whole snapshot per event, idempotent to apply. */
export interface PushContract {
  job: JobSnapshot;
  /** A job was removed from the list. */
  jobRemoved: { jobId: string };
  settings: SettingsView;
  notice: Notice;
  exportProgress: ExportProgressEvent;
}

export type PushEvent = keyof PushContract;
export const PUSH_EVENTS = [
  'job',
  'jobRemoved',
  'settings',
  'notice',
  'exportProgress',
] as const satisfies readonly PushEvent[];

export const invokeChannel = (method: InvokeMethod): string => `courier:invoke:${method}`;
export const pushChannel = (event: PushEvent): string => `courier:push:${event}`;

/** `on` + the event name with a capital: onJob, onJobRemoved, onSettings, onNotice, onExportProgress. */
export type PushSubscriber<E extends PushEvent> = `on${Capitalize<E>}`;
export const subscriberName = <E extends PushEvent>(event: E): PushSubscriber<E> =>
  `on${event.charAt(0).toUpperCase()}${event.slice(1)}` as PushSubscriber<E>;

/** What `window.courier` is: one function per action, one subscriber per push event. */
export type CourierBridge = {
  readonly [M in InvokeMethod]: InvokeRequest<M> extends void
    ? () => Promise<Result<InvokeResponse<M>>>
    : (request: InvokeRequest<M>) => Promise<Result<InvokeResponse<M>>>;
} & {
  readonly [E in PushEvent as PushSubscriber<E>]: (
    listener: (payload: PushContract[E]) => void,
  ) => () => void;
};

/** Largest request payload accepted from the UI (E9). */
export const MAX_REQUEST_BYTES = 4096;
/** Progress snapshots per second per job, at most (throttled where they are produced). */
export const MAX_PROGRESS_EVENTS_PER_SECOND = 5;
