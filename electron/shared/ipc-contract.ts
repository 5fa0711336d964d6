// The one contract between Courier's UI and its main side, for Electron IPC and browser mode alike:
// every invoke method with its request and response, every push event, and the CourierBridge type
// that `window.courier` has. Preload, main handlers, web-host and renderer are all typed from here.
// Pure types and constants: no node:*, no electron, no DOM, no zod (schemas: ipc-schemas.ts).
import type { ItemType } from './getapp-protocol.js';
import type {
  SettingsView,
  SettingsUpdate,
  FilePurpose,
  ConnectionTest,
  ProjectsPage,
  PackageCheck,
  PackageSummary,
  PickedPackageCheck,
  ExportProgressEvent,
  ExportSummary,
  ExportAcceptance,
  FolderOpening,
  Notice,
  PackageChoice,
  ReportOpening,
} from './ipc-payloads.js';
import type { Result } from './result.js';
import type { JobSnapshot } from './snapshots.js';

export type * from './ipc-payloads.js';

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
  /**
   * The same with the file's PEM text pasted in the UI (browser mode has no file picker), checked
   * exactly like a chosen file. fileName: what Settings shows for it ("Pasted text" when absent).
   */
  pastePem: { request: { purpose: FilePurpose; pem: string; fileName?: string }; response: SettingsView };
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
  openJobFolder: { request: { jobId: string }; response: FolderOpening };
  openJobReport: { request: { jobId: string }; response: ReportOpening };
  listHistory: { request: void; response: readonly PackageSummary[] };
  verifyPackage: { request: { packageId: string }; response: PackageCheck };
  /**
   * Copies a staged job's package to a folder chosen in main with a native picker (a USB drive),
   * reads it back and says so. null when the picker was cancelled (nothing was copied).
   */
  exportJob: { request: { jobId: string } & ExportAcceptance; response: ExportSummary | null };
  /** The same for a package from History. */
  exportPackage: { request: { packageId: string } & ExportAcceptance; response: ExportSummary | null };
  /** Stops a running export (its call then answers CLIENT.cancelled). Nothing running: no-op. */
  cancelExport: { request: { jobId: string } | { packageId: string }; response: void };
  /**
   * "Verify a package": main picks a folder (a package folder, or a drive holding one package) and
   * checks it offline like verifyJob. null when the picker was cancelled. Where no picker can open
   * (browser mode), the packages on the export target instead, for verifyDrivePackage.
   */
  verifyFolderPicked: { request: void; response: PickedPackageCheck | PackageChoice | null };
  /** Checks one package of a PackageChoice (a folder name on the export target, never a path). */
  verifyDrivePackage: { request: { packageId: string }; response: PickedPackageCheck };
}

export type InvokeMethod = keyof InvokeContract;
export type InvokeRequest<M extends InvokeMethod> = InvokeContract[M]['request'];
export type InvokeResponse<M extends InvokeMethod> = InvokeContract[M]['response'];

/**
 * One entry per invoke method: a method added to InvokeContract and not here does not compile, so
 * the preload, main, the browser host and its bridge (all built from INVOKE_METHODS) expose it.
 */
const INVOKE_METHOD_TABLE: { readonly [M in InvokeMethod]: true } = {
  getSettings: true,
  updateSettings: true,
  setSecret: true,
  chooseStagingFolder: true,
  chooseFile: true,
  pastePem: true,
  clearFile: true,
  testConnection: true,
  listProjects: true,
  startJobs: true,
  listJobs: true,
  pauseJob: true,
  resumeJob: true,
  cancelJob: true,
  retryJob: true,
  removeJob: true,
  verifyJob: true,
  openJobFolder: true,
  openJobReport: true,
  listHistory: true,
  verifyPackage: true,
  exportJob: true,
  exportPackage: true,
  cancelExport: true,
  verifyFolderPicked: true,
  verifyDrivePackage: true,
};
export const INVOKE_METHODS = Object.keys(INVOKE_METHOD_TABLE) as readonly InvokeMethod[];

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
/** One entry per push event, for the same reason as INVOKE_METHOD_TABLE. */
const PUSH_EVENT_TABLE: { readonly [E in PushEvent]: true } = {
  job: true,
  jobRemoved: true,
  settings: true,
  notice: true,
  exportProgress: true,
};
export const PUSH_EVENTS = Object.keys(PUSH_EVENT_TABLE) as readonly PushEvent[];

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
/** Pasted PEM text: a CA bundle of a few certificates, or an RSA-4096 key, outgrows 4 KiB. */
export const MAX_PASTED_PEM_CHARS = 48 * 1024;
/** The request cap of each method: MAX_REQUEST_BYTES, but room for pasted PEM (JSON-escaped). */
export const maxRequestBytes = (method: InvokeMethod): number =>
  method === 'pastePem' ? 64 * 1024 : MAX_REQUEST_BYTES;

/** The `npm run web` option that loads each file at start (the same names as the CLI's). */
export const FILE_PURPOSE_FLAGS: { readonly [P in FilePurpose]: string } = {
  publicKey: '--public-key',
  caBundle: '--ca',
  clientCertificate: '--cert',
  clientKey: '--key',
};

/** A report page of the browser host (ReportOpening.url): the only URL the UI ever opens itself. */
export const isReportPagePath = (url: string): boolean => /^\/report\/[A-Za-z0-9_-]{16,128}$/.test(url);
/** Progress snapshots per second per job, at most (throttled where they are produced). */
export const MAX_PROGRESS_EVENTS_PER_SECOND = 5;
