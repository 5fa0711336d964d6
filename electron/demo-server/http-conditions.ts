// Conditional requests against an object's validators (If-Match, If-Unmodified-Since, If-None-Match,
// If-Modified-Since, If-Range) in RFC 9110 §13.2.2 order. Pure functions.

export interface Validators {
  /** Quoted, possibly weak (W/"..."). */
  readonly etag: string;
  readonly lastModified: Date;
}

export type Precondition = 'proceed' | 'not-modified' | 'failed';

type HeaderValue = string | string[] | undefined;

function text(value: HeaderValue): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

// An entity-tag may itself contain commas, so a list is tokenised by tags, not split on commas.
const ENTITY_TAGS = /\*|(?:W\/)?"[^"]*"/g;

function matchesAny(list: string, etag: string, equal: (a: string, b: string) => boolean): boolean {
  return [...list.matchAll(ENTITY_TAGS)].some(([tag]) => tag === '*' || equal(tag, etag));
}

const isWeak = (tag: string) => tag.startsWith('W/');
/** Strong comparison: both strong and identical (what If-Match and If-Range require). */
const strongEqual = (a: string, b: string) => !isWeak(a) && !isWeak(b) && a === b;
/** Weak comparison: identical once the W/ prefix is dropped (what If-None-Match uses). */
const weakEqual = (a: string, b: string) => a.replace(/^W\//, '') === b.replace(/^W\//, '');

/** HTTP dates have one-second resolution; compare in whole seconds. */
const seconds = (ms: number) => Math.floor(ms / 1000);

function httpDateSeconds(value: string): number | undefined {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : seconds(ms);
}

/** What a GET or HEAD gets once the preconditions are evaluated (412, 304, or go on). */
export function checkPreconditions(
  headers: Readonly<Record<string, HeaderValue>>,
  object: Validators,
): Precondition {
  const modified = seconds(object.lastModified.getTime());
  const ifMatch = text(headers['if-match']);
  if (ifMatch !== undefined) {
    if (!matchesAny(ifMatch, object.etag, strongEqual)) return 'failed';
  } else {
    // If-Unmodified-Since counts only without If-Match; an unparsable date is ignored.
    const since = httpDateSeconds(text(headers['if-unmodified-since']) ?? '');
    if (since !== undefined && modified > since) return 'failed';
  }
  const ifNoneMatch = text(headers['if-none-match']);
  if (ifNoneMatch !== undefined) {
    if (matchesAny(ifNoneMatch, object.etag, weakEqual)) return 'not-modified';
  } else {
    const since = httpDateSeconds(text(headers['if-modified-since']) ?? '');
    if (since !== undefined && modified <= since) return 'not-modified';
  }
  return 'proceed';
}

/**
 * Whether a Range may be honoured under If-Range: an ETag must match strongly, a date must equal
 * Last-Modified exactly. Anything else means "the object changed: send all of it" (200).
 */
export function ifRangeHolds(value: HeaderValue, object: Validators): boolean {
  const condition = text(value)?.trim();
  if (condition === undefined) return true;
  if (condition.startsWith('"') || condition.startsWith('W/"')) return strongEqual(condition, object.etag);
  const date = httpDateSeconds(condition);
  return date !== undefined && date === seconds(object.lastModified.getTime());
}
