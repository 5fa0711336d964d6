// Retries idempotent API calls (T1, T7): network, timeout, 5xx, 429; backoff or Retry-After, 5 attempts,
// a deadline, waits on the injected Clock.
import type { AppError } from '../../shared/app-error.js';
import type { ErrorCode } from '../../shared/error-codes.js';
import { fail } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { TRANSFER_BACKOFF, TRANSFER_MAX_ATTEMPTS, backoffDelay } from '../backoff.js';
import type { Clock } from '../clock.js';
import { cancelledError } from '../http/transport-errors.js';
import type { Log } from '../../shared/log.js';

/** No single API call waits longer than this in all (5 Retry-Afters of 300 s would be 25 min). */
export const CALL_DEADLINE_MS = 10 * 60_000;

const TRANSIENT: ReadonlySet<ErrorCode> = new Set(['CLIENT.network', 'CLIENT.timeout', 'CLIENT.serverError']);

export interface RetryContext {
  readonly clock: Clock;
  readonly random: () => number;
  readonly log: Log;
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

/** What each call is doing, for a technician reading the retry lines. */
const DOING: Readonly<Record<string, string>> = {
  prepare: 'asking the server to prepare the delivery',
  status: "asking the server for the delivery's status",
  checkHealth: 'checking that the server answers',
  component: 'looking up the release on the server',
  projects: 'loading the offering from the server',
};

/** One line saying what failed, what Courier does about it, and how many tries are left. */
export function retryMessage(
  label: string,
  error: AppError,
  delayMs: number,
  nextAttempt: number,
  maxAttempts: number,
): string {
  const doing = DOING[label] ?? `calling the server (${label})`;
  const seconds = Math.max(1, Math.round(delayMs / 1000));
  return `While ${doing}: ${error.message.replace(/\.?$/, '.')} Trying again in ${seconds} s (attempt ${nextAttempt} of ${maxAttempts}).`;
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
    ctx.log('warn', retryMessage(ctx.label, result.error, delayMs, n + 1, maxAttempts), {
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
