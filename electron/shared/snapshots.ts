// What the engine tells its faces (CLI, desktop, browser) about jobs: whole snapshots, idempotent
// to apply, cheap to send. Pure types.
import type { AppError } from './app-error.js';
import type { HashCheck, SignatureCheck, ArtifactOutcome } from './manifest.js';
import type { ArtifactType, HashAlgorithm, ItemType } from './getapp-protocol.js';
import type { LogFields, LogLevel } from './log.js';

export type JobPhase =
  'queued' | 'preparing' | 'downloading' | 'verifying' | 'staged' | 'paused' | 'cancelled' | 'failed';

export type ItemPhase =
  'pending' | 'downloading' | 'verifying' | 'paused' | 'done' | 'failed' | 'notDownloadable' | 'rejected';

export interface ItemSnapshot {
  readonly itemKey: string;
  readonly artifactType: ArtifactType;
  readonly fileName: string | null;
  readonly phase: ItemPhase;
  /** Declared size; null when the server did not send one. */
  readonly size: number | null;
  readonly bytesDone: number;
  /** Smoothed bytes per second; 0 when idle. */
  readonly speed: number;
  /** Milliseconds left at the current speed; null when unknown. */
  readonly etaMs: number | null;
  readonly expectedHash: { readonly algorithm: HashAlgorithm; readonly value: string } | null;
  readonly actualSha256: string | null;
  readonly hashCheck: HashCheck | 'pending';
  readonly signatureCheck: SignatureCheck | 'pending';
  /** Set once the item has a final outcome. */
  readonly outcome: ArtifactOutcome | null;
  /** A map sidecar verified through the package it describes (see ManifestArtifact.boundTo). */
  readonly boundTo: string | null;
  readonly reference: string | null;
  readonly isExecutable: boolean;
  readonly arguments: string | null;
  /** Bytes taken from an already verified file instead of downloading them. */
  readonly reusedBytes: number;
  readonly error: AppError | null;
}

export interface JobSnapshot {
  readonly jobId: string;
  readonly catalogId: string;
  readonly itemType: ItemType;
  readonly phase: JobPhase;
  /** The server's preparation status and progress (cache mode), while preparing. */
  readonly serverStatus: string | null;
  readonly serverProgress: number | null;
  readonly bytesDone: number;
  readonly bytesTotal: number | null;
  readonly speed: number;
  readonly etaMs: number | null;
  readonly items: readonly ItemSnapshot[];
  /** True only when the job is staged and every downloadable artifact verified. */
  readonly verified: boolean;
  /** The package folder (shown to the user; the renderer never acts on it). */
  readonly folder: string | null;
  readonly startedAt: string;
  readonly updatedAt: string;
  readonly error: AppError | null;
}

export type EngineEvent =
  | { readonly type: 'job'; readonly job: JobSnapshot }
  | {
      readonly type: 'log';
      readonly level: LogLevel;
      readonly message: string;
      readonly fields?: LogFields;
    }
  /**
   * Status reports of earlier runs that the server has not heard yet (it was unreachable when their
   * jobs ended): how many still wait after a sweep, and how many that sweep delivered.
   */
  | { readonly type: 'reports'; readonly waiting: number; readonly sent: number };
