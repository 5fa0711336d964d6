// One artifact from plan to final name: reuse a verified file already there (F7) or in another
// package of the staging root, otherwise download to `.part`, read it back from disk (I3), judge the
// checks on those bytes, re-download once on wrong bytes (I1: hash, signature or read-back), and
// commit (fsync, rename, fsync dir). Never throws: the outcome is in ItemState.
import { appError, type AppError } from '../../shared/app-error.js';
import { downloadArtifact } from '../download/download-artifact.js';
import { childPath } from '../staging/job-folder.js';
import { partPathFor } from '../staging/part-file.js';

import type { ErrorCode } from '../../shared/error-codes.js';
import { fail, ok, type Result } from '../../shared/result.js';
import type { FileDigest } from '../integrity/file-digest.js';
import { refusalBeforeDownload, type Verdict } from '../integrity/file-verdict.js';
import type { ExpectedHash } from '../integrity/hash-format.js';
import {
  commitVerified,
  failItem,
  judgeBytes,
  progressOf,
  settle,
  signatureToCheck,
  type ItemContext,
} from './judge-and-commit.js';
import { reuseFromPackages, tryReuse } from './item-reuse.js';
import type { PlannedItem } from './plan-items.js';
import { checkReadBack, needsWitness } from './read-back.js';

/** Wrong bytes are fetched once more (I1): a flipped bit in transit or on disk should not end the item. */
const FETCH_AGAIN: ReadonlySet<ErrorCode> = new Set(['CLIENT.hashMismatch', 'CLIENT.signatureInvalid']);

export type { ItemContext, MapHooks, SidecarBinding } from './judge-and-commit.js';

/** Judges the bytes read back from disk, records the checks on the item, and says if they may commit. */
async function judgeReadBack(
  ctx: ItemContext,
  partPath: string,
  expectedHash: ExpectedHash | null,
  read: FileDigest,
): Promise<Result<Verdict>> {
  const { verdict, binding } = await judgeBytes(
    ctx,
    partPath,
    expectedHash,
    read.sha256,
    read.signatureValid,
  );
  settle(ctx, verdict, read.sha256, binding);
  return verdict.error ? fail(verdict.error) : ok(verdict);
}

/**
 * The refusal this item gets before any download, whatever its bytes (file-verdict.ts), or null.
 * Such an item is only ever staged from a verified copy already on disk, never downloaded.
 */
export function refusedUpFront(
  plan: PlannedItem,
  expectedHash: ExpectedHash | null,
  publicKeyConfigured: boolean,
  allowUnverified: boolean,
): AppError | null {
  return refusalBeforeDownload({
    itemKey: plan.itemKey,
    artifactType: plan.artifactType,
    hasExpectedHash: expectedHash !== null,
    signature: plan.signature,
    publicKeyConfigured,
    allowUnverified,
  });
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
  // A file the checks would refuse whatever its bytes is not fetched at all.
  const refusal = refusedUpFront(plan, expectedHash, ctx.publicKey !== undefined, ctx.config.allowUnverified);
  if (refusal) {
    // What is known without bytes: whether a signature came (and could be checked), and no hash.
    item.signatureCheck = plan.signature ? 'noKey' : 'absent';
    if (!expectedHash) item.hashCheck = 'none';
    failItem(ctx, refusal);
    return;
  }

  ctx.reporter.record(plan.itemKey, ctx.resumed ? 'Continue' : 'Start', progressOf(item));
  const signature = signatureToCheck(ctx);
  let url = plan.url!;
  for (let attempt = 0; ; attempt += 1) {
    item.error = null;
    // A second fetch of wrong bytes transfers again: it waits for a slot like any other.
    if (attempt > 0) await ctx.slot?.retake();
    item.moveTo('downloading');
    ctx.onPhase();
    const downloaded = await downloadArtifact(
      {
        itemKey: plan.itemKey,
        url,
        expectedSize: plan.size ?? undefined,
        partPath,
        resume: item.resume,
        ...(signature ? { signature } : {}),
        witnessStream: needsWitness(expectedHash, signature !== undefined),
        signal,
        onProgress: (bytes) => {
          item.bytesDone = bytes;
          item.meter.update(bytes);
          ctx.reporter.record(plan.itemKey, 'Download', () => progressOf(item));
          ctx.onProgress();
        },
        onReceived: () => ctx.slot?.release(),
        onCheckpoint: async (state) => {
          // The `.part` is fsynced up to state.offset: only now may the journal claim those bytes.
          item.resume = state;
          await ctx.journal.checkpoint();
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
        item.moveTo('paused');
        ctx.onPhase();
      } else failItem(ctx, downloaded.error);
      return;
    }
    const outcome = downloaded.value;
    item.moveTo('verifying');
    item.bytesDone = outcome.size;
    item.resume = { offset: outcome.size, validator: outcome.validator };
    ctx.onPhase();
    const onDisk = checkReadBack(plan.itemKey, outcome);
    const judged = onDisk.ok ? await judgeReadBack(ctx, partPath, expectedHash, onDisk.value) : onDisk;
    if (judged.ok) {
      // downloadArtifact fsyncs the part once every byte is written, before its read-back.
      const committed = await commitVerified(ctx, partPath, finalPath, judged.value, outcome.sha256, true);
      if (!committed.ok) failItem(ctx, committed.error);
      return;
    }
    const { error } = judged;
    // Wrong bytes are thrown away and fetched once more; bytes nothing vouches for (or whose
    // signature is missing) are kept aside for a rerun with other settings.
    if (FETCH_AGAIN.has(error.code)) {
      await folder.fs.rm(partPath, { force: true }).catch(() => {});
      item.resume = { offset: 0, validator: {} };
      item.bytesDone = 0;
      if (attempt === 0) continue;
    }
    await ctx.journal.save();
    failItem(ctx, error);
    return;
  }
}
