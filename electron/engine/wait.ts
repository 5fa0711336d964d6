// Cancellable waits as values: a pause or cancel ends a wait with CLIENT.cancelled instead of an
// exception, so loops stay plain `if (!result.ok) return result` code.
import { appError } from '../shared/app-error.js';
import { fail, ok, type Result } from '../shared/result.js';
import type { Clock } from './clock.js';

export function cancelledError(subject: string) {
  return appError({ code: 'CLIENT.cancelled', message: `${subject} was stopped.`, retryable: false });
}

export async function wait(
  clock: Clock,
  ms: number,
  signal: AbortSignal | undefined,
  subject: string,
): Promise<Result<void>> {
  try {
    await clock.sleep(ms, signal);
    return ok(undefined);
  } catch {
    return fail(cancelledError(subject));
  }
}
