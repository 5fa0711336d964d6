// Tries the candidates for one artifact in turn: place one in the parts folder, let the item runner
// judge and commit it, throw it away if it does not pass. The verdict and the commit stay with the
// item runner, so reused bytes meet the same policy.
import type { FileDigest } from '../integrity/file-digest.js';
import type { StagingFs } from '../staging/fs-adapter.js';
import type { ReuseSource, ReuseWanted } from './candidate-index.js';
import { discardPlaced, placeCandidate, type PlaceInput } from './place-candidate.js';

/** staged: committed. rejected: the bytes did not verify. failed: verified, but could not be committed. */
export type Acceptance = 'staged' | 'rejected' | 'failed';

export interface ReuseAttempt {
  readonly source: ReuseSource;
  readonly fs: StagingFs;
  /** Where a candidate is placed: `<parts>/<name>.reuse` (reusePathFor). */
  readonly target: string;
  readonly wanted: ReuseWanted;
  readonly isExecutable: boolean;
  readonly signature?: PlaceInput['signature'];
  readonly signal: AbortSignal;
  /** Judges the bytes now at `target` like a download and, if they pass, commits them. */
  readonly accept: (digest: FileDigest) => Promise<Acceptance>;
}

/** True when a candidate was staged; false sends the item to the network as usual. */
export async function reuseVerifiedCopy(attempt: ReuseAttempt): Promise<boolean> {
  const { source, fs, target, wanted, signal } = attempt;
  const candidates = (await source.index()).find(wanted);
  for (const candidate of candidates) {
    if (signal.aborted) break;
    const placed = await placeCandidate({
      fs,
      source: candidate.path,
      target,
      allowLink: candidate.isExecutable === attempt.isExecutable,
      ...(attempt.signature ? { signature: attempt.signature } : {}),
    });
    if (!placed) continue;
    const accepted = await attempt.accept(placed.digest);
    if (accepted === 'staged') return true;
    await discardPlaced(fs, target);
    if (accepted === 'failed') break;
    source.warn(
      `${wanted.itemKey}: the copy in ${candidate.folder} does not match what its manifest says (changed since it was staged?), so it was not reused.`,
    );
  }
  // Also clears a leftover from a run that stopped mid-placement.
  await discardPlaced(fs, target);
  return false;
}
