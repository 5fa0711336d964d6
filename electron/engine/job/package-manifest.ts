// Builds manifest.json for a finished job from its state: what was staged and how each file was
// checked, so the package can be re-verified offline anywhere.
import { appError, type AppError } from '../../shared/app-error.js';
import {
  MANIFEST_FORMAT,
  type Manifest,
  type ManifestArtifact,
  type ManifestDependency,
} from '../../shared/manifest.js';
import type { SigningKey } from '../integrity/public-key.js';
import { readManifest, writePackageFiles } from '../staging/manifest-io.js';
import type { JobFolder } from '../staging/job-folder.js';
import type { JobState } from './job-state.js';

export interface ManifestContext {
  readonly state: JobState;
  readonly server: string;
  readonly deviceId: string;
  readonly toolVersion: string;
  readonly publicKey: SigningKey | undefined;
  /** The key an earlier run's manifest named: kept while files verified under it are carried over. */
  readonly previousFingerprint?: string | null;
  readonly stagedAt: string;
  /** Dependencies staged for this package, leaf first (listed in the manifest when any). */
  readonly dependencies?: readonly ManifestDependency[];
}

export function buildManifest(context: ManifestContext): Manifest {
  const { state } = context;
  const artifacts: ManifestArtifact[] = state.items.map((item) => {
    const { plan } = item;
    const staged = item.outcome === 'verified' || item.outcome === 'unverified';
    return {
      itemKey: plan.itemKey,
      artifactType: plan.artifactType,
      file: staged ? plan.fileName : null,
      size: staged ? item.bytesDone : plan.size,
      sha256: staged ? item.actualSha256 : null,
      expectedHash: plan.expectedHashText,
      hashCheck: item.hashCheck === 'pending' ? 'none' : item.hashCheck,
      signature: plan.signature,
      signatureCheck:
        item.signatureCheck === 'pending' ? (plan.signature ? 'noKey' : 'absent') : item.signatureCheck,
      outcome: item.outcome ?? 'failed',
      ...(item.boundTo ? { boundTo: item.boundTo } : {}),
      ...(plan.reference ? { reference: plan.reference } : {}),
      isExecutable: plan.isExecutable,
      arguments: plan.arguments,
      metaData: plan.metaData,
      stagedAt: staged ? (item.stagedAt ?? context.stagedAt) : null,
      ...(item.error && !staged ? { error: { code: item.error.code, message: item.error.message } } : {}),
    };
  });
  const files = artifacts.filter((a) => a.outcome !== 'notDownloadable');
  return {
    format: MANIFEST_FORMAT,
    catalogId: state.catalogId,
    itemType: state.itemType,
    server: context.server,
    deviceId: context.deviceId,
    tool: { name: 'courier', version: context.toolVersion },
    startedAt: new Date(state.startedAt).toISOString(),
    stagedAt: context.stagedAt,
    publicKeyFingerprint:
      context.publicKey?.fingerprint ??
      (artifacts.some((a) => a.signatureCheck === 'verified') ? (context.previousFingerprint ?? null) : null),
    verified: files.length > 0 && files.every((a) => a.outcome === 'verified'),
    artifacts,
    ...(context.dependencies && context.dependencies.length > 0
      ? { dependencies: context.dependencies }
      : {}),
  };
}

export interface PreviousPackage {
  /** A verified file an earlier run recorded, by item and file name (a renamed file is another file). */
  readonly recorded: (itemKey: string, fileName: string | null) => ManifestArtifact | undefined;
  /** The key that earlier manifest named, kept while files verified under it are carried over. */
  readonly fingerprint: string | null;
}

/** This package as an earlier run staged it, so that a good file keeps its verdict (item-reuse.ts). */
export async function readPreviousPackage(folder: JobFolder): Promise<PreviousPackage> {
  const read = await readManifest(folder.path, folder.fs);
  const artifacts = read.ok ? read.value.artifacts : [];
  const byKey = new Map(
    artifacts.filter((a) => a.outcome === 'verified' && a.file !== null).map((a) => [a.itemKey, a]),
  );
  return {
    recorded: (itemKey, fileName) => {
      const found = byKey.get(itemKey);
      return found && found.file === fileName ? found : undefined;
    },
    fingerprint: read.ok ? read.value.publicKeyFingerprint : null,
  };
}

/**
 * Writes manifest.json, SHA256SUMS and report.html and says how the job ended: staged, or failed
 * with the first item's code (so a script can branch on it) and a count; items keep their messages.
 */
export async function stagePackage(context: ManifestContext, folder: JobFolder): Promise<AppError | null> {
  const { items } = context.state;
  const staged = items.filter((i) => i.outcome === 'verified' || i.outcome === 'unverified');
  const failed = items.filter((i) => i.outcome === 'failed' || i.outcome === 'rejected');
  // A job that staged nothing leaves no package-shaped folder (only its hidden journal, to resume),
  // and never replaces what an earlier run staged.
  const hasContent = staged.length > 0 || items.some((i) => i.outcome === 'notDownloadable');
  if (hasContent) {
    const written = await writePackageFiles(folder, buildManifest(context));
    if (!written.ok) return written.error;
  }
  if (failed.length === 0) return null;
  const first = failed[0]!.error;
  return appError({
    code: first?.code ?? 'CLIENT.badResponse',
    message:
      staged.length === 0
        ? `Nothing was staged: ${failed.length === 1 ? 'the artifact' : `all ${failed.length} artifacts`} failed (the first: ${first?.message ?? 'unknown'}).`
        : `${failed.length} of ${items.length} artifacts could not be staged; the others are in ${folder.path}.`,
    retryable: first?.retryable ?? false,
  });
}
