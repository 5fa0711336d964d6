// What the checks on one file mean (§0.1, I1, M8).
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { judge, type CheckInputs } from '../../../../electron/engine/integrity/file-verdict.js';

const bytes = Buffer.from('field-nav');
const digest = createHash('sha256').update(bytes).digest();
const other = createHash('sha256').update('other').digest();
const base: CheckInputs = {
  itemKey: '1.x@a.msi',
  artifactType: 'software',
  expectedHash: null,
  actualDigest: digest,
  signature: null,
  publicKeyConfigured: false,
  signatureValid: undefined,
  allowUnverified: false,
};

describe('verification policy', () => {
  test('I1: a hash mismatch fails with expected and actual values and names the item', () => {
    const verdict = judge({ ...base, expectedHash: { algorithm: 'SHA256Hex', digest: other } });
    expect(verdict.outcome).toBe('failed');
    expect(verdict.error).toMatchObject({
      code: 'CLIENT.hashMismatch',
      itemKey: '1.x@a.msi',
      detail: { expected: other.toString('hex'), actual: digest.toString('hex') },
    });
    expect(verdict.error!.message).toContain('1.x@a.msi');
  });

  test('a matching hash verifies', () => {
    expect(judge({ ...base, expectedHash: { algorithm: 'SHA256Base64', digest } })).toMatchObject({
      outcome: 'verified',
      hashCheck: 'verified',
      signatureCheck: 'absent',
    });
  });

  test('M8: an invalid signature fails even when the hash matches', () => {
    const verdict = judge({
      ...base,
      expectedHash: { algorithm: 'SHA256Hex', digest },
      signature: 'MEUC',
      publicKeyConfigured: true,
      signatureValid: false,
    });
    expect(verdict).toMatchObject({ outcome: 'failed', hashCheck: 'verified', signatureCheck: 'invalid' });
    expect(verdict.error?.code).toBe('CLIENT.signatureInvalid');
  });

  test('a valid signature alone verifies a release artifact (releases carry no hash)', () => {
    expect(
      judge({ ...base, signature: 'MEUC', publicKeyConfigured: true, signatureValid: true }).outcome,
    ).toBe('verified');
  });

  test('§0.1: no hash and no usable signature is refused by default, with the reason', () => {
    const noChecks = judge(base);
    expect(noChecks).toMatchObject({ outcome: 'failed', error: { code: 'CLIENT.unverified' } });
    expect(noChecks.error!.message).toMatch(/neither a hash nor a signature/);
    const noKey = judge({ ...base, signature: 'MEUC' });
    expect(noKey).toMatchObject({ signatureCheck: 'noKey', outcome: 'failed' });
    expect(noKey.error!.message).toMatch(/no public key is configured/);
  });

  test('§0.1: when allowed, it is staged as unverified, never as verified', () => {
    expect(judge({ ...base, allowUnverified: true })).toMatchObject({ outcome: 'unverified', error: null });
  });

  describe('a pinned key means signed (M8)', () => {
    const hashed = {
      ...base,
      expectedHash: { algorithm: 'SHA256Hex' as const, digest },
      publicKeyConfigured: true,
    };
    test('a software file whose signature was stripped fails whatever its hash says', () => {
      const verdict = judge(hashed);
      expect(verdict).toMatchObject({ outcome: 'failed', hashCheck: 'verified', signatureCheck: 'absent' });
      expect(verdict.error).toMatchObject({ code: 'CLIENT.signatureMissing', itemKey: '1.x@a.msi' });
    });
    test('with --allow-unverified it is staged, labelled unverified, never verified', () => {
      expect(judge({ ...hashed, allowUnverified: true })).toMatchObject({
        outcome: 'unverified',
        error: null,
      });
    });
    test('an invalid signature fails even when unverified files are allowed', () => {
      const verdict = judge({ ...hashed, signature: 'AAAA', signatureValid: false, allowUnverified: true });
      expect(verdict).toMatchObject({ outcome: 'failed', error: { code: 'CLIENT.signatureInvalid' } });
    });
    test('maps carry no publisher signature: their hash still verifies them', () => {
      expect(judge({ ...hashed, artifactType: 'map' })).toMatchObject({ outcome: 'verified' });
    });
    test('without a pinned key the hash alone verifies a software file', () => {
      expect(judge({ ...hashed, publicKeyConfigured: false })).toMatchObject({ outcome: 'verified' });
    });
  });
});
