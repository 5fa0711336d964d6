// One attempt at an artifact: the GET (with Range/If-Range when resuming), manual redirects through
// the URL policy (U3), the response verdict and the body pump. No retry logic here. Builds its
// headers from scratch so no credential can ride along (A4).
import type { AppError } from '../../shared/app-error.js';
import { checkRedirect } from '../url-policy.js';
import { forItem } from './download-errors.js';
import { pumpBody } from './body-pump.js';
import type { PartSession } from './part-session.js';
import { decideResponse } from './range-response.js';
import { ifRangeValue } from './response-headers.js';
import type { DownloadDeps, DownloadRequest } from './download-types.js';

export type AttemptResult =
  | { readonly kind: 'done' }
  | { readonly kind: 'more' }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'restart'; readonly reason: string }
  | { readonly kind: 'expired'; readonly status: number }
  | { readonly kind: 'failed'; readonly error: AppError; readonly retryAfterMs?: number };

export interface AttemptContext {
  readonly request: DownloadRequest;
  readonly deps: DownloadDeps;
  readonly session: PartSession;
  readonly url: URL;
}

/** The only headers an artifact request ever carries: never Authorization, Device-Auth or cookies. */
export function artifactHeaders(session: Pick<PartSession, 'offset' | 'validator'>): Record<string, string> {
  const headers: Record<string, string> = { 'accept-encoding': 'identity' };
  if (session.offset > 0) {
    headers.range = `bytes=${session.offset}-`;
    const ifRange = ifRangeValue(session.validator);
    if (ifRange !== undefined) headers['if-range'] = ifRange;
  }
  return headers;
}

export async function runAttempt(ctx: AttemptContext): Promise<AttemptResult> {
  const { request, deps, session } = ctx;
  const { itemKey, signal } = request;
  const controller = new AbortController();
  const onCallerAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onCallerAbort, { once: true });
  try {
    let url = ctx.url;
    for (let hop = 1; ; hop += 1) {
      const offset = session.offset;
      const answer = await deps.transport.getDirect({
        url,
        headers: artifactHeaders(session),
        signal: controller.signal,
        connectTimeoutMs: deps.timeouts.connectMs,
        headersTimeoutMs: deps.timeouts.headersMs,
      });
      if (signal?.aborted) {
        if (answer.ok) answer.value.body.destroy();
        return { kind: 'cancelled' };
      }
      if (!answer.ok) return { kind: 'failed', error: forItem(answer.error, itemKey) };
      const { status, headers, body } = answer.value;
      const decision = decideResponse(status, headers, {
        itemKey,
        offset,
        expectedSize: request.expectedSize,
        maxSize: deps.maxSize,
        validator: session.validator,
        nowMs: deps.clock.now(),
      });
      // Nothing but an accepted body is read: error pages and gzip bombs are never inflated (T9).
      if (decision.kind !== 'body') body.destroy();
      switch (decision.kind) {
        case 'redirect': {
          const next = checkRedirect(url, decision.location, deps.urlPolicy, hop, itemKey);
          if (!next.ok) return { kind: 'failed', error: next.error };
          url = next.value;
          continue;
        }
        case 'complete':
          return { kind: 'done' };
        case 'restart':
          return { kind: 'restart', reason: decision.reason };
        case 'expired':
          return { kind: 'expired', status };
        case 'fail':
          return decision.retryAfterMs === undefined
            ? { kind: 'failed', error: decision.error }
            : { kind: 'failed', error: decision.error, retryAfterMs: decision.retryAfterMs };
        case 'body': {
          if (decision.start !== session.offset) {
            // A 200 to a Range request: the full file replaces the partial, never appends to it (T8).
            const restarted = await session.restart();
            session.validator = decision.validator;
            const saved = restarted.ok ? await session.checkpoint() : restarted;
            if (!saved.ok) {
              body.destroy();
              return { kind: 'failed', error: saved.error };
            }
          }
          session.validator = decision.validator;
          return await pumpBody({
            itemKey,
            body,
            decision,
            session,
            deps,
            controller,
            signal,
            onProgress: request.onProgress,
          });
        }
      }
    }
  } finally {
    signal?.removeEventListener('abort', onCallerAbort);
  }
}
