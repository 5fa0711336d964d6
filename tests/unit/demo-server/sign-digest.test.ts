// The demo server signs its 2 GiB image from the image's known SHA-256 (signDigest), not by reading
// it: those signatures must verify exactly like the ones made over the bytes (cosign sign-blob).
import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { signDigest, signingKeyFromSeed } from '../../../electron/demo-server/signing.js';

describe('signing from a digest', () => {
  const key = signingKeyFromSeed('courier-demo');
  const publicKey = createPublicKey(key.publicKeyPem);

  test('verifies over the bytes the digest came from, for many inputs; never over other bytes', () => {
    for (let i = 0; i < 64; i += 1) {
      const data = randomBytes(1 + ((i * 977) % 4096));
      const signature = Buffer.from(signDigest(key, createHash('sha256').update(data).digest()), 'base64');
      expect(verify('sha256', data, publicKey, signature)).toBe(true);
      expect(verify('sha256', Buffer.concat([data, Buffer.from([0])]), publicKey, signature)).toBe(false);
    }
  });

  test('a different key does not verify it', () => {
    const data = Buffer.from('large image');
    const signature = Buffer.from(signDigest(key, createHash('sha256').update(data).digest()), 'base64');
    const other = createPublicKey(signingKeyFromSeed('another').publicKeyPem);
    expect(verify('sha256', data, other, signature)).toBe(false);
  });
});
