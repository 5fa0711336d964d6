// The in-place body decoder of the direct body path: chunked framing removed whatever way the bytes
// are split across reads, Content-Length bodies cut at their length (T4), malformed chunk lines refused.
import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { BodyDecoder } from '../../../../electron/engine/http/body-decoder.js';

const BODY = randomBytes(5000);

function chunked(sizes: number[]): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (const size of sizes) {
    parts.push(
      Buffer.from(`${size.toString(16)}${at % 2 ? ';ext="x"' : ''}\r\n`),
      BODY.subarray(at, at + size),
    );
    parts.push(Buffer.from('\r\n'));
    at += size;
  }
  parts.push(Buffer.from('0\r\nTrailer: t\r\n\r\n'));
  return Buffer.concat(parts);
}

/** Feeds `wire` in reads of `step` bytes, each decoded in place, and joins what it gives. */
function decodeInReads(decoder: BodyDecoder, wire: Buffer, step: number): Buffer {
  const out: Buffer[] = [];
  for (let at = 0; at < wire.length; at += step) {
    const region = Buffer.from(wire.subarray(at, at + step));
    const count = decoder.decode(region, 0, region.length);
    out.push(region.subarray(0, count));
  }
  return Buffer.concat(out);
}

describe('chunked', () => {
  const wire = chunked([1, 15, 16, 255, 4096, 617]);
  test.each([1, 2, 3, 7, 64, 1000, wire.length])(
    'split into reads of %i bytes: the body, then done',
    (step) => {
      const decoder = new BodyDecoder({ kind: 'chunked' });
      expect(decodeInReads(decoder, wire, step).equals(BODY)).toBe(true);
      expect(decoder.done).toBe(true);
      expect(decoder.excess).toBe(false);
    },
  );

  test('one byte short of the end is not done', () => {
    const decoder = new BodyDecoder({ kind: 'chunked' });
    decodeInReads(decoder, wire.subarray(0, wire.length - 1), 100);
    expect(decoder.done).toBe(false);
  });

  test.each(['zz\r\n', '\r\n', '5\nhello', '5\r\nhelloXY'])('malformed framing %j is refused', (text) => {
    const decoder = new BodyDecoder({ kind: 'chunked' });
    const region = Buffer.from(text);
    expect(() => decoder.decode(region, 0, region.length)).toThrow();
  });
});

describe('Content-Length', () => {
  test('bytes past the length are not body bytes, and are noted (T4)', () => {
    const decoder = new BodyDecoder({ kind: 'length', length: 10 });
    const region = Buffer.from('0123456789EXTRA');
    expect(decoder.decode(region, 0, region.length)).toBe(10);
    expect(decoder.done).toBe(true);
    expect(decoder.excess).toBe(true);
  });
});
