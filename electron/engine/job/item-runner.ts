// One artifact from plan to final name: reuse a verified file already there (F7) or in another
// package of the staging root, otherwise download to `.part`, judge the checks, re-download once on a
// hash mismatch (I1), and commit (fsync, rename, fsync dir). Never throws: the outcome is in ItemState.
import { appError } from '../../shared/app-error.js';
import { downloadArtifact } from '../download/download-artifact.js';
import { childPath } from '../staging/job-folder.js';
import { partPathFor } from '../staging/part-file.js';

import {
  commitVerified,
  failItem,
  judgeBytes,
  progressOf,
  settle,
  type ItemContext,
} from './item-context.js';
import { reuseFromPackages, tryReuse } from './item-reuse.js';

export type { ItemContext, MapHooks, SidecarBinding } from './item-context.js';

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
          ctx.reporter.record(plan.itemKey, 'Download', () => progressOf(item));
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
