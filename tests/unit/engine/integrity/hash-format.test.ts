// M6: the expected-hash parser must fail closed on every malformed value, including the inputs that
// Node's lenient Buffer decoders would silently accept (§0.3).
import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  digestHex,
  digestsEqual,
  parseExpectedHash,
} from '../../../../electron/engine/integrity/hash-format.js';

const VECTOR_HEX = 'f0fbb4f26c9bb1d373e23e99687b2e830abfef5ffefcf1f5e135171a7d6f28b0';
const VECTOR_B64 = '8Pu08mybsdNz4j6ZaHsugwq/71/+/PH14TUXGn1vKLA=';
const ITEM = 'gpkg';

function expectHashFormat(algorithm: string, hash: string, itemKey = ITEM): void {
  const result = parseExpectedHash({ algorithm, hash }, itemKey);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe('CLIENT.hashFormat');
  expect(result.error.itemKey).toBe(itemKey);
  expect(result.error.message).toContain(JSON.stringify(itemKey));
  expect(result.error.retryable).toBe(false);
}

describe('M6 parseExpectedHash: the protocol §3.4 test vector', () => {
  test('SHA256Hex lowercase decodes to the 32 digest bytes', () => {
    const result = parseExpectedHash({ algorithm: 'SHA256Hex', hash: VECTOR_HEX }, ITEM);
    expect(result.ok && result.value && digestHex(result.value.digest)).toBe(VECTOR_HEX);
    expect(result.ok && result.value?.algorithm).toBe('SHA256Hex');
  });

  test('SHA256Hex uppercase is accepted and equals the lowercase digest', () => {
    const result = parseExpectedHash({ algorithm: 'SHA256Hex', hash: VECTOR_HEX.toUpperCase() }, ITEM);
    expect(result.ok && result.value && digestHex(result.value.digest)).toBe(VECTOR_HEX);
  });

  test('SHA256Base64 of the same digest decodes to the same bytes', () => {
    const hex = parseExpectedHash({ algorithm: 'SHA256Hex', hash: VECTOR_HEX }, ITEM);
    const b64 = parseExpectedHash({ algorithm: 'SHA256Base64', hash: VECTOR_B64 }, ITEM);
    expect(b64.ok && b64.value?.algorithm).toBe('SHA256Base64');
    if (!hex.ok || !b64.ok || !hex.value || !b64.value) throw new Error('vector rejected');
    expect(b64.value.digest).toHaveLength(32);
    expect(digestsEqual(hex.value.digest, b64.value.digest)).toBe(true);
  });

  test('the deliberately wrong sidecar hash (first nibble e) does not compare equal', () => {
    const good = parseExpectedHash({ algorithm: 'SHA256Hex', hash: VECTOR_HEX }, ITEM);
    const wrong = parseExpectedHash({ algorithm: 'SHA256Hex', hash: `e${VECTOR_HEX.slice(1)}` }, ITEM);
    if (!good.ok || !wrong.ok || !good.value || !wrong.value) throw new Error('rejected');
    expect(digestsEqual(good.value.digest, wrong.value.digest)).toBe(false);
  });

  test('no hash at all is not an error here: the caller applies the §0.1 policy', () => {
    expect(parseExpectedHash(undefined, ITEM)).toEqual({ ok: true, value: undefined });
    expect(parseExpectedHash(null, ITEM)).toEqual({ ok: true, value: undefined });
  });
});

describe('M6 parseExpectedHash rejects malformed metadata with CLIENT.hashFormat', () => {
  const validB64Body = VECTOR_B64.slice(0, 43);
  const cases: [string, string, string][] = [
    // Lenient-Buffer regression seeds (§0.3): Buffer.from would return *some* bytes for each.
    ['hex "abz" (Buffer decodes one byte)', 'SHA256Hex', 'abz'],
    ['hex with a bad char at the end', 'SHA256Hex', `${VECTOR_HEX.slice(0, 63)}z`],
    ['hex with a bad char in the middle', 'SHA256Hex', `${VECTOR_HEX.slice(0, 30)}g${VECTOR_HEX.slice(31)}`],
    ['hex of odd length 63', 'SHA256Hex', VECTOR_HEX.slice(0, 63)],
    ['hex of odd length 65', 'SHA256Hex', `${VECTOR_HEX}0`],
    ['hex of 66 chars', 'SHA256Hex', `${VECTOR_HEX}00`],
    ['hex of 62 chars', 'SHA256Hex', VECTOR_HEX.slice(0, 62)],
    ['hex with a 0x prefix', 'SHA256Hex', `0x${VECTOR_HEX.slice(2)}`],
    ['hex with a leading space', 'SHA256Hex', ` ${VECTOR_HEX}`],
    ['hex with a trailing newline', 'SHA256Hex', `${VECTOR_HEX}\n`],
    ['hex with an embedded space', 'SHA256Hex', `${VECTOR_HEX.slice(0, 32)} ${VECTOR_HEX.slice(32)}`],
    ['hex with a NUL', 'SHA256Hex', `${VECTOR_HEX.slice(0, 63)}\0`],
    ['hex empty', 'SHA256Hex', ''],
    ['hex with fullwidth digits', 'SHA256Hex', `${VECTOR_HEX.slice(0, 63)}\uff10`],
    [
      'base64 with junk (Buffer skips it)',
      'SHA256Base64',
      `${validB64Body.slice(0, 20)}!${validB64Body.slice(21)}=`,
    ],
    [
      'base64 with an inserted junk char (45 chars)',
      'SHA256Base64',
      `8Pu08my*bsdNz4j6ZaHsugwq/71/+/PH14TUXGn1vKLA=`,
    ],
    ['base64url alphabet', 'SHA256Base64', VECTOR_B64.replace(/\+/g, '-').replace(/\//g, '_')],
    ['base64 unpadded', 'SHA256Base64', validB64Body],
    ['base64 with two pads', 'SHA256Base64', `${validB64Body.slice(0, 42)}==`],
    ['base64 with a trailing newline', 'SHA256Base64', `${VECTOR_B64}\n`],
    ['base64 with a leading space', 'SHA256Base64', ` ${VECTOR_B64}`],
    ['base64 with whitespace inside', 'SHA256Base64', `${VECTOR_B64.slice(0, 10)} ${VECTOR_B64.slice(10)}`],
    ['base64 non-canonical padding bits (same bytes)', 'SHA256Base64', `${VECTOR_B64.slice(0, 42)}B=`],
    [
      'base64 of 31 bytes',
      'SHA256Base64',
      createHash('sha256').update('x').digest().subarray(1).toString('base64'),
    ],
    [
      'base64 of 33 bytes',
      'SHA256Base64',
      Buffer.concat([Buffer.alloc(1), Buffer.alloc(32)]).toString('base64'),
    ],
    ['base64 of SHA-512', 'SHA256Base64', createHash('sha512').update('x').digest('base64')],
    ['hex sent as SHA256Base64', 'SHA256Base64', VECTOR_HEX],
    ['base64 sent as SHA256Hex', 'SHA256Hex', VECTOR_B64],
    ['base64 empty', 'SHA256Base64', ''],
    ['algorithm MD5', 'MD5', '9e107d9d372bb6826bd81d3542a419d6'],
    ['algorithm lowercase sha256hex', 'sha256hex', VECTOR_HEX],
    ['algorithm SHA256', 'SHA256', VECTOR_HEX],
    ['algorithm sha-256', 'sha-256', VECTOR_HEX],
    ['algorithm with trailing space', 'SHA256Hex ', VECTOR_HEX],
    ['algorithm SHA512Hex', 'SHA512Hex', createHash('sha512').update('x').digest('hex')],
    ['algorithm empty', '', VECTOR_HEX],
  ];

  test.each(cases)('%s', (_label, algorithm, hash) => {
    expectHashFormat(algorithm, hash);
  });

  test('a non-string hash value (wrong wire type) fails closed', () => {
    const result = parseExpectedHash({ algorithm: 'SHA256Hex', hash: 42 as unknown as string }, ITEM);
    expect(result.ok ? 'accepted' : result.error.code).toBe('CLIENT.hashFormat');
  });

  test('the message names the item, escaped, for a hostile itemKey', () => {
    expectHashFormat('MD5', VECTOR_HEX, '42.x@1.0@evil\u001b[31m.bin');
    const result = parseExpectedHash({ algorithm: 'MD5', hash: '' }, 'a\u001bb');
    expect(result.ok ? '' : result.error.message).not.toContain('\u001b');
  });
});

describe('M6 properties', () => {
  test('every 32-byte digest round-trips through both encodings to the same bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.boolean(), (bytes, upper) => {
        const buf = Buffer.from(bytes);
        const hex = upper ? buf.toString('hex').toUpperCase() : buf.toString('hex');
        const a = parseExpectedHash({ algorithm: 'SHA256Hex', hash: hex }, ITEM);
        const b = parseExpectedHash({ algorithm: 'SHA256Base64', hash: buf.toString('base64') }, ITEM);
        if (!a.ok || !b.ok || !a.value || !b.value) return false;
        return Buffer.from(a.value.digest).equals(buf) && Buffer.from(b.value.digest).equals(buf);
      }),
      { numRuns: 2000 },
    );
  });

  test('whatever is accepted decodes to exactly 32 bytes that re-encode to the input (no lenient decode)', () => {
    const hexish = fc.string({
      unit: fc.constantFrom(...'0123456789abcdefABCDEFgz ='),
      minLength: 60,
      maxLength: 68,
    });
    const b64ish = fc.string({
      unit: fc.constantFrom(...'ABCDEFabcdef0123456789+/=-_ !'),
      minLength: 40,
      maxLength: 48,
    });
    fc.assert(
      fc.property(
        fc.oneof(hexish, b64ish),
        fc.constantFrom('SHA256Hex', 'SHA256Base64'),
        (hash, algorithm) => {
          const result = parseExpectedHash({ algorithm, hash }, ITEM);
          if (!result.ok) return result.error.code === 'CLIENT.hashFormat' && result.error.itemKey === ITEM;
          const digest = Buffer.from(result.value!.digest);
          const reencoded = algorithm === 'SHA256Hex' ? digest.toString('hex') : digest.toString('base64');
          return (
            digest.length === 32 && reencoded === (algorithm === 'SHA256Hex' ? hash.toLowerCase() : hash)
          );
        },
      ),
      { numRuns: 20_000 },
    );
  });

  test('arbitrary strings never yield a digest of the wrong length', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.string({ maxLength: 16 }), (hash, algorithm) => {
        const result = parseExpectedHash({ algorithm, hash }, ITEM);
        return !result.ok || result.value?.digest.length === 32;
      }),
      { numRuns: 5000 },
    );
  });
});

describe('digestsEqual', () => {
  test('equal bytes are equal; one flipped bit anywhere is not (I1)', () => {
    const a = randomBytes(32);
    expect(digestsEqual(a, Buffer.from(a))).toBe(true);
    for (const index of [0, 15, 31]) {
      const b = Buffer.from(a);
      b[index]! ^= 1;
      expect(digestsEqual(a, b)).toBe(false);
    }
  });

  test('different lengths are unequal instead of throwing', () => {
    expect(digestsEqual(new Uint8Array(32), new Uint8Array(31))).toBe(false);
    expect(digestsEqual(new Uint8Array(32), new Uint8Array(33))).toBe(false);
  });
});
