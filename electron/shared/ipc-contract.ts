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
  Notice,
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
  exportJob: { request: { jobId: string } & ExportAcceptance; response: ExportSummary | null };
  /** The same for a package from History. */
  exportPackage: { request: { packageId: string } & ExportAcceptance; response: ExportSummary | null };
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
