// The publisher's signing key (cosign.pub): the one place a PEM becomes a key Courier checks
// signatures with, and its fingerprint. ECDSA P-256 only, as cosign `sign-blob` keys are (M8).
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { appError } from '../../shared/app-error.js';
import { fail, ok, type Result } from '../../shared/result.js';

export interface SigningKey {
  readonly key: KeyObject;
  readonly pem: string;
  /** SHA-256 of the key's SPKI DER, lowercase hex: what manifests and settings show. */
  readonly fingerprint: string;
}

export function parsePublicKey(pem: string): Result<SigningKey> {
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') {
      const fingerprint = createHash('sha256')
        .update(key.export({ type: 'spki', format: 'der' }))
        .digest('hex');
      return ok({ key, pem, fingerprint });
    }
  } catch {
    // An unreadable key is reported like a key of the wrong kind.
  }
  return fail(
    appError({
      code: 'CLIENT.badKey',
      message:
        'The signing public key is not an ECDSA P-256 public key in PEM form (the server’s cosign.pub). Check the key file you gave.',
      retryable: false,
    }),
  );
}
