// The cosign `sign-blob` check (M8): ECDSA P-256 over SHA-256, DER, base64, verified against the key
// pinned in configuration while the bytes stream. Imports node:crypto only.
import { createPublicKey, createVerify } from 'node:crypto';
import type { KeyObject, Verify } from 'node:crypto';

/** The pinned key, or undefined when it is not an ECDSA P-256 public key in PEM. */
export function parseSigningKey(publicKeyPem: string): KeyObject | undefined {
  try {
    const key = createPublicKey(publicKeyPem);
    if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return key;
  } catch {
    // An unreadable key is reported like a wrong kind of key.
  }
  return undefined;
}

export function createSignatureState(): Verify {
  return createVerify('sha256');
}

// Node's base64 decoder skips junk and accepts base64url (§0.3), so the text is checked first.
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** True only for a well-formed signature that verifies; call once, after the last byte. */
export function signatureHolds(state: Verify, key: KeyObject, signatureBase64: string): boolean {
  if (signatureBase64 === '' || !STRICT_BASE64.test(signatureBase64)) return false;
  try {
    return state.verify(key, Buffer.from(signatureBase64, 'base64'));
  } catch {
    // A malformed DER signature is simply not a valid one.
    return false;
  }
}
