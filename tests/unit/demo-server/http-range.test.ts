// The demo server's Range parser and conditional-request rules as pure functions: a table of the
// edge cases plus properties over arbitrary headers and sizes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPreconditions, ifRangeHolds } from '../../../electron/demo-server/http-conditions.js';
import { decideRange } from '../../../electron/demo-server/http-range.js';

describe('decideRange', () => {
  it.each([
    [undefined, 10, { kind: 'whole' }],
    ['bytes=2-5', 10, { kind: 'partial', start: 2, end: 5 }],
    ['BYTES=2-5', 10, { kind: 'partial', start: 2, end: 5 }],
    ['bytes=8-', 10, { kind: 'partial', start: 8, end: 9 }],
    ['bytes=-3', 10, { kind: 'partial', start: 7, end: 9 }],
    ['bytes=-30', 10, { kind: 'partial', start: 0, end: 9 }],
    ['bytes=5-50', 10, { kind: 'partial', start: 5, end: 9 }],
    ['bytes=10-', 10, { kind: 'unsatisfiable' }],
    ['bytes=-0', 10, { kind: 'unsatisfiable' }],
    ['bytes=0-', 0, { kind: 'unsatisfiable' }],
    ['bytes=-5', 0, { kind: 'unsatisfiable' }],
    ['bytes=5-2', 10, { kind: 'whole' }],
    ['bytes=0-1,3-4', 10, { kind: 'whole' }],
    ['bytes=x-1', 10, { kind: 'whole' }],
    ['bytes=-', 10, { kind: 'whole' }],
    ['pages=1-2', 10, { kind: 'whole' }],
  ] as const)('%s of %i bytes', (header, size, decision) => {
    expect(decideRange(header, size)).toEqual(decision);
  });

  it('a partial answer always lies inside the object and inside the asked range', () => {
    fc.assert(
      fc.property(fc.nat(1e6), fc.nat(2e6), fc.option(fc.nat(2e6), { nil: undefined }), (size, a, b) => {
        const decision = decideRange(`bytes=${a}-${b ?? ''}`, size);
        if (decision.kind !== 'partial') return;
        expect(decision.start).toBe(a);
        expect(decision.end).toBeLessThanOrEqual(Math.min(b ?? Infinity, size - 1));
        expect(decision.start).toBeLessThanOrEqual(decision.end);
      }),
    );
  });

  it('never throws, whatever the header', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(), (header, size) => {
        expect(['whole', 'partial', 'unsatisfiable']).toContain(decideRange(header, size).kind);
      }),
    );
  });
});

describe('conditions', () => {
  const object = { etag: '"abc"', lastModified: new Date('2026-06-21T09:12:00.500Z') };
  const date = 'Sun, 21 Jun 2026 09:12:00 GMT';

  it.each([
    [{}, 'proceed'],
    [{ 'if-match': '"x", "abc"' }, 'proceed'],
    [{ 'if-match': '"x,y"' }, 'failed'],
    [{ 'if-match': '"x", "abc"', 'if-unmodified-since': 'Sat, 20 Jun 2026 00:00:00 GMT' }, 'proceed'],
    [{ 'if-unmodified-since': date }, 'proceed'],
    [{ 'if-unmodified-since': 'garbage' }, 'proceed'],
    [{ 'if-none-match': 'W/"abc"' }, 'not-modified'],
    [{ 'if-none-match': '"abcd"', 'if-modified-since': date }, 'proceed'],
    [{ 'if-modified-since': date }, 'not-modified'],
  ] as const)('%o → %s', (headers, outcome) => {
    expect(checkPreconditions(headers, object)).toBe(outcome);
  });

  it('If-Range compares ETags strongly and dates to the second', () => {
    expect(ifRangeHolds(undefined, object)).toBe(true);
    expect(ifRangeHolds('"abc"', object)).toBe(true);
    expect(ifRangeHolds(' "abc" ', object)).toBe(true);
    expect(ifRangeHolds('W/"abc"', object)).toBe(false);
    expect(ifRangeHolds(date, object)).toBe(true);
    expect(ifRangeHolds('Sun, 21 Jun 2026 09:12:01 GMT', object)).toBe(false);
    expect(ifRangeHolds('abc', object)).toBe(false);
  });
});
