// The shape of the renderer's one zustand store, slice by slice. Types only; the slices implement
// them and talk to Courier only through the CourierBridge they are given.
import type { AppError } from '../../electron/shared/app-error.js';
import type {
  ConnectionTest,
  ExportAcceptance,
  ExportProgressEvent,
  ExportSummary,
  FilePurpose,
  FolderOpening,
  Notice,
  PackageChoice,
  PackageCheck,
  PackageState,
  PickedPackageCheck,
  PackageSummary,
  ProjectsPage,
  ReportOpening,
  SettingsUpdate,
  SettingsView,
} from '../../electron/shared/ipc-contract.js';
import type { ItemType } from '../../electron/shared/getapp-protocol.js';
import type { Result } from '../../electron/shared/result.js';
import type { JobSnapshot } from '../../electron/shared/snapshots.js';

export type ViewName = 'jobs' | 'job' | 'get' | 'history' | 'connect' | 'settings';
export type JobAction = 'pause' | 'resume' | 'cancel' | 'retry' | 'remove' | 'verify' | 'folder' | 'report';

/** An Open folder / Open report answer that leaves something for the UI to show. */
export type JobOpening = Exclude<FolderOpening | ReportOpening, { readonly how: 'opened' }>;

/** A finished verify-again run, or why it could not run. */
export type CheckOutcome =
  | { readonly state: 'running' }
  | { readonly state: 'done'; readonly check: PackageCheck; readonly at: string }
  | { readonly state: 'error'; readonly error: AppError };

export interface SettingsSlice {
  readonly settings: SettingsView | null;
  readonly settingsError: AppError | null;
  readonly connection:
    | { readonly state: 'idle' }
    | { readonly state: 'testing' }
    | { readonly state: 'done'; readonly result: ConnectionTest; readonly at: string }
    | { readonly state: 'error'; readonly error: AppError };
  applySettings(settings: SettingsView): void;
  loadSettings(): Promise<void>;
  updateSettings(update: SettingsUpdate): Promise<Result<SettingsView>>;
  setSecret(kind: 'password' | 'deviceSecret', value: string): Promise<Result<SettingsView>>;
  chooseStagingFolder(): Promise<Result<SettingsView>>;
  chooseFile(purpose: FilePurpose): Promise<Result<SettingsView>>;
  pastePem(purpose: FilePurpose, pem: string): Promise<Result<SettingsView>>;
  clearFile(purpose: FilePurpose): Promise<Result<SettingsView>>;
  testConnection(): Promise<void>;
}

export interface JobsSlice {
  readonly jobs: Readonly<Record<string, JobSnapshot>>;
  /** Newest first; replaced only when membership or order changes (a stable selector result). */
  readonly jobOrder: readonly string[];
  /** Jobs removed in this session: a late push for one of them must not bring it back. */
  readonly removedJobs: Readonly<Record<string, true>>;
  readonly jobsLoaded: boolean;
  readonly jobsError: AppError | null;
  readonly busy: Readonly<Record<string, JobAction | undefined>>;
  readonly actionErrors: Readonly<Record<string, AppError | undefined>>;
  readonly jobChecks: Readonly<Record<string, CheckOutcome | undefined>>;
  /**
   * What Open folder / Open report left to show where nothing could open on this computer
   * (browser mode): the folder's path, or the report page that was opened in a new tab.
   */
  readonly jobOpenings: Readonly<Record<string, JobOpening | undefined>>;
  applyJob(snapshot: JobSnapshot): void;
  applyJobs(snapshots: readonly JobSnapshot[]): void;
  forgetJob(jobId: string): void;
  loadJobs(): Promise<void>;
  startJobs(
    catalogIds: readonly string[],
    itemType: ItemType,
    withDependencies?: boolean,
  ): Promise<Result<readonly JobSnapshot[]>>;
  runJobAction(jobId: string, action: JobAction): Promise<void>;
}

export interface CatalogSlice {
  readonly offers: ProjectsPage | null;
  readonly offersQuery: string;
  readonly offersLoading: boolean;
  readonly offersError: AppError | null;
  loadOffers(query: string, page: number): Promise<void>;
}

export interface HistorySlice {
  readonly packages: readonly PackageSummary[] | null;
  readonly historyLoading: boolean;
  readonly historyError: AppError | null;
  readonly packageChecks: Readonly<Record<string, CheckOutcome | undefined>>;
  loadHistory(): Promise<void>;
  verifyPackage(packageId: string): Promise<void>;
}

/** What an export is started for: a staged job, or a package in History. */
export type ExportTarget = { readonly jobId: string } | { readonly packageId: string };

/**
 * A copy to a drive: waiting for the user to accept a package that is not verified, under way
 * (progress null until the folder is picked), finished, or why not.
 */
export type ExportOutcome =
  | { readonly state: 'confirm'; readonly packageState: Exclude<PackageState, 'verified'> }
  | {
      readonly state: 'running';
      readonly progress: ExportProgressEvent | null;
      readonly stopping: boolean;
      /** Why Stop was refused (the copy goes on): the panel words it in the UI's language. */
      readonly stopError: AppError | null;
    }
  | { readonly state: 'done'; readonly summary: ExportSummary; readonly at: string }
  | { readonly state: 'error'; readonly error: AppError; readonly progress: ExportProgressEvent | null };

/**
 * "Verify a package" on a folder picked in main; in browser mode first the packages on the export
 * target to choose from.
 */
export type DriveCheckOutcome =
  | { readonly state: 'choose'; readonly choice: PackageChoice }
  | { readonly state: 'running' }
  | { readonly state: 'done'; readonly check: PickedPackageCheck; readonly at: string }
  | { readonly state: 'error'; readonly error: AppError };

export interface ExportSlice {
  /** By exportKey(target): "job:<id>" or "package:<id>". */
  readonly exports: Readonly<Record<string, ExportOutcome | undefined>>;
  readonly driveCheck: DriveCheckOutcome | null;
  applyExportProgress(event: ExportProgressEvent): void;
  /**
   * "Copy to drive" pressed on a package in `state`: a verified one is copied at once; any other asks
   * first (a 'confirm' outcome) and is copied only through startExport with `acceptUnverified`.
   */
  requestExport(target: ExportTarget, state: PackageState): Promise<void>;
  startExport(target: ExportTarget, acceptance?: ExportAcceptance): Promise<void>;
  cancelExport(target: ExportTarget): Promise<void>;
  dismissExport(target: ExportTarget): void;
  verifyPickedFolder(): Promise<void>;
  /** Checks the package `packageId` of the choice on show (browser mode). */
  verifyDrivePackage(packageId: string): Promise<void>;
  dismissDriveCheck(): void;
}

export interface NoticeEntry extends Notice {
  readonly id: number;
  readonly at: string;
}

export interface NoticesSlice {
  readonly notices: readonly NoticeEntry[];
  pushNotice(notice: Notice): void;
  dismissNotice(id: number): void;
}

export interface UiSlice {
  readonly view: ViewName;
  readonly selectedJobId: string | null;
  navigate(view: ViewName): void;
  openJob(jobId: string): void;
}

export type CourierState = SettingsSlice &
  JobsSlice &
  CatalogSlice &
  HistorySlice &
  ExportSlice &
  NoticesSlice &
  UiSlice;
