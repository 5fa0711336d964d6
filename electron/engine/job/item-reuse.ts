// The two ways an artifact is staged without downloading: a verified final file already in the job
// folder (F7), or a verified copy from another package of the staging root (hard link or copy),
// judged and committed exactly like a download.
import { digestFile } from '../file-digest.js';
import { digestHex, type ExpectedHash } from '../hash-format.js';
import { reusePathFor } from '../reuse/place-candidate.js';
import { reuseVerifiedCopy } from '../reuse/reuse-copy.js';

import { commitVerified, judgeBytes, progressOf, settle, type ItemContext } from './item-context.js';

/** F7: a final file already there is re-verified; if it passes, it is reused instead of downloaded. */
export async function tryReuse(
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

/** A verified copy in another package of the staging root, judged and committed like a download. */
export async function reuseFromPackages(
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
