// Which self-check files an export writes for a manifest: a package file always keeps its name (also
// against case folding, as on FAT and NTFS), cosign.pub goes only with the recorded key, and a
// signature Courier would not accept is never made acceptable to openssl.
import { sign } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { parsePublicKey, type SigningKey } from '../../../../electron/engine/integrity/public-key.js';
import { keyOnDrive, selfCheckFiles } from '../../../../electron/engine/self-check/kit.js';
import {
  fingerprintOf,
  makeArtifact,
  makeManifest,
  newSigningPair,
} from '../../../support/staging-package.js';

const pair = newSigningPair();
const parsed = parsePublicKey(pair.publicKeyPem);
const key = (parsed.ok ? parsed.value : undefined) as SigningKey;
const signature = sign('sha256', Buffer.from('abc'), pair.privateKey).toString('base64');

const signedManifest = (files: string[], fingerprint: string | null = fingerprintOf(pair)) =>
  makeManifest(
    files.map((file, i) => makeArtifact({ itemKey: `9.tool@1.0.0@x${i}`, file, signature })),
    { publicKeyFingerprint: fingerprint },
  );
const names = (manifest: ReturnType<typeof makeManifest>, k?: SigningKey) =>
  selfCheckFiles(manifest, k).map((f) => f.name);

describe('selfCheckFiles', () => {
  test('a signed package gets the key, a DER .sig per file, and the scripts, in writing order', () => {
    const files = selfCheckFiles(signedManifest(['tool.bin']), key);
    expect(files.map((f) => f.name)).toEqual([
      'cosign.pub',
      'tool.bin.sig',
      'verify.sh',
      'verify.ps1',
      'README.txt',
    ]);
    expect(files.find((f) => f.name === 'tool.bin.sig')?.data).toEqual(Buffer.from(signature, 'base64'));
    expect(files.find((f) => f.name === 'verify.sh')?.mode).toBe(0o755);
  });

  test('a package file keeps its name, compared as a case-insensitive drive would', () => {
    const manifest = signedManifest(['tool.bin', 'Verify.SH', 'readme.txt', 'TOOL.BIN.SIG']);
    expect(names(manifest, key)).toEqual([
      'cosign.pub',
      'Verify.SH.sig',
      'readme.txt.sig',
      'TOOL.BIN.SIG.sig',
      'verify.ps1',
    ]);
  });

  test('a signature Courier would not accept (base64url, junk) becomes an empty .sig openssl rejects', () => {
    const manifest = makeManifest([
      makeArtifact({ signature: signature.replace(/\+/g, '-').replace(/\//g, '_') + '!' }),
    ]);
    expect(selfCheckFiles(manifest, undefined).find((f) => f.name === 'tool.bin.sig')?.data).toEqual(
      Buffer.alloc(0),
    );
  });

  test('an unsigned package gets the scripts only; the same manifest always gives the same bytes', () => {
    const manifest = makeManifest([makeArtifact()]);
    expect(names(manifest, key)).toEqual(['verify.sh', 'verify.ps1', 'README.txt']);
    expect(selfCheckFiles(manifest, key)).toEqual(selfCheckFiles(manifest, undefined));
  });
});

describe('keyOnDrive', () => {
  test('the key goes on the drive only when the manifest records it', () => {
    expect(keyOnDrive(signedManifest(['a.bin']), key)).toBe('written');
    expect(keyOnDrive(signedManifest(['a.bin']), undefined)).toBe('notGiven');
    expect(keyOnDrive(signedManifest(['a.bin'], 'ab'.repeat(32)), key)).toBe('otherKey');
    expect(keyOnDrive(signedManifest(['a.bin'], null), key)).toBe('otherKey');
    expect(keyOnDrive(signedManifest(['a.bin', 'Cosign.pub']), key)).toBe('nameTaken');
    expect(keyOnDrive(makeManifest([makeArtifact()]), key)).toBe('notNeeded');
    expect(names(signedManifest(['a.bin'], null), key)).not.toContain('cosign.pub');
  });
});
