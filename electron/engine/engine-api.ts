// The engine's public surface as types: what createEngine returns (Engine), what it can be handed
// instead of its real clock, transport, fs and log (EngineDeps), and the options of a start.
import type { ItemType } from '../shared/getapp-protocol.js';
import type { PreparedDelivery } from '../shared/getapp-schemas.js';
import type { Log } from '../shared/log.js';
import type { Result } from '../shared/result.js';
import type { EngineEvent, JobSnapshot } from '../shared/snapshots.js';
import type { ProjectsQuery } from './api/api-client.js';
import type { ProjectsPage } from './api/offering-schemas.js';
import type { Clock } from './clock.js';
import type { EngineConfig } from './config.js';
import type { HttpTransport } from './http/transport.js';
import type { SweepOutcome } from './report/pending-reports.js';
import type { StagingFs } from './staging/fs-adapter.js';
import type { FolderVerification } from './staging/verify-folder.js';

export interface EngineDeps {
  readonly clock: Clock;
  readonly random: () => number;
  readonly transport: HttpTransport;
  readonly fs: StagingFs;
  readonly log: Log;
}

export interface StartOptions {
  /**
   * Stage the release's dependencies first (ComponentV2Dto.dependencies, leaf first), each as its own
   * job and folder, and list them in its manifest. A dependency that fails fails this job.
   */
  readonly withDependencies?: boolean;
}

export interface Engine {
  readonly config: EngineConfig;
  /**
   * Starts a job for catalogId, or returns the one already running for it (single-flight, C3).
   * Options apply from the job's next run; a staged job asked for its dependencies runs again.
   */
  start(catalogId: string, itemType?: ItemType, options?: StartOptions): Result<JobSnapshot>;
  pause(jobId: string): Result<JobSnapshot>;
  resume(jobId: string): Result<JobSnapshot>;
  cancel(jobId: string): Result<JobSnapshot>;
  jobs(): JobSnapshot[];
  /** Resolves when the job's current run ends (staged, failed, paused or cancelled). */
  settled(jobId: string): Promise<Result<JobSnapshot>>;
  subscribe(listener: (event: EngineEvent) => void): () => void;
  /**
   * Resumes the deliveries an earlier session left unfinished in the staging root (paused, quit or
   * crashed; not cancelled, not staged), and returns their snapshots.
   */
  resumeUnfinished(): Promise<JobSnapshot[]>;
  /**
   * Sends the status reports earlier runs could not deliver (the server was unreachable when their
   * jobs ended), in order, and keeps trying with backoff while some wait. Emits a `reports` event
   * after every attempt. Resolves after the first attempt.
   */
  sendPendingReports(): Promise<SweepOutcome>;
  /** How many status reports for this server and device wait in the staging root's journals. */
  reportsWaiting(): Promise<number>;
  /** Re-checks a staged package folder fully offline. */
  verifyFolder(dir: string): Promise<Result<FolderVerification>>;
  /** The signing key (PEM) signatures are checked with; an export writes it to the drive as cosign.pub. */
  readonly publicKeyPem: string | undefined;
  /** The configured server's origin: the only one that ever receives credentials. */
  readonly apiOrigin: string;
  /** Whether the server answers at all (unauthenticated). */
  checkHealth(signal?: AbortSignal): Promise<Result<void>>;
  /** One page of the server's offering; signs in first if needed. */
  listProjects(query: ProjectsQuery, signal?: AbortSignal): Promise<Result<ProjectsPage>>;
  /** What the server says about a delivery right now, without preparing or downloading anything. */
  deliveryStatus(catalogId: string, signal?: AbortSignal): Promise<Result<PreparedDelivery>>;
  /** Pauses every job (checkpointing), waits for them, releases sockets. */
  close(): Promise<void>;
}
