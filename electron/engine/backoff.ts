// Retry timing: exponential backoff with jitter and Retry-After parsing (T1, T7, P1).
// Pure arithmetic: no timers, no clock reads (now and random are passed in), no imports.

export interface BackoffOptions {
  readonly baseMs: number;
  /** A hard upper bound on any single delay, jitter included. */
  readonly maxMs: number;
  /** Relative spread, 0.2 for ±20 %. */
  readonly jitter: number;
}

/** Downloads and connection failures: 1, 2, 4, 8, 16 s ±20 % (T1), at most 5 attempts per item. */
export const TRANSFER_BACKOFF: BackoffOptions = { baseMs: 1000, maxMs: 16_000, jitter: 0.2 };
export const TRANSFER_MAX_ATTEMPTS = 5;
/** Polling a preparing delivery: from 2 s up to 30 s (P1). */
export const POLL_BACKOFF: BackoffOptions = { baseMs: 2000, maxMs: 30_000, jitter: 0.2 };
/** The longest Retry-After honoured (T7); a server asking for 10⁹ s gets 300 s. */
export const RETRY_AFTER_CAP_MS = 300_000;

/**
 * The delay before retry number `attempt` (0 for the first retry): base·2^attempt, capped at maxMs,
 * spread by ±jitter with `random` in [0, 1). The result is clamped to [0, maxMs] after jitter so the
 * cap stays a real bound for deadline arithmetic; capped delays still spread over [0.8·max, max].
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const n = Number.isFinite(attempt) && attempt > 0 ? Math.floor(attempt) : 0;
  // 2^n overflows to Infinity past n = 1023, which Math.min then turns into maxMs.
  const nominal = Math.min(options.maxMs, options.baseMs * 2 ** n);
  const r = random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0.5;
  const jittered = nominal * (1 + options.jitter * (2 * unit - 1));
  return Math.round(Math.min(options.maxMs, Math.max(0, jittered)));
}

const DAYS = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const LONG_DAYS = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = `(${MONTHS.join('|')})`;
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
// The three HTTP-date forms a recipient must accept (RFC 9110 §5.6.7). Date.parse is not used: it
// accepts "1", "2026" and many other strings that are not dates at all.
const IMF_FIXDATE = new RegExp(`^${DAYS}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
const RFC850 = new RegExp(`^${LONG_DAYS}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
const ASCTIME = new RegExp(`^${DAYS} ${MONTH} ( \\d|\\d{2}) ${TIME} (\\d{4})$`);

/**
 * Milliseconds to wait from a Retry-After header (T7): delta-seconds or an HTTP-date, capped at 300 s;
 * a date in the past is 0. Anything else (negative, fractional, garbage, empty) is undefined, so
 * the caller falls back to backoff.
 */
export function parseRetryAfter(header: string | null | undefined, nowMs: number): number | undefined {
  if (header === null || header === undefined) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Math.min(Number(value) * 1000, RETRY_AFTER_CAP_MS);
  const at = parseHttpDate(value, nowMs);
  if (at === undefined) return undefined;
  return Math.min(Math.max(0, at - nowMs), RETRY_AFTER_CAP_MS);
}

/** An HTTP-date as epoch milliseconds, or undefined when it is not one (or names no real day). */
export function parseHttpDate(value: string, nowMs: number): number | undefined {
  let day: string | undefined, month: string | undefined, year: number, time: (string | undefined)[];
  let m = IMF_FIXDATE.exec(value);
  if (m) {
    [day, month] = [m[1], m[2]];
    year = Number(m[3]);
    time = m.slice(4, 7);
  } else if ((m = RFC850.exec(value))) {
    [day, month] = [m[1], m[2]];
    // RFC 9110: a two-digit year more than 50 years ahead belongs to the previous century.
    const nowYear = new Date(nowMs).getUTCFullYear();
    year = 2000 + Number(m[3]);
    if (year > nowYear + 50) year -= 100;
    time = m.slice(4, 7);
  } else if ((m = ASCTIME.exec(value))) {
    [month, day] = [m[1], m[2]?.trim()];
    year = Number(m[6]);
    time = m.slice(3, 6);
  } else {
    return undefined;
  }
  const monthIndex = MONTHS.indexOf(month ?? '');
  const [h, min, s] = time.map(Number) as [number, number, number];
  const d = Number(day);
  const ms = Date.UTC(year, monthIndex, d, h, min, s);
  const check = new Date(ms);
  // Date.UTC rolls Feb 30 into March and 24:00 into the next day; a real date survives the round trip.
  if (
    !Number.isFinite(ms) ||
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== monthIndex ||
    check.getUTCDate() !== d ||
    check.getUTCHours() !== h ||
    check.getUTCMinutes() !== min ||
    check.getUTCSeconds() !== s
  ) {
    return undefined;
  }
  return ms;
}
