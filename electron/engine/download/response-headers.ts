// Parsing of the response headers a download acts on: Content-Length, Content-Range, validators
// (ETag, Last-Modified) and If-Range. Pure and strict (digits only, no lenient parsing).
import type { ResumeValidator } from './download-types.js';

export type HeaderMap = Readonly<Record<string, string | string[] | undefined>>;

export function header(headers: HeaderMap, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The validator a response carries: strong ETags only, since If-Range needs strong comparison. */
export function responseValidator(headers: HeaderMap): ResumeValidator {
  const etag = header(headers, 'etag')?.trim();
  const lastModified = header(headers, 'last-modified')?.trim();
  return {
    ...(etag !== undefined && /^"[^"]*"$/.test(etag) ? { etag } : {}),
    ...(lastModified ? { lastModified } : {}),
  };
}

/** The If-Range value for a partial, if it has a validator. */
export function ifRangeValue(validator: ResumeValidator): string | undefined {
  return validator.etag ?? validator.lastModified;
}

export function validatorChanged(before: ResumeValidator, now: ResumeValidator): boolean {
  if (before.etag !== undefined && now.etag !== undefined) return before.etag !== now.etag;
  if (before.lastModified !== undefined && now.lastModified !== undefined) {
    return before.lastModified !== now.lastModified;
  }
  return false;
}

export function parseLength(value: string | undefined): number | 'absent' | 'invalid' {
  if (value === undefined) return 'absent';
  const text = value.trim();
  if (!/^\d{1,16}$/.test(text)) return 'invalid';
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : 'invalid';
}

export interface ContentRange {
  readonly start: number;
  readonly end: number;
  readonly total: number | undefined;
}

export function parseContentRange(value: string | undefined): ContentRange | undefined {
  const m = /^bytes (\d{1,16})-(\d{1,16})\/(\d{1,16}|\*)$/.exec(value?.trim() ?? '');
  if (!m) return undefined;
  const [start, end] = [Number(m[1]), Number(m[2])];
  const total = m[3] === '*' ? undefined : Number(m[3]);
  if (end < start || (total !== undefined && end >= total)) return undefined;
  return { start, end, total };
}

// The total N of a 416 answer's "Content-Range: bytes */N"; undefined otherwise.
export function unsatisfiedTotal(value: string | undefined): number | undefined {
  const m = /^bytes \*\/(\d{1,16})$/.exec(value?.trim() ?? '');
  return m ? Number(m[1]) : undefined;
}
