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

/**
 * The same signature as signStream, made from the bytes' SHA-256 alone: for the 2 GiB built-in image,
 * whose digest is known, so every start need not read 2 GiB to sign it. Plain ECDSA (SEC 1 §4.1.3)
 * with the nonce derived from the key and the digest, so a signature never repeats a nonce.
 */
export function signDigest(key: SigningKey, sha256: Buffer): string {
  const d = BigInt(
    `0x${Buffer.from(key.privateKey.export({ format: 'jwk' }).d!, 'base64url').toString('hex')}`,
  );
  const z = BigInt(`0x${sha256.toString('hex')}`);
  for (let counter = 0; ; counter += 1) {
    const nonce = createHash('sha256')
      .update(`${d.toString(16)}:${sha256.toString('hex')}:${counter}`)
      .digest('hex');
    const k = (BigInt(`0x${nonce}`) % (P256_ORDER - 1n)) + 1n;
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(k.toString(16).padStart(64, '0'), 'hex'));
    const r = BigInt(`0x${ecdh.getPublicKey().subarray(1, 33).toString('hex')}`) % P256_ORDER;
    const s = (inverse(k, P256_ORDER) * (z + r * d)) % P256_ORDER;
    if (r !== 0n && s !== 0n) return derSignature(r, s).toString('base64');
  }
}

function inverse(value: bigint, modulus: bigint): bigint {
  // Fermat: the group order is prime.
  let result = 1n;
  let base = value % modulus;
  for (let e = modulus - 2n; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * base) % modulus;
    base = (base * base) % modulus;
  }
  return result;
}

function derInteger(value: bigint): Buffer {
  let bytes = Buffer.from(
    value
      .toString(16)
      .padStart(2, '0')
      .replace(/^(.(.{2})*)$/, '0$1'),
    'hex',
  );
  if (bytes[0]! & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return Buffer.concat([Buffer.from([0x02, bytes.length]), bytes]);
}

function derSignature(r: bigint, s: bigint): Buffer {
  const body = Buffer.concat([derInteger(r), derInteger(s)]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}
