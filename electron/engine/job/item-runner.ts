// One artifact from plan to final name: reuse a verified file already there (F7) or in another
// package of the staging root, otherwise download to `.part`, judge the checks, re-download once on a
// hash mismatch (I1), and commit (fsync, rename, fsync dir). Never throws: the outcome is in ItemState.
import type { KeyObject } from 'node:crypto';
import { appError, type AppError } from '../../shared/app-error.js';
import { ok, type Result } from '../../shared/result.js';
import type { EngineConfig } from '../config.js';
import { downloadArtifact } from '../download/download-artifact.js';
import type { DownloadDeps } from '../download/types.js';
import { digestFile } from '../file-digest.js';
import { digestHex, type ExpectedHash } from '../hash-format.js';
import { commitPart, setExecutable } from '../staging/commit.js';
import { childPath, type JobFolder } from '../staging/job-folder.js';
import { partPathFor } from '../staging/part-file.js';
import type { StatusReporter } from '../report/status-reporter.js';
import type { ReuseSource } from '../reuse/candidate-index.js';
import { reusePathFor } from '../reuse/place-candidate.js';
import { reuseVerifiedCopy } from '../reuse/reuse-copy.js';
import type { ItemState } from './job-state.js';
import type { JournalSync } from './journal-sync.js';
import { judge, type Verdict } from './verify-policy.js';

export interface ItemContext {
  readonly item: ItemState;
  readonly folder: JobFolder;
  readonly config: EngineConfig;
  readonly publicKey: { readonly key: KeyObject; readonly pem: string } | undefined;
  readonly deps: DownloadDeps;
  readonly reporter: StatusReporter;
  readonly journal: JournalSync;
  readonly signal: AbortSignal;
  /** Bytes moved: the caller throttles what it emits. */
  readonly onProgress: () => void;
  /** Phase or outcome changed: emitted at once. */
  readonly onPhase: () => void;
  readonly refreshUrl: () => Promise<Result<URL>>;
  /** Map package and sidecar pairing (job-items.ts); absent for every other item. */
  readonly map?: MapHooks;
  /** True when this item was already started in an earlier run (reports Continue, not Start). */
  readonly resumed: boolean;
  /** Verified copies in the other packages of the staging root; absent when reuse is off. */
  readonly reuse?: ReuseSource;
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

function progressOf(item: ItemState) {
  return { bytesDone: item.bytesDone, size: item.plan.size, speed: item.meter.speed(), etaMs: null };
}

function settle(
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
async function judgeBytes(
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

function failItem(ctx: ItemContext, error: AppError): void {
  const { item } = ctx;
  item.phase = 'failed';
  item.outcome = 'failed';
  item.error = error;
  ctx.reporter.record(item.plan.itemKey, 'Error', progressOf(item));
  ctx.onPhase();
}

/** F7: a final file already there is re-verified; if it passes, it is reused instead of downloaded. */
async function tryReuse(
  ctx: ItemContext,
  finalPath: string,
  expectedHash: ExpectedHash | null,
): Promise<boolean> {
  const { item, publicKey } = ctx;
  const { plan } = item;
  const signature =
    publicKey && plan.signature ? { key: publicKey.key, signatureBase64: plan.signature } : undefined;
  const existing = await digestFile(ctx.folder.fs, finalPath, signature);
  if (!existing || (plan.size !== null && existing.size !== plan.size)) return false;
  const { verdict, binding } = await judgeBytes(
    ctx,
    finalPath,
    expectedHash,
    existing.sha256,
    existing.signatureValid,
  );
  if (verdict.outcome === 'failed') return false;
  settle(ctx, verdict, existing.sha256, binding);
  item.bytesDone = item.reusedBytes = existing.size;
  item.resume = { offset: 0, validator: {} };
  item.outcome = verdict.outcome;
  item.phase = 'done';
  item.error = null;
  ctx.map?.onSettled?.(verdict.outcome === 'verified' ? existing.sha256 : null);
  ctx.reporter.record(plan.itemKey, 'Done', progressOf(item));
  ctx.onPhase();
  return true;
}

/** Gives judged bytes their final name and marks the item done; shared by downloads and reuse. */
async function commitVerified(
  ctx: ItemContext,
  partPath: string,
  finalPath: string,
  verdict: Verdict,
  digest: Uint8Array,
): Promise<Result<void>> {
  const { item, folder, signal } = ctx;
  const { plan } = item;
  const committed = await commitPart({ partPath, finalPath, folder, itemKey: plan.itemKey, signal });
  if (!committed.ok) return committed;
  // The package travels and is read by other accounts; the executable bit only after verification (M9).
  if (plan.isExecutable) await setExecutable(finalPath, folder.fs);
  else await folder.fs.chmod(finalPath, 0o644).catch(() => {});
  item.resume = { offset: 0, validator: {} };
  item.outcome = verdict.outcome;
  item.phase = 'done';
  item.stagedAt = new Date(ctx.deps.clock.now()).toISOString();
  ctx.map?.onSettled?.(verdict.outcome === 'verified' ? digest : null);
  await ctx.journal.save();
  ctx.reporter.record(plan.itemKey, 'Done', progressOf(item));
  ctx.onPhase();
  return ok(undefined);
}

/** A verified copy in another package of the staging root, judged and committed like a download. */
async function reuseFromPackages(
  ctx: ItemContext,
  finalPath: string,
  partPath: string,
  expectedHash: ExpectedHash | null,
): Promise<boolean> {
  const { item, folder, publicKey, reuse, signal } = ctx;
  const { plan } = item;
  const target = reusePathFor(folder.partsDir, plan.fileName!);
  // A sidecar's binding hook may run once only, and it needs the bytes that are finally staged.
  if (!reuse || !target || ctx.map?.bindSidecar) return false;
  const signature =
    publicKey && plan.signature ? { key: publicKey.key, signatureBase64: plan.signature } : undefined;
  const reused = await reuseVerifiedCopy({
    source: reuse,
    fs: folder.fs,
    target,
    signal,
    isExecutable: plan.isExecutable,
    ...(signature ? { signature } : {}),
    wanted: {
      itemKey: plan.itemKey,
      size: plan.size,
      sha256: expectedHash ? digestHex(expectedHash.digest) : null,
      signatureCheckable: signature !== undefined,
    },
    accept: async (digest) => {
      if (plan.size !== null && digest.size !== plan.size) return 'rejected';
      const judged = await judgeBytes(ctx, target, expectedHash, digest.sha256, digest.signatureValid);
      if (judged.verdict.outcome !== 'verified') return 'rejected';
      settle(ctx, judged.verdict, digest.sha256, judged.binding);
      item.bytesDone = item.reusedBytes = digest.size;
      item.error = null;
      if ((await commitVerified(ctx, target, finalPath, judged.verdict, digest.sha256)).ok) return 'staged';
      item.bytesDone = item.reusedBytes = 0;
      item.hashCheck = item.signatureCheck = 'pending';
      item.actualSha256 = null;
      return 'failed';
    },
  });
  // A partial download from an earlier run is not needed any more.
  if (reused) await folder.fs.rm(partPath, { force: true }).catch(() => {});
  return reused;
}

export async function runItem(ctx: ItemContext): Promise<void> {
  const { item, folder, signal } = ctx;
  const { plan } = item;
  const finalPath = childPath(folder.path, plan.fileName!);
  const partPath = partPathFor(folder.partsDir, plan.fileName!);
  if (!finalPath || !partPath) {
    failItem(
      ctx,
      appError({
        code: 'CLIENT.unsafeName',
        message: `${plan.itemKey}: unsafe file name.`,
        retryable: false,
        itemKey: plan.itemKey,
      }),
    );
    return;
  }
  const expectedHash = plan.expectedHash ?? (ctx.map?.sidecarClaim ? await ctx.map.sidecarClaim() : null);
  if (await tryReuse(ctx, finalPath, expectedHash)) return;
  if (await reuseFromPackages(ctx, finalPath, partPath, expectedHash)) return;

  ctx.reporter.record(plan.itemKey, ctx.resumed ? 'Continue' : 'Start', progressOf(item));
  const signature =
    ctx.publicKey && plan.signature
      ? { publicKeyPem: ctx.publicKey.pem, signatureBase64: plan.signature }
      : undefined;
  let url = plan.url!;
  for (let attempt = 0; ; attempt += 1) {
    item.phase = 'downloading';
    item.error = null;
    ctx.onPhase();
    const downloaded = await downloadArtifact(
      {
        itemKey: plan.itemKey,
        url,
        expectedSize: plan.size ?? undefined,
        partPath,
        resume: item.resume,
        ...(signature ? { signature } : {}),
        signal,
        onProgress: (bytes) => {
          item.bytesDone = bytes;
          item.meter.update(bytes);
          ctx.reporter.record(plan.itemKey, 'Download', progressOf(item));
          ctx.onProgress();
        },
        onCheckpoint: async (state) => {
          item.resume = state;
          await ctx.journal.save();
        },
        refreshUrl: async () => {
          const fresh = await ctx.refreshUrl();
          if (fresh.ok) url = fresh.value;
          return fresh;
        },
      },
      ctx.deps,
    );
    if (!downloaded.ok) {
      if (signal.aborted) {
        item.phase = 'paused';
        ctx.onPhase();
      } else failItem(ctx, downloaded.error);
      return;
    }
    const outcome = downloaded.value;
    item.phase = 'verifying';
    item.bytesDone = outcome.size;
    item.resume = { offset: outcome.size, validator: outcome.validator };
    ctx.onPhase();
    const { verdict, binding } = await judgeBytes(
      ctx,
      partPath,
      expectedHash,
      outcome.sha256,
      outcome.signatureValid,
    );
    settle(ctx, verdict, outcome.sha256, binding);
    if (verdict.outcome === 'failed') {
      const error = verdict.error!;
      // Wrong or suspicious bytes are thrown away; bytes nothing vouches for are kept aside for a rerun.
      if (error.code !== 'CLIENT.unverified') {
        await folder.fs.rm(partPath, { force: true }).catch(() => {});
        item.resume = { offset: 0, validator: {} };
        item.bytesDone = 0;
      }
      if (error.code === 'CLIENT.hashMismatch' && attempt === 0) continue;
      await ctx.journal.save();
      failItem(ctx, error);
      return;
    }
    const committed = await commitVerified(ctx, partPath, finalPath, verdict, outcome.sha256);
    if (!committed.ok) failItem(ctx, committed.error);
    return;
  }
}
