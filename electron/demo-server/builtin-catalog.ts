// The built-in demo catalog: fixed catalogIds that tests, scripts and people rely on (see README).
// Every byte is generated from a seed; nothing large is stored in the repository.
import { createHash, sign } from 'node:crypto';
import type { ComponentV2Dto, HashAlgorithm } from '../shared/getapp-protocol.js';
import type { DemoArtifact, DemoCatalog, DemoDelivery } from './catalog-model.js';
import { mapSidecarJson } from './map-sidecar.js';
import { seededBuffer } from './seeded-bytes.js';
import { signDigest, type SigningKey } from './signing.js';
import { memoryObject, seededObject } from './stored-object.js';

export const BUILTIN_IDS = {
  fieldNav: '1.field-nav@2.3.1',
  map: '2d6a4f0e-6b1c-4c8e-9f3a-5b7d2e1c0a94',
  b64Tools: '3.b64-tools@1.0.0',
  largeImage: '4.large-image@1.0.0',
  mixedStack: '5.mixed-stack@1.0.0',
  notReleased: '6.field-nav@2.4.0',
  tampered: '7.tampered@1.0.0',
} as const;

export const LARGE_IMAGE_SIZE = 2 ** 31;
/** SHA-256 of the 2 GiB seeded image; a test recomputes it, so a generator change cannot go unnoticed. */
export const LARGE_IMAGE_SHA256 = '29b7bb0970d97b6077d1421bd7bc20de608175538b7cbe28e9f6f18c5e079d27';

const RELEASED_AT = new Date('2026-06-21T09:12:00.000Z');

interface FileSpec {
  name: string;
  size: number;
  hash?: HashAlgorithm;
  signed?: boolean;
  isExecutable?: boolean;
  arguments?: string;
  metaData?: Record<string, unknown>;
  /** Serve these bytes with one byte flipped (the declared hash and signature stay the original's). */
  tamper?: boolean;
}

let nextArtifactId = 300;

function fileArtifact(catalogId: string, spec: FileSpec, key: SigningKey): DemoArtifact {
  const body = seededBuffer(`${catalogId}/${spec.name}`, spec.size);
  const sha256 = createHash('sha256').update(body).digest();
  const signature = spec.signed === false ? null : sign('sha256', body, key.privateKey).toString('base64');
  const served = spec.tamper ? Buffer.from(body) : body;
  if (spec.tamper) served[served.length >> 1] = served[served.length >> 1]! ^ 0x01;
  return {
    id: nextArtifactId++,
    itemKey: `${catalogId}@${spec.name}`,
    artifactType: 'software',
    file: { name: spec.name, object: memoryObject(served, RELEASED_AT), sha256 },
    ...(spec.hash ? { publishedHash: spec.hash } : {}),
    signature,
    metaData: JSON.stringify(spec.metaData ?? {}),
    isExecutable: spec.isExecutable ?? false,
    arguments: spec.arguments ?? null,
  };
}

function component(
  catalogId: string,
  fields: { displayName: string; releaseNotes: string; status?: ComponentV2Dto['status']; size: number },
): ComponentV2Dto {
  const [project = '', version = ''] = catalogId.split('@');
  const dot = project.indexOf('.');
  const released = (fields.status ?? 'released') === 'released';
  return {
    id: catalogId,
    version,
    projectId: Number(project.slice(0, dot)),
    projectName: project.slice(dot + 1),
    displayName: fields.displayName,
    releaseNotes: fields.releaseNotes,
    status: fields.status ?? 'released',
    type: 'product',
    projectTypeV2: 'application',
    size: fields.size,
    latest: released,
    createdAt: '2026-06-20T10:00:00.000Z',
    updatedAt: RELEASED_AT.toISOString(),
    ...(released ? { releasedAt: RELEASED_AT.toISOString() } : {}),
    metadata: { autoDeploy: false, installationSize: fields.size * 2, totalSize: fields.size },
  };
}

function release(
  catalogId: string,
  files: FileSpec[],
  info: { displayName: string; releaseNotes: string; status?: ComponentV2Dto['status'] },
  key: SigningKey,
  extra: DemoArtifact[] = [],
): DemoDelivery {
  const artifacts = [...files.map((spec) => fileArtifact(catalogId, spec, key)), ...extra];
  const size = files.reduce((sum, f) => sum + f.size, 0);
  return {
    catalogId,
    itemType: 'software',
    kind: 'release',
    component: component(catalogId, { ...info, size }),
    artifacts,
  };
}

function mapDelivery(catalogId: string): DemoDelivery {
  const gpkgName = 'Orthophoto_field_area_2_0_19_2026_06_21T09_12_00_000Z.gpkg';
  const gpkg = seededBuffer(`${catalogId}/${gpkgName}`, 1_537_129);
  const sha256 = createHash('sha256').update(gpkg).digest();
  const sidecar = Buffer.from(
    mapSidecarJson({ catalogId, productId: 'field_area', sha256: sha256.toString('hex') }),
  );
  return {
    catalogId,
    itemType: 'map',
    kind: 'map',
    artifacts: [
      {
        itemKey: 'gpkg',
        artifactType: 'map',
        file: { name: gpkgName, object: memoryObject(gpkg, RELEASED_AT), sha256 },
        publishedHash: 'SHA256Hex',
        signature: null,
        isExecutable: false,
        arguments: null,
      },
      {
        itemKey: 'json',
        artifactType: 'map',
        file: {
          name: gpkgName.replace(/\.gpkg$/, '.json'),
          object: memoryObject(sidecar, RELEASED_AT, 'application/json'),
          sha256: createHash('sha256').update(sidecar).digest(),
        },
        signature: null,
        isExecutable: false,
        arguments: null,
      },
    ],
  };
}

function largeImage(key: SigningKey): DemoDelivery {
  const id = BUILTIN_IDS.largeImage;
  const name = 'large-image-1.0.0.img';
  const delivery = release(
    id,
    [],
    { displayName: 'Large Disk Image', releaseNotes: 'A 2 GiB image for speed tests' },
    key,
    [
      {
        id: nextArtifactId++,
        itemKey: `${id}@${name}`,
        artifactType: 'software',
        file: {
          name,
          object: seededObject(`${id}/${name}`, LARGE_IMAGE_SIZE, RELEASED_AT),
          sha256: Buffer.from(LARGE_IMAGE_SHA256, 'hex'),
        },
        publishedHash: 'SHA256Hex',
        // Signed like every release artifact, so it verifies where the demo key is pinned (the app's
        // demo mode); from the known digest, so no start reads 2 GiB.
        signature: signDigest(key, Buffer.from(LARGE_IMAGE_SHA256, 'hex')),
        metaData: '{}',
        isExecutable: false,
        arguments: null,
      },
    ],
  );
  return { ...delivery, component: { ...delivery.component!, size: LARGE_IMAGE_SIZE } };
}

export function buildBuiltInCatalog(key: SigningKey): DemoCatalog {
  nextArtifactId = 300;
  const ids = BUILTIN_IDS;
  const b64Tools = release(
    ids.b64Tools,
    [{ name: 'b64-tools-1.0.0.tar.gz', size: 1_048_583, hash: 'SHA256Base64' }],
    { displayName: 'Base64 Tools', releaseNotes: 'Published with a SHA256Base64 hash' },
    key,
  );
  const mixedStack = release(
    ids.mixedStack,
    [{ name: 'mixed-stack-config-1.0.0.tar.gz', size: 524_309 }],
    { displayName: 'Mixed Stack', releaseNotes: 'One file, one container image, one RPM' },
    key,
    [
      {
        id: nextArtifactId++,
        itemKey: `${ids.mixedStack}@mixed-stack-api:1.0.0`,
        artifactType: 'docker_image',
        reference: 'harbor.demo.invalid/mixed-stack/mixed-stack-api:1.0.0',
        signature: null,
        metaData: '{}',
        isExecutable: false,
        arguments: null,
      },
      {
        id: nextArtifactId++,
        itemKey: `${ids.mixedStack}@mixed-stack-agent`,
        artifactType: 'rpm',
        reference: 'rpm://mixed-stack-agent',
        signature: null,
        metaData: JSON.stringify({ packageName: 'mixed-stack-agent', packageVersion: '1.0.0' }),
        isExecutable: false,
        arguments: null,
      },
    ],
  );
  const deliveries: DemoDelivery[] = [
    release(
      ids.fieldNav,
      [
        {
          name: 'field-nav-setup-2.3.1.msi',
          size: 3_145_857,
          isExecutable: true,
          arguments: '/quiet /norestart',
          metaData: { platform: 'windows' },
        },
        { name: 'field-nav-2.3.1-linux-x64.tar.gz', size: 2_621_447, metaData: { platform: 'linux' } },
        { name: 'field-nav-offline-tiles-2.3.1.zip', size: 4_194_311 },
      ],
      { displayName: 'Field Navigator', releaseNotes: 'Offline tiles fix' },
      key,
    ),
    mapDelivery(ids.map),
    b64Tools,
    largeImage(key),
    { ...mixedStack, component: { ...mixedStack.component!, dependencies: [b64Tools.component!] } },
    release(
      ids.notReleased,
      [{ name: 'field-nav-setup-2.4.0.msi', size: 3_200_003, isExecutable: true }],
      { displayName: 'Field Navigator', releaseNotes: 'Next release, in review', status: 'in_review' },
      key,
    ),
    release(
      ids.tampered,
      [{ name: 'tampered-1.0.0.bin', size: 1_310_731, hash: 'SHA256Hex', tamper: true }],
      { displayName: 'Tampered Package', releaseNotes: 'Served bytes do not match the declared hash' },
      key,
    ),
  ];
  return { deliveries: new Map(deliveries.map((d) => [d.catalogId, d])), publicKeyPem: key.publicKeyPem };
}
