// T1, T7, P1 and goal 8: retry delays are 1, 2, 4, 8, 16 s ±20 %, bounded, and a valid
// Retry-After (seconds or HTTP-date) is honoured up to 300 s; anything invalid falls back to backoff.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  POLL_BACKOFF,
  RETRY_AFTER_CAP_MS,
  TRANSFER_BACKOFF,
  backoffDelay,
  parseHttpDate,
  parseRetryAfter,
} from '../../../electron/engine/backoff.js';

const NOW = Date.UTC(2026, 6, 2, 8, 16, 0); // Thu, 02 Jul 2026 08:16:00 GMT

describe('T1 backoffDelay', () => {
  test.each([
    [0, 1000],
    [1, 2000],
    [2, 4000],
    [3, 8000],
    [4, 16_000],
  ])('attempt %i: nominal %i ms, and exactly ±20 %% at the extremes of random', (attempt, nominal) => {
    expect(backoffDelay(attempt, TRANSFER_BACKOFF, () => 0.5)).toBe(nominal);
    expect(backoffDelay(attempt, TRANSFER_BACKOFF, () => 0)).toBe(Math.round(nominal * 0.8));
    // At the cap the upper jitter is clipped: maxMs is a hard bound.
    expect(backoffDelay(attempt, TRANSFER_BACKOFF, () => 0.999999)).toBe(
      Math.min(TRANSFER_BACKOFF.maxMs, Math.round(nominal * 1.199999)),
    );
  });

  test('P1 polling backoff grows from 2 s and stops at 30 s', () => {
    expect([0, 1, 2, 3, 4, 10].map((n) => backoffDelay(n, POLL_BACKOFF, () => 0.5))).toEqual([
      2000, 4000, 8000, 16_000, 30_000, 30_000,
    ]);
  });

  test('huge, negative, fractional and NaN attempts stay finite and bounded', () => {
    expect(backoffDelay(5000, TRANSFER_BACKOFF, () => 0.5)).toBe(16_000);
    expect(backoffDelay(-3, TRANSFER_BACKOFF, () => 0.5)).toBe(1000);
    expect(backoffDelay(Number.NaN, TRANSFER_BACKOFF, () => 0.5)).toBe(1000);
    expect(backoffDelay(1.7, TRANSFER_BACKOFF, () => 0.5)).toBe(2000);
  });

  test('a misbehaving random source cannot push the delay outside [0, maxMs]', () => {
    for (const r of [Number.NaN, -5, 7, Number.POSITIVE_INFINITY]) {
      const delay = backoffDelay(4, TRANSFER_BACKOFF, () => r);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(16_000);
    }
  });

  test('property: every delay is within ±20 % of the capped nominal value and never above maxMs', () => {
    fc.assert(
      fc.property(fc.nat(40), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
        const delay = backoffDelay(attempt, TRANSFER_BACKOFF, () => r);
        const nominal = Math.min(16_000, 1000 * 2 ** attempt);
        return delay >= Math.floor(nominal * 0.8) && delay <= Math.min(16_000, Math.ceil(nominal * 1.2));
      }),
      { numRuns: 5000 },
    );
  });

  test('uses Math.random by default (delays vary)', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(3, TRANSFER_BACKOFF)));
    expect(delays.size).toBeGreaterThan(1);
  });
});

describe('T7 parseRetryAfter: delta-seconds', () => {
  test.each([
    ['0', 0],
    ['1', 1000],
    ['120', 120_000],
    ['300', 300_000],
    ['301', RETRY_AFTER_CAP_MS],
    ['1000000000', RETRY_AFTER_CAP_MS],
    ['99999999999999999999999', RETRY_AFTER_CAP_MS],
    [' 5 ', 5000],
  ])('%j -> %i ms', (header, expected) => {
    expect(parseRetryAfter(header, NOW)).toBe(expected);
  });

  test.each([
    '-1',
    '-0',
    '+5',
    '1.5',
    '1e3',
    '0x10',
    '5s',
    '5 5',
    '',
    '   ',
    'soon',
    'NaN',
    'Infinity',
    '１２',
  ])('%j is invalid (undefined: fall back to backoff)', (header) => {
    expect(parseRetryAfter(header, NOW)).toBeUndefined();
  });

  test('a missing header is undefined', () => {
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });
});

describe('T7 parseRetryAfter: HTTP-date', () => {
  test.each([
    ['IMF-fixdate 90 s ahead', 'Thu, 02 Jul 2026 08:17:30 GMT', 90_000],
    ['RFC 850 form', 'Thursday, 02-Jul-26 08:17:30 GMT', 90_000],
    ['asctime form', 'Thu Jul  2 08:17:30 2026', 90_000],
    ['now exactly', 'Thu, 02 Jul 2026 08:16:00 GMT', 0],
    ['in the past', 'Wed, 01 Jul 2026 08:16:00 GMT', 0],
    ['far in the past', 'Sun, 06 Nov 1994 08:49:37 GMT', 0],
    ['a day ahead is capped at 300 s', 'Fri, 03 Jul 2026 08:16:00 GMT', RETRY_AFTER_CAP_MS],
  ])('%s', (_label, header, expected) => {
    expect(parseRetryAfter(header, NOW)).toBe(expected);
  });

  test.each([
    ['lowercase month', 'Thu, 02 jul 2026 08:17:30 GMT'],
    ['not GMT', 'Thu, 02 Jul 2026 08:17:30 UTC'],
    ['an offset', 'Thu, 02 Jul 2026 08:17:30 +0000'],
    ['ISO 8601', '2026-07-02T08:17:30Z'],
    ['a loose date Date.parse would accept', 'Jul 2 2026 08:17:30'],
    ['February 30', 'Mon, 30 Feb 2026 08:17:30 GMT'],
    ['hour 24', 'Thu, 02 Jul 2026 24:00:00 GMT'],
    ['minute 60', 'Thu, 02 Jul 2026 08:60:00 GMT'],
    ['one-digit day in IMF-fixdate', 'Thu, 2 Jul 2026 08:17:30 GMT'],
    ['trailing garbage', 'Thu, 02 Jul 2026 08:17:30 GMT; x'],
    ['a year below 100', 'Thu, 02 Jul 0026 08:17:30 GMT'],
  ])('%s is invalid', (_label, header) => {
    expect(parseRetryAfter(header, NOW)).toBeUndefined();
  });

  test('RFC 850 two-digit years more than 50 years ahead belong to the previous century', () => {
    expect(new Date(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', NOW)!).toISOString()).toBe(
      '1994-11-06T08:49:37.000Z',
    );
    expect(new Date(parseHttpDate('Friday, 06-Nov-65 08:49:37 GMT', NOW)!).getUTCFullYear()).toBe(2065);
  });

  test('property: the result is always undefined or within [0, 300 s]', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
        ),
        (header) => {
          const ms = parseRetryAfter(header, NOW);
          return ms === undefined || (Number.isInteger(ms) && ms >= 0 && ms <= RETRY_AFTER_CAP_MS);
        },
      ),
      { numRuns: 5000 },
    );
  });

  test('property: toUTCString() dates round-trip (that is the IMF-fixdate form)', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date(Date.UTC(1970, 0, 1)),
          max: new Date(Date.UTC(9999, 0, 1)),
          noInvalidDate: true,
        }),
        (d) => {
          const whole = Math.floor(d.getTime() / 1000) * 1000;
          return parseHttpDate(new Date(whole).toUTCString(), NOW) === whole;
        },
      ),
      { numRuns: 5000 },
    );
  });
});
