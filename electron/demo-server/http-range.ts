// Parses a single-range `Range` header against an object size, the way S3 answers it (RFC 9110
// §14). Pure functions, so the storage server and unit tests share one truth.

/** What to serve for a Range header: the whole object, one range, or 416. */
export type RangeDecision =
  | { readonly kind: 'whole' }
  | { readonly kind: 'partial'; readonly start: number; readonly end: number }
  | { readonly kind: 'unsatisfiable' };

const WHOLE: RangeDecision = { kind: 'whole' };
const UNSATISFIABLE: RangeDecision = { kind: 'unsatisfiable' };

// One byte-range-spec only: S3 ignores multi-range requests (and invalid syntax) and sends 200.
const SINGLE_RANGE = /^bytes[ \t]*=[ \t]*(\d*)[ \t]*-[ \t]*(\d*)[ \t]*$/i;

/**
 * `header` is the raw Range value (undefined when absent). Offsets are inclusive. Numbers too large
 * to be exact are still ordered correctly against any real size, so they need no special case.
 */
export function decideRange(header: string | undefined, size: number): RangeDecision {
  if (header === undefined) return WHOLE;
  const match = SINGLE_RANGE.exec(header);
  if (!match) return WHOLE;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return WHOLE;

  if (first === '') {
    // Suffix range: the last n bytes. "-0" asks for nothing, which no object can satisfy.
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return UNSATISFIABLE;
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }

  const start = Number(first);
  const end = last === '' ? Infinity : Number(last);
  // "5-3" is not a range at all (RFC 9110: ignore the header), unlike "5-" past the end.
  if (end < start) return WHOLE;
  if (start >= size) return UNSATISFIABLE;
  return { kind: 'partial', start, end: Math.min(end, size - 1) };
}
