// Strict parsing of the expected SHA-256 from DeliveryItemDto.hash, and byte comparison (M6).
// No I/O.
import { Buffer } from 'node:buffer';
import { timingSafeEqual } from 'node:crypto';
import { appError } from '../../shared/app-error.js';
import type { HashAlgorithm } from '../../shared/getapp-protocol.js';
import { fail, ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { quoted } from '../display-text.js';

export const SHA256_BYTES = 32;

export interface ExpectedHash {
  readonly algorithm: HashAlgorithm;
  /** Exactly 32 bytes. */
  readonly digest: Uint8Array;
}

// The alphabet and length are checked before any decoding because Node's Buffer decoders are lenient
// (§0.3): hex stops at the first bad character ("abz" is one byte, odd lengths are truncated) and
// base64 skips junk and accepts base64url. 32 bytes in base64 is 43 characters plus exactly one '='.
const HEX_64 = /^[0-9a-fA-F]{64}$/;
const BASE64_32_BYTES = /^[A-Za-z0-9+/]{43}=$/;

/**
 * The expected digest of an item, or undefined when the server sent no hash (the caller applies the
 * missing-hash policy, §0.1). Anything malformed is CLIENT.hashFormat: fail closed, never "no hash".
 */
export function parseExpectedHash(
  hash: { readonly algorithm: string; readonly hash: string } | null | undefined,
  itemKey: string,
): Result<ExpectedHash | undefined> {
  if (hash === undefined || hash === null) return ok(undefined);
  const { algorithm, hash: text } = hash;
  const invalid = (reason: string): Result<never> =>
    fail(
      appError({
        code: 'CLIENT.hashFormat',
        message: `Item ${quoted(itemKey)} has invalid hash metadata from the server: ${reason}.`,
        retryable: false,
        itemKey,
        detail: { algorithm: typeof algorithm === 'string' ? algorithm.slice(0, 40) : null },
      }),
    );
  if (typeof text !== 'string') return invalid('the hash is not text');

  if (algorithm === 'SHA256Hex') {
    if (!HEX_64.test(text)) return invalid('SHA256Hex must be exactly 64 hexadecimal characters');
    return ok({ algorithm, digest: new Uint8Array(Buffer.from(text, 'hex')) });
  }
  if (algorithm === 'SHA256Base64') {
    if (!BASE64_32_BYTES.test(text)) {
      return invalid('SHA256Base64 must be exactly 44 standard base64 characters ending in one "="');
    }
    const bytes = Buffer.from(text, 'base64');
    // Non-zero padding bits decode to the same bytes as the canonical form; the round trip refuses
    // them so that one digest has exactly one accepted spelling.
    if (bytes.length !== SHA256_BYTES || bytes.toString('base64') !== text) {
      return invalid('SHA256Base64 is not the canonical encoding of 32 bytes');
    }
    return ok({ algorithm, digest: new Uint8Array(bytes) });
  }
  return invalid(`the algorithm ${quoted(String(algorithm))} is not SHA256Hex or SHA256Base64`);
}

/** Constant-time comparison of two digests; different lengths are simply unequal. */
export function digestsEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}

/** Lowercase hex, the form manifests and reports show (and what `sha256sum` prints). */
export function digestHex(digest: Uint8Array): string {
  return Buffer.from(digest.buffer, digest.byteOffset, digest.byteLength).toString('hex');
}
