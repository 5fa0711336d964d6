// What a cache-mode preparation shows of its items (protocol §2.2): per-item copy progress, the
// `done` artifacts with cache URLs, and the realistic messages of scripted failures. Pure functions
// of the catalog and time.
import type { DeliveryItemDto, ErrorDto, PrepareDeliveryResDto } from '../shared/getapp-protocol.js';
import { objectPath, type DemoArtifact, type DemoDelivery } from './catalog-model.js';
import { publishedHash } from './delivery-origin.js';
import type { Presigner } from './presign.js';

/** Where the cache rewrites docker references to (HARBOR_CACHE_REGISTRY_URL). */
export const HARBOR_CACHE_REGISTRY = 'harbor-cache.demo.invalid';

/**
 * Integer progress of the whole preparation: the minimum over its items. Each HTTP item copies at
 * its own pace (the largest takes the whole copy window, smaller ones finish earlier), so the
 * minimum is a real minimum; reference items (docker, rpm/deb) are done at once, as the cache marks them.
 */
export function preparationProgress(delivery: DemoDelivery, copiedMs: number, copyMs: number): number {
  const sizes = delivery.artifacts.map((a) => (a.file ? a.file.object.size : undefined));
  if (sizes.length === 0) return 0;
  const largest = Math.max(1, ...sizes.map((s) => s ?? 0));
  const progresses = sizes.map((size) => {
    if (size === undefined) return 100;
    const duration = copyMs * (0.4 + (0.6 * size) / largest);
    return duration <= 0 ? 100 : Math.floor(Math.min(1, Math.max(0, copiedMs / duration)) * 100);
  });
  return Math.min(...progresses);
}

function cachedUrl(delivery: DemoDelivery, artifact: DemoArtifact, presigner: Presigner): string {
  if (artifact.file) return presigner.sign(objectPath('cache', delivery, artifact));
  const reference = artifact.reference ?? '';
  if (artifact.artifactType !== 'docker_image') return reference;
  // Docker images are not copied: the reference is rewritten to the cache registry.
  const slash = reference.indexOf('/');
  return `${HARBOR_CACHE_REGISTRY}/${slash < 0 ? reference : reference.slice(slash + 1)}`;
}

// Key order follows F10 and F11.
function cacheItem(delivery: DemoDelivery, artifact: DemoArtifact, id: number, url: string): DeliveryItemDto {
  const hash = publishedHash(artifact);
  return {
    catalogId: delivery.catalogId,
    id,
    itemKey: artifact.itemKey,
    ...(artifact.metaData === undefined ? {} : { metaData: artifact.metaData }),
    url,
    // The Content-Length the cache saw while copying; references were never fetched.
    ...(artifact.file ? { size: artifact.file.object.size } : {}),
    artifactType: artifact.artifactType,
    signature: artifact.signature,
    isExecutable: artifact.isExecutable,
    arguments: artifact.arguments,
    ...(hash ? { hash } : {}),
  };
}

/** The `done` answer with freshly presigned cache URLs; `ids` are the delivery-item ids by itemKey. */
export function cacheDoneAnswer(
  delivery: DemoDelivery,
  ids: (itemKey: string) => number,
  presigner: Presigner,
): PrepareDeliveryResDto {
  const urls = delivery.artifacts.map((a) => cachedUrl(delivery, a, presigner));
  const gpkg = delivery.artifacts.findIndex((a) => a.itemKey === 'gpkg');
  const url = urls[Math.max(0, gpkg)];
  return {
    catalogId: delivery.catalogId,
    status: 'done',
    progress: 100,
    ...(url === undefined ? {} : { url }),
    artifacts: delivery.artifacts.map((a, i) => cacheItem(delivery, a, ids(a.itemKey), urls[i]!)),
  };
}

/** When a scripted failure shows: before copying (probe, capacity) or at the end of the copy. */
export type FailureStage = 'probe' | 'copy';

/** The error a scripted cache failure ends in, with the message the real service writes. */
export function scriptedFailure(
  code: string,
  delivery: DemoDelivery,
): { error: ErrorDto; stage: FailureStage } {
  const id = delivery.catalogId;
  const firstFile = delivery.artifacts.find((a) => a.file) ?? delivery.artifacts[0];
  const item = firstFile?.itemKey ?? '';
  switch (code) {
    case 'DELIVERY.notVerified':
      return {
        stage: 'copy',
        error: { errorCode: code, message: `Checksum failed for catalogId: ${id} - item: ${item}` },
      };
    case 'DELIVERY.download':
      return {
        stage: 'copy',
        error: { errorCode: code, message: `Error in delivery process for catalogId: ${id}` },
      };
    case 'DELIVERY.invalid':
      return {
        stage: 'probe',
        error: {
          errorCode: code,
          message: `Artifact url not found (404) for catalogId: ${id} - item: ${item}`,
        },
      };
    case 'DELIVERY.unableClearCache':
      return {
        stage: 'probe',
        error: {
          errorCode: code,
          message: `Not enough space in cache and unable to clear it for catalogId: ${id}`,
        },
      };
    case 'DELIVERY.notExist':
      return {
        stage: 'copy',
        error: { errorCode: code, message: `Item not exist in cache storage, catalogId: ${id}` },
      };
    default:
      return {
        stage: 'copy',
        error: { errorCode: code, message: `Unknown error in delivery process for catalogId: ${id}` },
      };
  }
}
