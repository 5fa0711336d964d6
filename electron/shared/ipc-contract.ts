// The one contract between Courier's UI and its main side, for Electron IPC and browser mode alike:
// every invoke method with its request and response, every push event, and the CourierBridge type
// that `window.courier` has. Preload, main handlers, web-host and renderer are all typed from here.
// Pure types and constants: no node:*, no electron, no DOM, no zod (schemas: ipc-schemas.ts).
import type { AppError } from './app-error.js';
import type { ItemType } from './getapp-protocol.js';
import type { Result } from './result.js';
import type { JobSnapshot } from './snapshots.js';

/** What the UI may see of the settings. Secrets never leave main: only whether they are set. */
export interface SettingsView {
  /** demo: the built-in demo server (nothing configured); server: a real GetApp server. */
  readonly mode: 'demo' | 'server';
  readonly apiUrl: string;
  readonly authMode: 'password' | 'deviceSecret';
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
}

/** The settings values the UI may change (plain values: never paths, URLs to fetch, or secrets). */
export interface SettingsUpdate {
  readonly mode?: 'demo' | 'server';
  readonly apiUrl?: string;
  readonly authMode?: 'password' | 'deviceSecret';
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
    request: { catalogIds: readonly string[]; itemType: ItemType };
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
] as const satisfies readonly InvokeMethod[];

/** Every push event: main → UI, one whole snapshot per event, idempotent to apply. */
export interface PushContract {
  job: JobSnapshot;
  /** A job was removed from the list. */
  jobRemoved: { jobId: string };
  settings: SettingsView;
  notice: Notice;
}

export type PushEvent = keyof PushContract;
export const PUSH_EVENTS = [
  'job',
  'jobRemoved',
  'settings',
  'notice',
] as const satisfies readonly PushEvent[];

export const invokeChannel = (method: InvokeMethod): string => `courier:invoke:${method}`;
export const pushChannel = (event: PushEvent): string => `courier:push:${event}`;

/** `on` + the event name with a capital: onJob, onJobRemoved, onSettings, onNotice. */
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
