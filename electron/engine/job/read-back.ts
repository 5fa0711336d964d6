// I3: a file's verdict is made on the bytes the disk gives back (the download reads every durable
// range back behind the writer, download/read-behind.ts), so a published hash or checked signature
// catches a disk that stored other bytes. Where neither exists the stream was hashed as a witness:
// a read-back that differs from it is a fault of its own, retried like a hash mismatch. Pure.
import { appError } from '../../shared/app-error.js';
import { fail, ok, type Result } from '../../shared/result.js';
import type { DownloadOutcome } from '../download/download-types.js';
import { digestHex, digestsEqual, type ExpectedHash } from '../integrity/hash-format.js';

/** True when nothing published will judge the bytes on disk: the stream must be hashed to compare. */
export const needsWitness = (expectedHash: ExpectedHash | null, signatureChecked: boolean): boolean =>
  expectedHash === null && !signatureChecked;

export function checkReadBack(itemKey: string, outcome: DownloadOutcome): Result<DownloadOutcome> {
  const streamed = outcome.streamedSha256;
  if (streamed === null || digestsEqual(streamed, outcome.sha256)) return ok(outcome);
  const received = digestHex(streamed);
  const stored = digestHex(outcome.sha256);
  return fail(
    appError({
      code: 'CLIENT.hashMismatch',
      message: `${itemKey}: the file read back from the disk is not what was received (received ${received}, on disk ${stored}). The disk or its driver may be failing.`,
      retryable: true,
      itemKey,
      detail: { stage: 'readBack', expected: received, actual: stored },
    }),
  );
}
