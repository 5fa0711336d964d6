// What the demo server knows about its deliveries: the model that the built-in catalog and a --data
// folder both produce, and that the API and storage servers read. Types only, plus the object index.
import type { ArtifactType, ComponentV2Dto, HashAlgorithm, ItemType } from '../shared/getapp-protocol.js';
import type { StoredObject } from './stored-object.js';

export interface DemoFile {
  /** File name as the object store names it (the URL's last segment). */
  readonly name: string;
  /** What the storage server serves. */
  readonly object: StoredObject;
  /** The digest the server publishes for it (for a tampered item, of the bytes it *should* serve). */
  readonly sha256: Buffer;
}

export interface DemoArtifact {
  /** The id the origin sends (release-artifact id); absent for maps, as the real server does. */
  readonly id?: number;
  readonly itemKey: string;
  readonly artifactType: ArtifactType;
  /** HTTP-served artifacts have a file; docker/rpm/deb items have a reference instead. */
  readonly file?: DemoFile;
  readonly reference?: string;
  /** Which hash form the server publishes for this artifact; undefined publishes none. */
  readonly publishedHash?: HashAlgorithm;
  readonly signature: string | null;
  /** A JSON-encoded string, as on the wire; absent for maps. */
  readonly metaData?: string;
  readonly isExecutable: boolean;
  readonly arguments: string | null;
}

export interface DemoDelivery {
  readonly catalogId: string;
  readonly itemType: ItemType;
  readonly kind: 'release' | 'map';
  /** Releases only: the offering record. Only `released` ones can be delivered. */
  readonly component?: ComponentV2Dto;
  readonly artifacts: readonly DemoArtifact[];
}

export interface DemoCatalog {
  readonly deliveries: ReadonlyMap<string, DemoDelivery>;
  readonly publicKeyPem: string;
}

/** Object-store path of an artifact's file, per server mode (bucket-relative, not URL-encoded). */
export function objectPath(mode: 'origin' | 'cache', delivery: DemoDelivery, artifact: DemoArtifact): string {
  const name = artifact.file?.name ?? '';
  if (mode === 'cache') return `getapp/cache/${artifact.artifactType}/${delivery.catalogId}/${name}`;
  return delivery.kind === 'map'
    ? `getapp/maps/${delivery.catalogId}/${name}`
    : `getapp/releases/${delivery.catalogId}/${name}`;
}

/** Every object path the storage server answers for, in both modes. */
export function indexObjects(catalog: DemoCatalog): Map<string, StoredObject> {
  const index = new Map<string, StoredObject>();
  for (const delivery of catalog.deliveries.values()) {
    for (const artifact of delivery.artifacts) {
      if (!artifact.file) continue;
      index.set(objectPath('origin', delivery, artifact), artifact.file.object);
      index.set(objectPath('cache', delivery, artifact), artifact.file.object);
    }
  }
  return index;
}
