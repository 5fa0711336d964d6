// The cosign `sign-blob` check (M8): ECDSA P-256 over SHA-256 of the file, DER, standard base64.
// One strictness for every path that checks a signature (download re-read, reuse, offline verify):
// the text is checked before decoding because Node's base64 decoder skips junk and accepts
// base64url (§0.3).
import { createVerify, type KeyObject, type Verify } from 'node:crypto';

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** A DER ECDSA P-256 signature is at most 72 bytes; anything far longer is not one. */
const MAX_SIGNATURE_CHARS = 256;

/** True when the text can be a signature at all: non-empty, canonical standard base64, short. */
export function isWellFormedSignature(signatureBase64: string): boolean {
  return (
    signatureBase64 !== '' &&
    signatureBase64.length <= MAX_SIGNATURE_CHARS &&
    STRICT_BASE64.test(signatureBase64) &&
    Buffer.from(signatureBase64, 'base64').toString('base64') === signatureBase64
  );
}

export interface SignatureCheck {
  /** Feed every byte of the file here, in order; absent when the text cannot verify anyway. */
  readonly sink: Verify | undefined;
  /** Call once, after the last byte: true only for a well-formed signature that verifies. */
  holds(): boolean;
}

export function startSignatureCheck(key: KeyObject, signatureBase64: string): SignatureCheck {
  if (!isWellFormedSignature(signatureBase64)) return { sink: undefined, holds: () => false };
  const sink = createVerify('sha256');
  return {
    sink,
    holds: () => {
      try {
        return sink.verify(key, Buffer.from(signatureBase64, 'base64'));
      } catch {
        // A malformed DER signature is simply not a valid one.
        return false;
      }
    },
  };
}
