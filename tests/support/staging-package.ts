// Builds manifests and real package folders (files, signatures, manifest.json, SHA256SUMS) for the
// staging tests, with a P-256 key generated at test time (nothing committed). Test support only.
import { createHash, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONTROL_DIR, MANIFEST_FORMAT } from '../../electron/shared/manifest.js';
import type { Manifest, ManifestArtifact } from '../../electron/shared/manifest.js';
import { nodeFs } from '../../electron/engine/staging/fs-adapter.js';
import { writePackageFiles } from '../../electron/engine/staging/manifest-io.js';

export function makeArtifact(overrides: Partial<ManifestArtifact> = {}): ManifestArtifact {
  return {
    itemKey: '9.tool@1.0.0@tool.bin',
    artifactType: 'software',
    file: 'tool.bin',
    size: 3,
    sha256: createHash('sha256').update('abc').digest('hex'),
    expectedHash: null,
    hashCheck: 'verified',
    signature: null,
    signatureCheck: 'absent',
    outcome: 'verified',
    isExecutable: false,
    arguments: null,
    metaData: null,
    stagedAt: '2026-07-02T08:00:05.000Z',
    ...overrides,
  };
}

export function makeManifest(artifacts: ManifestArtifact[], overrides: Partial<Manifest> = {}): Manifest {
  return {
    format: MANIFEST_FORMAT,
    catalogId: '9.tool@1.0.0',
    itemType: 'software',
    server: 'https://getapp.example:8443',
    deviceId: 'laptop-7',
    tool: { name: 'courier', version: '0.1.0' },
    startedAt: '2026-07-02T08:00:00.000Z',
    stagedAt: '2026-07-02T08:00:09.000Z',
    publicKeyFingerprint: null,
    verified: artifacts.every((a) => a.outcome === 'verified' || a.outcome === 'notDownloadable'),
    artifacts,
    ...overrides,
  };
}

export interface SigningPair {
  readonly privateKey: KeyObject;
  readonly publicKeyPem: string;
}

/** SHA-256 of the key's SPKI DER, hex: what a manifest records as publicKeyFingerprint. */
export function fingerprintOf(key: SigningPair): string {
  const der = createPublicKey(key.publicKeyPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex');
}

export function newSigningPair(): SigningPair {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

/**
 * Writes `files` into `dir` as a staged package: every file verified (hash as SHA256Hex, signed when
 * a key is given), then SHA256SUMS, report.html and manifest.json through the real writers.
 */
export async function buildPackage(
  dir: string,
  files: Record<string, Buffer>,
  key?: SigningPair,
): Promise<Manifest> {
  await mkdir(join(dir, CONTROL_DIR), { recursive: true });
  const artifacts = await Promise.all(
    Object.entries(files).map(async ([file, bytes]) => {
      await writeFile(join(dir, file), bytes);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      return makeArtifact({
        itemKey: `9.tool@1.0.0@${file}`,
        file,
        size: bytes.length,
        sha256,
        expectedHash: { algorithm: 'SHA256Hex', value: sha256 },
        signature: key ? sign('sha256', bytes, key.privateKey).toString('base64') : null,
        signatureCheck: key ? 'verified' : 'noKey',
      });
    }),
  );
  // As staging records it: the fingerprint of the key the signatures were checked with.
  const manifest = makeManifest(artifacts, key ? { publicKeyFingerprint: fingerprintOf(key) } : {});
  const written = await writePackageFiles(
    { path: dir, controlDir: join(dir, CONTROL_DIR), fs: nodeFs },
    manifest,
  );
  if (!written.ok) throw new Error(written.error.message);
  return manifest;
}
