// Origin-mode answers (protocol §2.1): stateless, rebuilt on every call from the catalog with freshly
// presigned URLs; only `done` or `error`, never progress. The undeliverable check and hash form are
// shared with cache mode.
import type { DeliveryItemDto, HashDto, PrepareDeliveryResDto } from '../shared/getapp-protocol.js';
import { objectPath, type DemoArtifact, type DemoDelivery } from './catalog-model.js';
import type { Presigner } from './presign.js';

/** The hash the server publishes for an artifact, in the form it chose (hex lowercase or padded base64). */
export function publishedHash(artifact: DemoArtifact): HashDto | undefined {
  if (!artifact.publishedHash || !artifact.file) return undefined;
  const digest = artifact.file.sha256;
  return {
    algorithm: artifact.publishedHash,
    hash: artifact.publishedHash === 'SHA256Hex' ? digest.toString('hex') : digest.toString('base64'),
  };
}

export type Deliverable = { ok: true; delivery: DemoDelivery } | { ok: false; answer: PrepareDeliveryResDto };

/** Whether a catalogId can be delivered at all; if not, the `error` answer in any mode (F6, F7). */
export function deliverable(catalogId: string, delivery: DemoDelivery | undefined): Deliverable {
  if (!delivery) {
    return {
      ok: false,
      answer: {
        catalogId,
        status: 'error',
        error: { message: `Item not found, catalog Id: ${catalogId}`, errorCode: 'DELIVERY.notFound' },
      },
    };
  }
  // Only released releases can be delivered; the built-in maps are always in GetMap's `Done` state.
  if (delivery.kind === 'release' && delivery.component?.status !== 'released') {
    return {
      ok: false,
      answer: {
        catalogId,
        status: 'error',
        error: {
          message: `Catalog Id '${catalogId}' package, not yet available for delivery`,
          errorCode: 'DELIVERY.downloadNotAvailable',
        },
      },
    };
  }
  return { ok: true, delivery };
}

// Key order follows F4: the order in which the real service assigns the fields.
function releaseItem(delivery: DemoDelivery, artifact: DemoArtifact, presigner: Presigner): DeliveryItemDto {
  const file = artifact.file;
  const hash = publishedHash(artifact);
  return {
    catalogId: delivery.catalogId,
    ...(artifact.id === undefined ? {} : { id: artifact.id }),
    itemKey: artifact.itemKey,
    artifactType: artifact.artifactType,
    ...(artifact.metaData === undefined ? {} : { metaData: artifact.metaData }),
    // Docker and rpm/deb items are references (an image, `rpm://name`), not files on the store.
    url: file ? presigner.sign(objectPath('origin', delivery, artifact)) : (artifact.reference ?? ''),
    ...(file ? { size: file.object.size } : {}),
    signature: artifact.signature,
    isExecutable: artifact.isExecutable,
    arguments: artifact.arguments,
    ...(hash ? { hash } : {}),
  };
}

// Maps carry neither id, size, metaData nor signature fields in origin mode (F5).
function mapItem(delivery: DemoDelivery, artifact: DemoArtifact, url: string): DeliveryItemDto {
  const hash = publishedHash(artifact);
  return {
    catalogId: delivery.catalogId,
    itemKey: artifact.itemKey,
    url,
    artifactType: artifact.artifactType,
    ...(hash ? { hash } : {}),
  };
}

function mapAnswer(delivery: DemoDelivery, presigner: Presigner): PrepareDeliveryResDto {
  const urls = delivery.artifacts.map((a) =>
    a.file ? presigner.sign(objectPath('origin', delivery, a)) : (a.reference ?? ''),
  );
  const packageIndex = Math.max(
    0,
    delivery.artifacts.findIndex((a) => a.itemKey === 'gpkg'),
  );
  return {
    catalogId: delivery.catalogId,
    status: 'done',
    ...(urls.length > 0 ? { url: urls[packageIndex]! } : {}),
    artifacts: delivery.artifacts.map((a, i) => mapItem(delivery, a, urls[i]!)),
  };
}

/** What both prepareDelivery and preparedDelivery answer in origin mode. */
export function originAnswer(
  catalogId: string,
  delivery: DemoDelivery | undefined,
  presigner: Presigner,
): PrepareDeliveryResDto {
  const check = deliverable(catalogId, delivery);
  if (!check.ok) return check.answer;
  const found = check.delivery;
  if (found.kind === 'map') return mapAnswer(found, presigner);
  // No top-level url for releases: the real origin sets it only for maps.
  return {
    catalogId: found.catalogId,
    status: 'done',
    artifacts: found.artifacts.map((a) => releaseItem(found, a, presigner)),
  };
}
