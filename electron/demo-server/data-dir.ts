// Loads extra deliveries from a folder of real files described by `courier-demo.json` (format in
// README, "Serving your own files"). Files must lie inside the folder; hashes and signatures are
// computed from the files at start. Validation is hand-written: the demo server shares no runtime
// code with the client.
import { readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { ComponentV2Dto, HashAlgorithm } from '../shared/getapp-protocol.js';
import type { DemoArtifact, DemoDelivery, DemoFile } from './catalog-model.js';
import { signStream, type SigningKey } from './signing.js';
import { fileObject, sha256Of } from './stored-object.js';

export const DATA_DIR_DESCRIPTION = 'courier-demo.json';

interface ReleaseFileSpec {
  file: string;
  hash?: 'none' | HashAlgorithm;
  sign?: boolean;
  isExecutable?: boolean;
  arguments?: string;
  metaData?: Record<string, unknown>;
}

interface DeliverySpec {
  catalogId: string;
  displayName?: string;
  releaseNotes?: string;
  status?: ComponentV2Dto['status'];
  artifacts?: ReleaseFileSpec[];
  map?: { gpkg: string; sidecar: string };
}

class DataDirError extends Error {}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new DataDirError(`${DATA_DIR_DESCRIPTION}: ${message}`);
}

async function resolveInside(root: string, name: unknown, where: string): Promise<string> {
  check(typeof name === 'string' && name.length > 0, `${where}: "file" must be a non-empty string`);
  const full = await realpath(join(root, name)).catch(() => undefined);
  check(full, `${where}: ${name} does not exist`);
  const rel = relative(root, full);
  check(
    rel && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel),
    `${where}: ${name} is outside the folder`,
  );
  return full;
}

async function demoFile(path: string, servedName: string, publishedSha256?: Buffer): Promise<DemoFile> {
  const info = await stat(path);
  const contentType = servedName.endsWith('.json') ? 'application/json' : 'application/octet-stream';
  const object = fileObject(path, info.size, info.mtime, contentType);
  return { name: servedName, object, sha256: publishedSha256 ?? (await sha256Of(object)) };
}

async function releaseArtifact(
  root: string,
  spec: DeliverySpec,
  file: ReleaseFileSpec,
  index: number,
  key: SigningKey,
  id: number,
): Promise<DemoArtifact> {
  const where = `${spec.catalogId} artifact ${index + 1}`;
  const path = await resolveInside(root, file.file, where);
  const name = path.slice(path.lastIndexOf(sep) + 1);
  const hash = file.hash ?? 'none';
  check(
    ['none', 'SHA256Hex', 'SHA256Base64'].includes(hash),
    `${where}: hash must be none, SHA256Hex or SHA256Base64`,
  );
  const served = await demoFile(path, name);
  const signature =
    file.sign === false
      ? null
      : await signStream(key, served.object.open(0, Math.max(0, served.object.size - 1)));
  return {
    id,
    itemKey: `${spec.catalogId}@${name}`,
    artifactType: 'software',
    file: served,
    ...(hash !== 'none' ? { publishedHash: hash as HashAlgorithm } : {}),
    signature,
    metaData: JSON.stringify(file.metaData ?? {}),
    isExecutable: file.isExecutable === true,
    arguments: typeof file.arguments === 'string' ? file.arguments : null,
  };
}

async function mapArtifacts(root: string, spec: DeliverySpec): Promise<DemoArtifact[]> {
  const map = spec.map!;
  const gpkgPath = await resolveInside(root, map.gpkg, `${spec.catalogId} map.gpkg`);
  const sidecarPath = await resolveInside(root, map.sidecar, `${spec.catalogId} map.sidecar`);
  const gpkgName = gpkgPath.slice(gpkgPath.lastIndexOf(sep) + 1);
  // As the real origin does, the published hash is whatever the sidecar says, right or wrong.
  const sidecar = JSON.parse(await readFile(sidecarPath, 'utf8')) as { sha256?: unknown };
  const published =
    typeof sidecar.sha256 === 'string' && /^[0-9a-f]{64}$/i.test(sidecar.sha256) ? sidecar.sha256 : undefined;
  const gpkg = await demoFile(gpkgPath, gpkgName, published ? Buffer.from(published, 'hex') : undefined);
  const json = await demoFile(sidecarPath, gpkgName.replace(/\.[^.]*$/, '') + '.json');
  const common = { artifactType: 'map', signature: null, isExecutable: false, arguments: null } as const;
  return [
    { ...common, itemKey: 'gpkg', file: gpkg, ...(published ? { publishedHash: 'SHA256Hex' as const } : {}) },
    { ...common, itemKey: 'json', file: json },
  ];
}

function componentFor(spec: DeliverySpec, size: number): ComponentV2Dto {
  const [project = spec.catalogId, version = ''] = spec.catalogId.split('@');
  const match = /^(\d+)\.(.+)$/.exec(project);
  const status = spec.status ?? 'released';
  return {
    id: spec.catalogId,
    version,
    projectId: match ? Number(match[1]) : 0,
    projectName: match ? match[2]! : project,
    ...(spec.displayName ? { displayName: spec.displayName } : {}),
    ...(spec.releaseNotes ? { releaseNotes: spec.releaseNotes } : {}),
    status,
    type: 'product',
    projectTypeV2: 'application',
    size,
    latest: status === 'released',
    createdAt: new Date(0).toISOString(),
    updatedAt: new Date(0).toISOString(),
  };
}

export async function loadDataDir(dir: string, key: SigningKey): Promise<DemoDelivery[]> {
  const root = await realpath(dir);
  const text = await readFile(join(root, DATA_DIR_DESCRIPTION), 'utf8').catch(() => undefined);
  check(text !== undefined, `not found in ${dir}`);
  let parsed: { deliveries?: unknown };
  try {
    parsed = JSON.parse(text) as { deliveries?: unknown };
  } catch (error) {
    throw new DataDirError(`${DATA_DIR_DESCRIPTION}: not valid JSON (${(error as Error).message})`);
  }
  check(Array.isArray(parsed.deliveries), '"deliveries" must be an array');
  const deliveries: DemoDelivery[] = [];
  for (const [index, raw] of (parsed.deliveries as DeliverySpec[]).entries()) {
    check(
      raw && typeof raw.catalogId === 'string' && raw.catalogId.length > 0,
      `delivery ${index + 1}: "catalogId" is required`,
    );
    check(!raw.map !== !raw.artifacts, `${raw.catalogId}: give either "artifacts" (a release) or "map"`);
    if (raw.map) {
      deliveries.push({
        catalogId: raw.catalogId,
        itemType: 'map',
        kind: 'map',
        artifacts: await mapArtifacts(root, raw),
      });
      continue;
    }
    check(
      Array.isArray(raw.artifacts) && raw.artifacts.length > 0,
      `${raw.catalogId}: "artifacts" must be a non-empty array`,
    );
    const artifacts = await Promise.all(
      raw.artifacts.map((file, i) =>
        releaseArtifact(root, raw, file, i, key, 9000 + deliveries.length * 100 + i),
      ),
    );
    const keys = new Set(artifacts.map((a) => a.itemKey));
    check(keys.size === artifacts.length, `${raw.catalogId}: two artifacts have the same file name`);
    const size = artifacts.reduce((sum, a) => sum + (a.file?.object.size ?? 0), 0);
    deliveries.push({
      catalogId: raw.catalogId,
      itemType: 'software',
      kind: 'release',
      component: componentFor(raw, size),
      artifacts,
    });
  }
  return deliveries;
}
