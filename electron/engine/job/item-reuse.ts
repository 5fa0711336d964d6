// The two ways an artifact is staged without downloading: a verified final file already in the job
// folder (F7), or a verified copy from another package of the staging root (hard link or copy),
// judged and committed exactly like a download. A package only gets better: a final file whose bytes
// still match what this package's manifest recorded as verified keeps that verdict and its basis when
// today's settings cannot vouch for it (a re-fetch without the key), but never against a check that
// now fails (a wrong hash, an invalid signature, a signature the pinned key now demands).
import type { ManifestArtifact } from '../../shared/manifest.js';
import { digestFile, type FileDigest } from '../integrity/file-digest.js';
import { digestHex, type ExpectedHash } from '../integrity/hash-format.js';
import type { Verdict } from '../integrity/file-verdict.js';
import { reusePathFor } from '../reuse/place-candidate.js';
import { reuseVerifiedCopy } from '../reuse/reuse-copy.js';
import { childPath } from '../staging/job-folder.js';

import {
  applyMode,
  commitVerified,
  judgeBytes,
  progressOf,
  settle,
  signatureToCheck,
  type ItemContext,
} from './judge-and-commit.js';

/** The verdict the manifest recorded, when today's checks only lack evidence and the bytes match it. */
function recordedVerdict(
  recorded: ManifestArtifact | undefined,
  existing: FileDigest,
  today: Verdict,
): Verdict | undefined {
  if (today.error?.code !== 'CLIENT.unverified' || !recorded || recorded.outcome !== 'verified')
    return undefined;
  if (recorded.size !== existing.size || recorded.sha256 !== digestHex(existing.sha256)) return undefined;
  return {
    hashCheck: recorded.hashCheck,
    signatureCheck: recorded.signatureCheck,
    outcome: 'verified',
    error: null,
    bound: recorded.boundTo !== undefined,
  };
}

/**
 * Bytes that fail today's checks may not keep a final name (nor be lost): they move into Courier's
 * parts folder as `<name>.rejected`, where nothing lists or installs them, and the item is fetched.
 */
async function setAside(ctx: ItemContext, finalPath: string): Promise<false> {
  const { folder, item } = ctx;
  const aside = childPath(folder.partsDir, `${item.plan.fileName!}.rejected`);
  if (aside) await folder.fs.rename(finalPath, aside).catch(() => folder.fs.rm(finalPath, { force: true }));
  return false;
}

/** F7: a final file already there is re-verified; if it passes, it is reused instead of downloaded. */
export async function tryReuse(
  ctx: ItemContext,
  finalPath: string,
  expectedHash: ExpectedHash | null,
): Promise<boolean> {
  const { item } = ctx;
  const { plan } = item;
  const existing = await digestFile(ctx.folder.fs, finalPath, signatureToCheck(ctx));
  if (!existing) return false;
  if (plan.size !== null && existing.size !== plan.size) return setAside(ctx, finalPath);
  const judged = await judgeBytes(ctx, finalPath, expectedHash, existing.sha256, existing.signatureValid);
  const recorded = ctx.recorded?.(plan.itemKey, plan.fileName);
  const verdict = recordedVerdict(recorded, existing, judged.verdict) ?? judged.verdict;
  if (verdict.outcome === 'failed') return setAside(ctx, finalPath);
  settle(ctx, verdict, existing.sha256, judged.binding);
  if (verdict !== judged.verdict) item.boundTo = recorded?.boundTo ?? null;
  // A crash between rename and chmod must not leave an installer at 0600 (or a data file at 0755).
  await applyMode(ctx, finalPath, verdict.outcome);
  item.bytesDone = item.reusedBytes = existing.size;
  item.resume = { offset: 0, validator: {} };
  item.outcome = verdict.outcome;
  item.error = null;
  item.moveTo('done');
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
  const { item, folder, reuse, signal } = ctx;
  const { plan } = item;
  const target = reusePathFor(folder.partsDir, plan.fileName!);
  // A sidecar's binding hook may run once only, and it needs the bytes that are finally staged.
  if (!reuse || !target || ctx.map?.bindSidecar) return false;
  const signature = signatureToCheck(ctx);
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
