// downloadArtifact: one artifact from its URL to a verified-size `.part` with the SHA-256 (and
// signature) of the bytes the disk gives back, and of the stream when asked. Owns the retry loop (T1,
// T2, T5, T7), URL refresh on expiry (U5) and the stop paths (cancel, disk full). Never renames: the
// caller verifies and commits. On success the `.part` was fsynced after its last write.
import { appError } from '../../shared/app-error.js';
import type { AppError } from '../../shared/app-error.js';
import { fail, ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { backoffDelay } from '../backoff.js';
import { PART_SUFFIX } from '../staging/part-file.js';
import { checkArtifactUrl } from '../url-policy.js';
import { runAttempt } from './download-attempt.js';
import { cancelled, downloadError, forItem } from './download-errors.js';
import { openSession } from './part-session.js';
import type { PartSession } from './part-session.js';
import type { DownloadDeps, DownloadOutcome, DownloadRequest } from './download-types.js';

function gaveUp(error: AppError, attempts: number): AppError {
  return appError({
    ...error,
    message: `${error.message} (gave up after ${attempts} attempts)`,
    detail: { ...error.detail, attempts },
  });
}

/** The job runner checked all of this already: a refusal here is a bug in Courier. */
function invalid(itemKey: string, text: string): Result<never> {
  return fail(downloadError(itemKey, 'CLIENT.internal', text, false));
}

/** Everything that can be refused before any I/O. */
function checkRequest(request: DownloadRequest, deps: DownloadDeps): Result<void> {
  const { itemKey, expectedSize, partPath } = request;
  if (expectedSize !== undefined && !(Number.isSafeInteger(expectedSize) && expectedSize >= 0)) {
    return invalid(itemKey, `the declared size ${String(expectedSize)} is not a byte count.`);
  }
  // Unverified bytes never carry a final name: the target must be a `.part` (§0.4).
  if (!partPath.endsWith(PART_SUFFIX) || partPath.length <= PART_SUFFIX.length) {
    return invalid(itemKey, 'the download target is not a .part file.');
  }
  const offset = request.resume?.offset ?? 0;
  if (!Number.isSafeInteger(offset) || offset < 0)
    return invalid(itemKey, 'the resume offset is not a byte count.');
  const url = checkArtifactUrl(request.url, deps.urlPolicy, itemKey);
  return url.ok ? ok(undefined) : url;
}

export async function downloadArtifact(
  request: DownloadRequest,
  deps: DownloadDeps,
): Promise<Result<DownloadOutcome>> {
  const checked = checkRequest(request, deps);
  if (!checked.ok) return checked;
  if (request.signal?.aborted) return fail(cancelled(request.itemKey, request.resume?.offset ?? 0));
  const opened = await openSession({
    request,
    fs: deps.fs,
    checkpointBytes: deps.checkpointBytes,
    signal: request.signal,
  });
  if (!opened.ok) {
    return request.signal?.aborted ? fail(cancelled(request.itemKey, request.resume?.offset ?? 0)) : opened;
  }
  const session = opened.value;
  try {
    return await retryLoop(request, deps, session);
  } finally {
    await session.close();
  }
}

async function retryLoop(
  request: DownloadRequest,
  deps: DownloadDeps,
  session: PartSession,
): Promise<Result<DownloadOutcome>> {
  const { itemKey, signal } = request;
  const backoff = { baseMs: deps.retry.baseMs, maxMs: deps.retry.maxMs, jitter: deps.retry.jitter ?? 0.2 };
  // Ends the call keeping every byte already written: fsync and journal them first (F1, cancel).
  const stop = async (error: AppError): Promise<Result<never>> => {
    await session.checkpoint();
    return fail(error);
  };
  let url = request.url;
  // Failed attempts since the last real progress. An attempt that added a checkpoint interval of new
  // bytes resets it, so resets spread over a long download on a flaky link do not fail the item; the
  // loop stays bounded since each reset needs checkpointBytes of a file whose size is capped, and a
  // server that trickles a little per attempt still runs out of attempts.
  let failures = 0;
  let refreshedAt: number | undefined;

  for (;;) {
    if (signal?.aborted) return stop(cancelled(itemKey, session.offset));
    const before = session.highWater;
    const result = await runAttempt({ request, deps, session, url });
    if (session.highWater - before >= Math.max(1, deps.checkpointBytes)) failures = 0;

    switch (result.kind) {
      case 'done': {
        if (request.expectedSize !== undefined && session.offset !== request.expectedSize) {
          const text = `the file has ${session.offset} bytes but the delivery declared ${request.expectedSize}.`;
          return stop(downloadError(itemKey, 'CLIENT.sizeMismatch', text, false));
        }
        request.onReceived?.();
        // The bytes must be durable before they are read back and judged; their journal record need
        // not be waited for. It only matters to a crash before the commit that follows within
        // milliseconds, and such a crash costs at most what one between checkpoints always did
        // (goal 4). Waiting made every file of a delivery queue behind the others' journal writes
        // (issue 9).
        const saved = await session.checkpoint({ recordInBackground: true });
        if (!saved.ok) return saved;
        const onDisk = await session.readBack();
        if (!onDisk.ok) return onDisk;
        return ok({
          size: onDisk.value.size,
          sha256: onDisk.value.sha256,
          signatureValid: onDisk.value.signatureValid,
          streamedSha256: session.streamedDigest(),
          validator: { ...session.validator },
          bytesFetched: session.bytesFetched,
          resumedFrom: session.resumedFrom,
        });
      }
      case 'more':
        continue;
      case 'cancelled':
        return stop(cancelled(itemKey, session.offset));
      case 'restart': {
        failures += 1;
        if (failures >= deps.retry.attempts) {
          const text = `the server's answers to resume requests were unusable (${result.reason}).`;
          return stop(downloadError(itemKey, 'CLIENT.badResponse', text, false));
        }
        const restarted = await session.restart();
        const saved = restarted.ok ? await session.checkpoint() : restarted;
        if (!saved.ok) return fail(saved.error);
        continue;
      }
      case 'expired': {
        // U5: a fresh URL resumes with Range. A 403 right after a refresh, with no byte in between,
        // is not expiry but refusal (A3), so it ends the item instead of looping on refreshes.
        if (!request.refreshUrl || (refreshedAt !== undefined && session.highWater <= refreshedAt)) {
          const text = request.refreshUrl
            ? `the storage server refused the download address (HTTP ${result.status}) even after it was renewed.`
            : `the storage server refused the download address (HTTP ${result.status}); it has probably expired.`;
          return stop(
            downloadError(itemKey, 'CLIENT.urlExpired', text, false, { httpStatus: result.status }),
          );
        }
        const saved = await session.checkpoint();
        if (!saved.ok) return saved;
        const fresh = await request.refreshUrl();
        if (!fresh.ok) return fail(forItem(fresh.error, itemKey));
        const checked = checkArtifactUrl(fresh.value, deps.urlPolicy, itemKey);
        if (!checked.ok) return checked;
        url = checked.value;
        refreshedAt = session.highWater;
        continue;
      }
      case 'failed': {
        if (!result.error.retryable) return stop(result.error);
        failures += 1;
        if (failures >= deps.retry.attempts) return stop(gaveUp(result.error, failures));
        const saved = await session.checkpoint();
        if (!saved.ok) return saved;
        const delay = result.retryAfterMs ?? backoffDelay(failures - 1, backoff, deps.random);
        if (delay > 0) {
          try {
            await deps.clock.sleep(delay, signal);
          } catch {
            return stop(cancelled(itemKey, session.offset));
          }
        }
      }
    }
  }
}
