// The retry loop with a fake clock (T1, T7): what is retried, how long it waits, when it stops.
import { describe, expect, test } from 'vitest';
import { withRetries } from '../../../../electron/engine/api/api-retry.js';
import { silentLog } from '../../../../electron/shared/log.js';
import { ManualClock } from '../../../../electron/engine/clock.js';
import { driveClock } from '../../../support/api-test-helpers.js';
import { appError } from '../../../../electron/shared/app-error.js';
import type { AppError } from '../../../../electron/shared/app-error.js';
import { fail, ok } from '../../../../electron/shared/result.js';
import type { Result } from '../../../../electron/shared/result.js';

const network = appError({ code: 'CLIENT.network', message: 'reset', retryable: true });

/** An attempt function answering from a script; records the clock time of every call. */
function scripted(answers: Result<string>[], clock: ManualClock) {
  const calls: number[] = [];
  const start = clock.now();
  return {
    calls,
    attempt: async () => {
      calls.push(clock.now() - start);
      return answers[Math.min(calls.length - 1, answers.length - 1)]!;
    },
  };
}

async function run(answers: Result<string>[], options: { signal?: AbortSignal; random?: () => number } = {}) {
  const clock = new ManualClock();
  const script = scripted(answers, clock);
  const pending = withRetries(script.attempt, {
    clock,
    random: options.random ?? (() => 0.5),
    log: silentLog,
    label: 'test',
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { result: await driveClock(clock, pending, 100), calls: script.calls };
}

describe('withRetries', () => {
  test('T1: network errors back off 1, 2, 4, 8 s and stop after 5 attempts', async () => {
    const { result, calls } = await run([fail(network)]);
    expect(result.ok ? 'ok' : result.error.code).toBe('CLIENT.network');
    expect(calls).toEqual([0, 1000, 3000, 7000, 15000]);
  });

  test('jitter stays within ±20 %', async () => {
    const low = await run([fail(network), ok('x')], { random: () => 0 });
    const high = await run([fail(network), ok('x')], { random: () => 0.999999 });
    expect(low.calls[1]).toBe(800);
    expect(high.calls[1]).toBe(1200);
  });

  test('T7: a Retry-After from the server replaces the backoff', async () => {
    const busy = appError({
      code: 'CLIENT.serverError',
      message: 'busy',
      retryable: true,
      httpStatus: 503,
      detail: { retryAfterMs: 5000 },
    });
    const { result, calls } = await run([fail(busy), ok('fine')]);
    expect(result.ok && result.value).toBe('fine');
    expect(calls).toEqual([0, 5000]);
  });

  test.each<[string, AppError]>([
    ['404', appError({ code: 'CLIENT.badResponse', message: 'x', retryable: false, httpStatus: 404 })],
    ['auth', appError({ code: 'CLIENT.auth', message: 'x', retryable: false, httpStatus: 401 })],
    [
      'TLS',
      appError({
        code: 'CLIENT.network',
        message: 'x',
        retryable: false,
        detail: { tls: 'CERT_HAS_EXPIRED' },
      }),
    ],
    ['bad body', appError({ code: 'CLIENT.badResponse', message: 'x', retryable: true })],
  ])('%s is returned at once', async (_name, error) => {
    const { result, calls } = await run([fail(error)]);
    expect(result.ok ? 'ok' : result.error).toBe(error);
    expect(calls).toHaveLength(1);
  });

  test('a 429 and a 5xx carrying a server code are retried', async () => {
    const throttled = appError({
      code: 'CLIENT.serverError',
      message: 'x',
      retryable: true,
      httpStatus: 429,
    });
    const server = appError({ code: 'DELIVERY.unknown', message: 'x', retryable: true, httpStatus: 502 });
    expect((await run([fail(throttled), ok('a')])).calls).toHaveLength(2);
    expect((await run([fail(server), ok('b')])).calls).toHaveLength(2);
  });

  test('a cancel during the wait ends it with CLIENT.cancelled', async () => {
    const clock = new ManualClock();
    const controller = new AbortController();
    const pending = withRetries(async () => fail(network), {
      clock,
      random: () => 0.5,
      log: silentLog,
      label: 'test',
      signal: controller.signal,
    });
    await clock.advance(500);
    controller.abort();
    const result = await pending;
    expect(result.ok ? 'ok' : result.error.code).toBe('CLIENT.cancelled');
  });

  test('each retry says what it was doing, what failed, when it tries again and how many tries are left', async () => {
    const clock = new ManualClock();
    const said: string[] = [];
    const refused = appError({
      code: 'CLIENT.network',
      message: 'Could not reach http://127.0.0.1:1: the connection was refused.',
      retryable: true,
    });
    const pending = withRetries(async () => fail(refused), {
      clock,
      random: () => 0.5,
      log: (level, message) => said.push(`${level}: ${message}`),
      label: 'prepare',
    });
    await driveClock(clock, pending, 100);
    const doing =
      'warn: While asking the server to prepare the delivery: Could not reach http://127.0.0.1:1: the connection was refused.';
    expect(said).toEqual([
      `${doing} Trying again in 1 s (attempt 2 of 5).`,
      `${doing} Trying again in 2 s (attempt 3 of 5).`,
      `${doing} Trying again in 4 s (attempt 4 of 5).`,
      `${doing} Trying again in 8 s (attempt 5 of 5).`,
    ]);
  });
});
