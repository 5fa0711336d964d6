// What a host (Electron main, the browser host, tests) gives the service and gets back: the service's
// dependencies and its transport-free face. Types only.
import type {
  FilePurpose,
  InvokeMethod,
  InvokeRequest,
  InvokeResponse,
  PushContract,
  PushEvent,
} from '../shared/ipc-contract.js';
import type { Log } from '../shared/log.js';
import type { Result } from '../shared/result.js';
import type { Clock, EngineConfigInput, EngineDeps } from '../engine/index.js';

/** Reads and writes the settings document (JSON) in the host's app-data folder. */
export interface SettingsStore {
  /** undefined when nothing was saved yet (or the file is unreadable). */
  load(): Promise<unknown>;
  save(data: unknown): Promise<void>;
}

export type SecretName = 'password' | 'deviceSecret' | 'clientKey';

/** Where secrets live: OS-encrypted when `available`, else in memory for this session only (S1). */
export interface SecretStore {
  readonly available: boolean;
  get(name: SecretName): Promise<string | undefined>;
  set(name: SecretName, value: string): Promise<void>;
  delete(name: SecretName): Promise<void>;
}

/** What a folder is picked for (the title and buttons of the native dialog follow it). */
export type FolderPurpose = 'staging' | 'exportTarget' | 'packageToVerify';

/** A yes/no question the host asks outside the renderer's reach (a native, modal message box). */
export interface Confirmation {
  readonly title: string;
  readonly message: string;
  readonly detail: string;
  /** The label of the button that says yes; the other button cancels and is the default. */
  readonly confirmLabel: string;
}

/** Native pickers (main) or none (browser mode answers undefined). */
export interface Dialogs {
  /** Set when pickers cannot open here (browser mode): shown to the user as a notice instead. */
  readonly unavailable?: string;
  /** undefined when cancelled. No purpose means 'staging' (the original picker). */
  chooseFolder(purpose?: FolderPurpose): Promise<string | undefined>;
  chooseFile(purpose: FilePurpose): Promise<string | undefined>;
  /**
   * True only when the person at the screen said yes. Whoever holds the UI (a compromised
   * renderer, the browser-mode token) cannot answer it. Absent, or `unavailable` set: nothing can be
   * confirmed here, and what needs a confirmation is refused.
   */
  confirm?(question: Confirmation): Promise<boolean>;
}

/**
 * Opening things on the user's screen. Desktop: the system opens folders and files. Browser mode
 * cannot open anything on this computer: the UI shows the folder's path instead, and the report
 * as a page of the browser host.
 */
export interface Shell {
  /** Electron's contract: resolves '' on success, else an error message. Absent in browser mode. */
  openPath?(path: string): Promise<string>;
  /** Browser mode: the page (a same-origin path) that serves this one report file. */
  reportPage?(reportPath: string): string;
}

/** The in-process demo server, as the service needs it (started by the composition root). */
export interface DemoInfo {
  readonly apiUrl: string;
  readonly storageUrl: string;
  readonly credentials: {
    readonly username: string;
    readonly password: string;
    readonly deviceSecret: string;
  };
  readonly publicKeyPem: string;
  close(): Promise<void>;
}

export interface ServiceDeps {
  readonly settingsStore: SettingsStore;
  readonly secrets: SecretStore;
  readonly dialogs: Dialogs;
  readonly shell: Shell;
  readonly startDemo: () => Promise<DemoInfo>;
  readonly clock: Clock;
  /** Used while the user has not chosen a folder; created (one level, never recursively) on first use. */
  readonly defaultStagingFolder: string;
  /**
   * Where pickers cannot open (`dialogs.unavailable`: browser mode, e2e), the folder that stands in
   * for the one the user would pick: exports go into it, and "Verify a package" lists the packages
   * there to choose from. Never used when native pickers exist. Unset: those actions explain how to
   * set it.
   */
  readonly defaultExportTarget?: string;
  /** Default device id for a fresh settings file (the host's computer name). */
  readonly defaultDeviceId?: string;
  /** Diagnostics for the host's log; never shown to the UI, never given secrets. */
  readonly log?: Log;
  /** Tests only: engine config and deps overrides (fast polling, fake transports). */
  readonly engineConfig?: Partial<EngineConfigInput>;
  readonly engineDeps?: Partial<EngineDeps>;
}

export type PushMessage = {
  [E in PushEvent]: { readonly event: E; readonly payload: PushContract[E] };
}[PushEvent];

export type PushListener = (message: PushMessage) => void;

export type InvokeHandlers = {
  readonly [M in InvokeMethod]: (request: InvokeRequest<M>) => Promise<Result<InvokeResponse<M>>>;
};

export interface CourierService {
  /** Runs one already validated request. Never throws: failures come back as Results. */
  invoke<M extends InvokeMethod>(method: M, request: InvokeRequest<M>): Promise<Result<InvokeResponse<M>>>;
  subscribe(listener: PushListener): () => void;
  /** Pauses (checkpoints) every job and stops the demo server; gives up waiting after 2 s. */
  close(): Promise<void>;
}
