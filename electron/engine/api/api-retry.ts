// Retries idempotent API calls (T1, T7): network, timeout, 5xx, 429; backoff or Retry-After, 5 attempts,
// a deadline, waits on the injected Clock. Imports ../backoff, ../clock, ../http/, ../../shared/ only.
import type { AppError } from '../../shared/app-error.js';
import type { ErrorCode } from '../../shared/error-codes.js';
import { fail } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { TRANSFER_BACKOFF, TRANSFER_MAX_ATTEMPTS, backoffDelay } from '../backoff.js';
import type { Clock } from '../clock.js';
import { cancelledError } from '../http/transport-errors.js';
import type { ApiLogger } from './api-logger.js';

/** No single API call waits longer than this in all (5 Retry-Afters of 300 s would be 25 min). */
export const CALL_DEADLINE_MS = 10 * 60_000;

const TRANSIENT: ReadonlySet<ErrorCode> = new Set(['CLIENT.network', 'CLIENT.timeout', 'CLIENT.serverError']);

export interface RetryContext {
  readonly clock: Clock;
  readonly random: () => number;
  readonly logger: ApiLogger;
  readonly signal?: AbortSignal;
  /** For logs only, e.g. "status". */
  readonly label: string;
  readonly maxAttempts?: number;
}

/**
 * Only what a second try can cure: the connection, the deadline, or the server saying so (5xx, 429).
 * A body that fails validation is the same next time; the poll loop decides about those (M4).
 */
export function isTransient(error: AppError): boolean {
  if (!error.retryable) return false;
  const status = error.httpStatus ?? 0;
  return TRANSIENT.has(error.code) || status >= 500 || status === 429;
}

function retryAfterOf(error: AppError): number | undefined {
  const value = error.detail?.retryAfterMs;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

export async function withRetries<T>(
  attempt: () => Promise<Result<T>>,
  ctx: RetryContext,
): Promise<Result<T>> {
  const { clock, signal } = ctx;
  const maxAttempts = ctx.maxAttempts ?? TRANSFER_MAX_ATTEMPTS;
  const startedAt = clock.now();
  for (let n = 1; ; n += 1) {
    const result = await attempt();
    if (result.ok || !isTransient(result.error) || n >= maxAttempts || signal?.aborted) return result;
    const delayMs = retryAfterOf(result.error) ?? backoffDelay(n - 1, TRANSFER_BACKOFF, ctx.random);
    if (clock.now() + delayMs - startedAt > CALL_DEADLINE_MS) return result;
    ctx.logger.warn('API call failed; trying again', {
      call: ctx.label,
      attempt: n,
      delayMs,
      code: result.error.code,
      ...(result.error.httpStatus !== undefined ? { httpStatus: result.error.httpStatus } : {}),
    });
    try {
      await clock.sleep(delayMs, signal);
    } catch {
      return fail(cancelledError('the server'));
    }
  }
}
