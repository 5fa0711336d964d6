// What a job needs from its engine, and how it is asked to run: the seams between JobRunner and
// createEngine, kept apart so the runner's file holds the run itself.
import type { ItemType } from '../../shared/getapp-protocol.js';
import type { Log } from '../../shared/log.js';
import type { ManifestDependency } from '../../shared/manifest.js';
import type { Result } from '../../shared/result.js';
import type { JobSnapshot } from '../../shared/snapshots.js';
import type { Clock } from '../clock.js';
import type { EngineConfig } from '../config.js';
import type { DownloadDeps } from '../download/download-types.js';
import type { SigningKey } from '../integrity/public-key.js';
import type { ReportSender } from '../report/status-reporter.js';
import type { StagingFs } from '../staging/fs-adapter.js';
import type { UrlPolicy } from '../url-policy.js';
import type { PreparationApi } from './prepare-delivery.js';

export interface JobDeps {
  readonly config: EngineConfig;
  readonly clock: Clock;
  readonly fs: StagingFs;
  readonly api: PreparationApi & ReportSender & { readonly apiOrigin: string };
  readonly download: DownloadDeps;
  readonly urlPolicy: UrlPolicy;
  readonly publicKey: SigningKey | undefined;
  readonly emit: (snapshot: JobSnapshot) => void;
  /** Resolves once nothing else of this engine holds catalogId's folder (a report sweep). */
  readonly folderFree?: (catalogId: string) => Promise<void>;
  /** A run ended with status reports the server did not take: they wait in the journal. */
  readonly reportsLeft?: () => void;
  readonly log: Log;
  /** Stages catalogId's dependencies, leaf first, and says how its manifest lists them. */
  readonly stageDependencies?: (
    catalogId: string,
    itemType: ItemType,
    signal: AbortSignal,
  ) => Promise<Result<ManifestDependency[]>>;
}

/** How a job is to run, given when it is started (or started again). Plain data. */
export interface JobStartOptions {
  /** Stage the release's dependencies first. Once asked for, every later run of the job does. */
  readonly withDependencies?: boolean;
  /** A parent job staged this job's dependencies: what this job's manifest lists. */
  readonly listedDependencies?: readonly ManifestDependency[];
}
