// What one artifact's run needs (ItemContext) and the steps every way of staging it shares: judging
// bytes with every check (sidecar binding included), settling the verdict, failing, and committing
// judged bytes under their final name. Used by item-runner.ts and item-reuse.ts.
import { type AppError } from '../../shared/app-error.js';
import type { ManifestArtifact } from '../../shared/manifest.js';
import { ok, type Result } from '../../shared/result.js';
import type { EngineConfig } from '../config.js';
import type { DownloadDeps } from '../download/download-types.js';
import type { SignatureToCheck } from '../integrity/file-digest.js';
import { digestHex, type ExpectedHash } from '../integrity/hash-format.js';
import type { SigningKey } from '../integrity/public-key.js';
import { commitPart, setExecutable } from '../staging/commit.js';
import { type JobFolder } from '../staging/job-folder.js';
import type { StatusReporter } from '../report/status-reporter.js';
import type { ReuseSource } from '../reuse/candidate-index.js';
import type { ItemState } from './job-state.js';
import type { JournalSync } from './journal-sync.js';
import type { TransferSlot } from './transfer-slots.js';
import { judge, type Verdict } from '../integrity/file-verdict.js';

export interface ItemContext {
  readonly item: ItemState;
  readonly folder: JobFolder;
  readonly config: EngineConfig;
  readonly publicKey: SigningKey | undefined;
  readonly deps: DownloadDeps;
  readonly reporter: StatusReporter;
  readonly journal: JournalSync;
  readonly signal: AbortSignal;
  /** Bytes moved: the caller throttles what it emits. */
  readonly onProgress: () => void;
  /** Phase or outcome changed: emitted at once. */
  readonly onPhase: () => void;
  readonly refreshUrl: () => Promise<Result<URL>>;
  /** The transfer slot the item runs in (transfer-slots.ts), given back once its body is in. */
  readonly slot?: TransferSlot;
  /** Map package and sidecar pairing (job-items.ts); absent for every other item. */
  readonly map?: MapHooks;
  /** True when this item was already started in an earlier run (reports Continue, not Start). */
  readonly resumed: boolean;
  /** Verified copies in the other packages of the staging root; absent when reuse is off. */
  readonly reuse?: ReuseSource;
  /** What this package's manifest recorded for the item's file, from an earlier run (if any). */
  readonly recorded?: (itemKey: string, fileName: string | null) => ManifestArtifact | undefined;
}

export interface SidecarBinding {
  readonly claimed: Uint8Array | null;
  readonly packageDigest: Uint8Array | null;
  readonly packageKey: string;
}

export interface MapHooks {
  /** The package: the digest its sidecar claims, used when the server sent no hash (GetMap's rule). */
  readonly sidecarClaim?: () => Promise<ExpectedHash | null>;
  /** The sidecar: given the path of its bytes, what binds it to the verified package. */
  readonly bindSidecar?: (path: string) => Promise<SidecarBinding>;
  /** Called once with the verified digest, or null when the item did not verify. */
  readonly onSettled?: (digest: Uint8Array | null) => void;
}

/** The item's signature under the pinned key, when both exist: what every read of its bytes checks. */
export function signatureToCheck(ctx: ItemContext): SignatureToCheck | undefined {
  const { publicKey, item } = ctx;
  return publicKey && item.plan.signature
    ? { key: publicKey.key, signatureBase64: item.plan.signature }
    : undefined;
}

export function progressOf(item: ItemState) {
  return { bytesDone: item.bytesDone, size: item.plan.size, speed: item.meter.speed(), etaMs: null };
}

export function settle(
  ctx: ItemContext,
  verdict: Verdict,
  digest: Uint8Array,
  binding: SidecarBinding | undefined,
): void {
  ctx.item.hashCheck = verdict.hashCheck;
  ctx.item.signatureCheck = verdict.signatureCheck;
  ctx.item.actualSha256 = digestHex(digest);
  ctx.item.boundTo = verdict.bound && binding ? binding.packageKey : null;
}

/** Judges the bytes at `path` with every check this item has, the sidecar binding included. */
export async function judgeBytes(
  ctx: ItemContext,
  path: string,
  expectedHash: ExpectedHash | null,
  digest: Uint8Array,
  signatureValid: boolean | undefined,
): Promise<{ verdict: Verdict; binding: SidecarBinding | undefined }> {
  const { plan } = ctx.item;
  const binding = ctx.map?.bindSidecar ? await ctx.map.bindSidecar(path) : undefined;
  const verdict = judge({
    itemKey: plan.itemKey,
    artifactType: plan.artifactType,
    expectedHash,
    actualDigest: digest,
    signature: plan.signature,
    publicKeyConfigured: ctx.publicKey !== undefined,
    signatureValid,
    allowUnverified: ctx.config.allowUnverified,
    ...(binding ? { binding } : {}),
  });
  return { verdict, binding };
}

export function failItem(ctx: ItemContext, error: AppError): void {
  const { item } = ctx;
  item.outcome = 'failed';
  item.error = error;
  item.moveTo('failed');
  ctx.reporter.record(item.plan.itemKey, 'Error', progressOf(item));
  ctx.onPhase();
}

/**
 * The package travels and is read by other accounts: 0644, and the executable bit only for an
 * executable that verified (M9): a file staged unverified by choice is never made runnable.
 */
export async function applyMode(
  ctx: ItemContext,
  finalPath: string,
  outcome: Verdict['outcome'],
): Promise<void> {
  const { fs } = ctx.folder;
  if (ctx.item.plan.isExecutable && outcome === 'verified') await setExecutable(finalPath, fs);
  else await fs.chmod(finalPath, 0o644).catch(() => {});
}

/**
 * Gives judged bytes their final name and marks the item done; shared by downloads and reuse.
 * `dataSynced`: the part was fsynced after its last write (see CommitOptions).
 */
export async function commitVerified(
  ctx: ItemContext,
  partPath: string,
  finalPath: string,
  verdict: Verdict,
  digest: Uint8Array,
  dataSynced = false,
): Promise<Result<void>> {
  const { item, folder, signal } = ctx;
  const { plan } = item;
  const committed = await commitPart({
    partPath,
    finalPath,
    folder,
    itemKey: plan.itemKey,
    signal,
    dataSynced,
  });
  if (!committed.ok) return committed;
  await applyMode(ctx, finalPath, verdict.outcome);
  item.resume = { offset: 0, validator: {} };
  item.outcome = verdict.outcome;
  item.moveTo('done');
  item.stagedAt = new Date(ctx.deps.clock.now()).toISOString();
  ctx.map?.onSettled?.(verdict.outcome === 'verified' ? digest : null);
  // Queued first, so that the report's own save joins this one: one journal write per file, not two
  // (issue 9). The file has its final name already, so the report may reach the server first. Not
  // waited for: a rerun after a crash before it lands finds the verified file under its final name
  // and re-verifies it instead of downloading (F7). Saves asked for while one is being written are
  // joined into the next write, so a delivery of many files does not pay a journal write per file.
  ctx.reporter.record(plan.itemKey, 'Done', progressOf(item));
  void ctx.journal.save();
  ctx.onPhase();
  return ok(undefined);
}
