// The demo server's cosign-style signing key: ECDSA P-256, derived from a seed so the public key is
// the same on every start (a technician can pin it once). A signature is base64 of the DER ECDSA
// signature over SHA-256 of the bytes, which is what `cosign sign-blob --key` emits.
import {
  createECDH,
  createHash,
  createPrivateKey,
  createPublicKey,
  createSign,
  type KeyObject,
} from 'node:crypto';
import type { Readable } from 'node:stream';

export interface SigningKey {
  readonly privateKey: KeyObject;
  readonly publicKeyPem: string;
}

// Order of the P-256 group; a derived scalar must be in [1, n-1].
const P256_ORDER = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');

export function signingKeyFromSeed(seed: string): SigningKey {
  const digest = createHash('sha256').update(`courier-demo-key:${seed}`).digest('hex');
  const scalar = (BigInt(`0x${digest}`) % (P256_ORDER - 1n)) + 1n;
  const d = Buffer.from(scalar.toString(16).padStart(64, '0'), 'hex');
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  const point = ecdh.getPublicKey(); // 0x04 || x || y
  const privateKey = createPrivateKey({
    format: 'jwk',
    key: {
      kty: 'EC',
      crv: 'P-256',
      d: d.toString('base64url'),
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33, 65).toString('base64url'),
    },
  });
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return { privateKey, publicKeyPem };
}

export async function signStream(key: SigningKey, body: Readable): Promise<string> {
  const signer = createSign('sha256');
  for await (const chunk of body) signer.update(chunk as Buffer);
  return signer.sign(key.privateKey).toString('base64');
}
