// Turns the server's `done` answer into a plan: for every artifact, whether it is downloaded, only
// recorded (docker/rpm/deb) or rejected (unsafe name, URL, hash metadata), with its file name and
// expected checks. A name collision refuses the whole job before any byte is fetched (M3).
import type { AppError } from '../../shared/app-error.js';
import type { ArtifactType } from '../../shared/getapp-protocol.js';
import type { DeliveryItem } from '../../shared/getapp-schemas.js';
import { ok, type Result } from '../../shared/result.js';
import { parseExpectedHash, type ExpectedHash } from '../integrity/hash-format.js';
import { checkNameSet, fileNameForItem } from '../safe-name.js';
import { checkArtifactUrl, isDownloadable, type UrlPolicy } from '../url-policy.js';

export type Disposition = 'download' | 'notDownloadable' | 'rejected';

export interface PlannedItem {
  readonly itemKey: string;
  readonly artifactType: ArtifactType;
  readonly disposition: Disposition;
  readonly fileName: string | null;
  /** The checked URL for downloads (never persisted: presigned URLs are credentials). */
  readonly url: URL | null;
  readonly size: number | null;
  readonly expectedHash: ExpectedHash | null;
  /** The hash as the server wrote it, for the manifest. */
  readonly expectedHashText: { readonly algorithm: ExpectedHash['algorithm']; readonly value: string } | null;
  readonly signature: string | null;
  readonly isExecutable: boolean;
  readonly arguments: string | null;
  readonly metaData: string | null;
  /** For notDownloadable items: the image or package reference. */
  readonly reference: string | null;
  readonly error: AppError | null;
}

function base(
  item: DeliveryItem,
): Omit<
  PlannedItem,
  'disposition' | 'fileName' | 'url' | 'expectedHash' | 'expectedHashText' | 'reference' | 'error'
> {
  return {
    itemKey: item.itemKey,
    artifactType: item.artifactType as ArtifactType,
    size: item.size ?? null,
    signature: item.signature ?? null,
    isExecutable: item.isExecutable === true,
    arguments: item.arguments ?? null,
    metaData: item.metaData ?? null,
  };
}

const nothing = {
  fileName: null,
  url: null,
  expectedHash: null,
  expectedHashText: null,
  reference: null,
} as const;

export function planItem(item: DeliveryItem, catalogId: string, policy: UrlPolicy): PlannedItem {
  const common = base(item);
  const route = isDownloadable(item);
  if (!route.ok) {
    const disposition = route.error.code === 'CLIENT.notDownloadable' ? 'notDownloadable' : 'rejected';
    return { ...common, ...nothing, disposition, reference: item.url, error: route.error };
  }
  const rejected = (error: AppError): PlannedItem => ({
    ...common,
    ...nothing,
    disposition: 'rejected',
    error,
  });
  const name = fileNameForItem(item.itemKey, catalogId, item.url, item.artifactType);
  if (!name.ok) return rejected(name.error);
  const url = checkArtifactUrl(route.value, policy, item.itemKey);
  if (!url.ok) return rejected(url.error);
  const hash = parseExpectedHash(item.hash, item.itemKey);
  if (!hash.ok) return rejected(hash.error);
  return {
    ...common,
    disposition: 'download',
    fileName: name.value,
    url: url.value,
    expectedHash: hash.value ?? null,
    expectedHashText: hash.value ? { algorithm: hash.value.algorithm, value: item.hash!.hash } : null,
    reference: null,
    error: null,
  };
}

/** Plans every artifact; fails the whole job only when two files would share a name. */
export function planItems(
  items: readonly DeliveryItem[],
  catalogId: string,
  policy: UrlPolicy,
): Result<PlannedItem[]> {
  const planned = items.map((item) => planItem(item, catalogId, policy));
  const named = planned.flatMap((p) => (p.fileName ? [{ itemKey: p.itemKey, name: p.fileName }] : []));
  const collisions = checkNameSet(named);
  if (!collisions.ok) return collisions;
  return ok(planned);
}

/** The sidecar's `sha256`, as GetMap clients read it, when it is exactly 64 hex characters. */
export function sidecarHash(sidecarText: string, itemKey: string): ExpectedHash | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(sidecarText);
  } catch {
    return null;
  }
  const value = (parsed as { sha256?: unknown } | null)?.sha256;
  if (typeof value !== 'string') return null;
  const hash = parseExpectedHash({ algorithm: 'SHA256Hex', hash: value }, itemKey);
  return hash.ok && hash.value ? hash.value : null;
}

/** The fields that make an artifact "the same file" across answers and runs (M10). */
export interface ArtifactIdentity {
  readonly fileName: string | null;
  readonly size: number | null;
  readonly signature: string | null;
  readonly expectedHashValue: string | null;
}

export function identityOf(plan: PlannedItem): ArtifactIdentity {
  return {
    fileName: plan.fileName,
    size: plan.size,
    signature: plan.signature,
    expectedHashValue: plan.expectedHashText?.value ?? null,
  };
}

export function sameIdentity(a: ArtifactIdentity, b: ArtifactIdentity): boolean {
  return (
    a.fileName === b.fileName &&
    a.size === b.size &&
    a.signature === b.signature &&
    a.expectedHashValue === b.expectedHashValue
  );
}
