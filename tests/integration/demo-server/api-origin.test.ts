// Origin-mode answers for every built-in catalogId, field by field as the protocol reference's F4-F7
// show them: what is present, what is omitted, hashes in both encodings, signatures that verify.
import { createHash, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DeliveryItemDto, PrepareDeliveryResDto } from '../../../electron/shared/getapp-protocol.js';
import { BUILTIN_IDS, LARGE_IMAGE_SHA256, LARGE_IMAGE_SIZE } from '../../../electron/demo-server/index.js';
import { amzDate, servedBytes, useDemoApi } from '../../support/demo-api.js';

const api = useDemoApi();
const RELEASE_KEYS = [
  'catalogId',
  'id',
  'itemKey',
  'artifactType',
  'metaData',
  'url',
  'size',
  'signature',
  'isExecutable',
  'arguments',
];

async function prepare(catalogId: string) {
  return api().call<PrepareDeliveryResDto>('/api/delivery/prepareDelivery', {
    json: { catalogId, deviceId: 'TECH-LAPTOP-07', itemType: 'software' },
  });
}

async function prepared(catalogId: string) {
  return api().call<PrepareDeliveryResDto>(`/api/delivery/preparedDelivery/${encodeURIComponent(catalogId)}`);
}

function verifies(bytes: Buffer, signature: string): boolean {
  return verify('sha256', bytes, api().server.publicKeyPem, Buffer.from(signature, 'base64'));
}

describe('origin mode, releases', () => {
  it('1.field-nav: done, no top-level url, no hash, presigned store URLs, signatures that verify', async () => {
    const res = await prepare(BUILTIN_IDS.fieldNav);
    expect(res.status).toBe(201);
    expect(Object.keys(res.body)).toEqual(['catalogId', 'status', 'artifacts']);
    const items = res.body.artifacts!;
    expect(items.map((a) => a.itemKey)).toEqual([
      '1.field-nav@2.3.1@field-nav-setup-2.3.1.msi',
      '1.field-nav@2.3.1@field-nav-2.3.1-linux-x64.tar.gz',
      '1.field-nav@2.3.1@field-nav-offline-tiles-2.3.1.zip',
    ]);
    for (const item of items) {
      expect(Object.keys(item)).toEqual(RELEASE_KEYS);
      expect(item.artifactType).toBe('software');
      expect(Number.isInteger(item.id)).toBe(true);
      const url = new URL(item.url);
      expect(url.origin).toBe(api().server.storageUrl);
      const name = item.itemKey.slice(`${BUILTIN_IDS.fieldNav}@`.length);
      expect(url.pathname).toBe(`/getapp/releases/1.field-nav%402.3.1/${name}`);
      expect(url.searchParams.get('X-Amz-Expires')).toBe('3600');
      const bytes = await servedBytes(api().server, BUILTIN_IDS.fieldNav, item.itemKey);
      expect(item.size).toBe(bytes.length);
      expect(verifies(bytes, item.signature!)).toBe(true);
    }
    expect(items[0]).toMatchObject({
      metaData: '{"platform":"windows"}',
      isExecutable: true,
      arguments: '/quiet /norestart',
    });
    expect(items[2]).toMatchObject({ metaData: '{}', isExecutable: false, arguments: null });
    expect(new Set(items.map((a) => a.id)).size).toBe(3);
  });

  it('GET preparedDelivery gives the same answer with 200', async () => {
    const post = await prepare(BUILTIN_IDS.fieldNav);
    const get = await prepared(BUILTIN_IDS.fieldNav);
    expect(get.status).toBe(200);
    expect(get.body).toEqual(post.body);
  });

  it('3.b64-tools: a SHA256Base64 hash of 44 characters that decodes to the digest of the bytes', async () => {
    const item = (await prepared(BUILTIN_IDS.b64Tools)).body.artifacts![0]!;
    expect(Object.keys(item)).toEqual([...RELEASE_KEYS, 'hash']);
    expect(item.hash!.algorithm).toBe('SHA256Base64');
    expect(item.hash!.hash).toHaveLength(44);
    expect(item.hash!.hash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const bytes = await servedBytes(api().server, BUILTIN_IDS.b64Tools, item.itemKey);
    expect(Buffer.from(item.hash!.hash, 'base64').equals(createHash('sha256').update(bytes).digest())).toBe(
      true,
    );
    expect(verifies(bytes, item.signature!)).toBe(true);
  });

  it('4.large-image: 2 GiB, lowercase SHA256Hex, signed like every release artifact', async () => {
    const item = (await prepared(BUILTIN_IDS.largeImage)).body.artifacts![0]!;
    expect(item).toMatchObject({
      size: LARGE_IMAGE_SIZE,
      hash: { algorithm: 'SHA256Hex', hash: LARGE_IMAGE_SHA256 },
    });
    expect(item.hash!.hash).toMatch(/^[0-9a-f]{64}$/);
    // Made from the published digest (no start reads 2 GiB); the signature test checks that method.
    expect(item.signature).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it('5.mixed-stack: docker and rpm items carry references, no size and no signature', async () => {
    const items = (await prepared(BUILTIN_IDS.mixedStack)).body.artifacts!;
    const byType = (type: string) => items.find((a) => a.artifactType === type)!;
    expect(items.map((a) => a.artifactType)).toEqual(['software', 'docker_image', 'rpm']);
    expect(byType('docker_image')).toEqual({
      catalogId: BUILTIN_IDS.mixedStack,
      id: byType('docker_image').id,
      itemKey: '5.mixed-stack@1.0.0@mixed-stack-api:1.0.0',
      artifactType: 'docker_image',
      metaData: '{}',
      url: 'harbor.demo.invalid/mixed-stack/mixed-stack-api:1.0.0',
      signature: null,
      isExecutable: false,
      arguments: null,
    });
    const rpm = byType('rpm');
    expect(rpm.url).toBe('rpm://mixed-stack-agent');
    expect(rpm).not.toHaveProperty('size');
    expect(JSON.parse(rpm.metaData!)).toEqual({ packageName: 'mixed-stack-agent', packageVersion: '1.0.0' });
    expect(byType('software').url.startsWith(api().server.storageUrl)).toBe(true);
  });

  it('7.tampered: publishes the hash and signature of bytes it does not serve', async () => {
    const item = (await prepared(BUILTIN_IDS.tampered)).body.artifacts![0]!;
    const bytes = await servedBytes(api().server, BUILTIN_IDS.tampered, item.itemKey);
    expect(item.hash!.algorithm).toBe('SHA256Hex');
    expect(item.hash!.hash).not.toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(verifies(bytes, item.signature!)).toBe(false);
  });
});

describe('origin mode, maps', () => {
  it('gives the package URL on top, a hashed gpkg without id, size or metaData, and the sidecar', async () => {
    const res = await prepare(BUILTIN_IDS.map);
    expect(Object.keys(res.body)).toEqual(['catalogId', 'status', 'url', 'artifacts']);
    const [gpkg, json] = res.body.artifacts as [DeliveryItemDto, DeliveryItemDto];
    expect(Object.keys(gpkg)).toEqual(['catalogId', 'itemKey', 'url', 'artifactType', 'hash']);
    expect(Object.keys(json)).toEqual(['catalogId', 'itemKey', 'url', 'artifactType']);
    expect(res.body.url).toBe(gpkg.url);
    expect([gpkg.itemKey, json.itemKey, gpkg.artifactType, json.artifactType]).toEqual([
      'gpkg',
      'json',
      'map',
      'map',
    ]);
    expect(new URL(gpkg.url).pathname).toMatch(new RegExp(`^/getapp/maps/${BUILTIN_IDS.map}/.+\\.gpkg$`));
    expect(new URL(json.url).pathname).toBe(new URL(gpkg.url).pathname.replace(/\.gpkg$/, '.json'));
    const bytes = await servedBytes(api().server, BUILTIN_IDS.map, 'gpkg');
    const hex = createHash('sha256').update(bytes).digest('hex');
    expect(gpkg.hash).toEqual({ algorithm: 'SHA256Hex', hash: hex });
    const sidecar = JSON.parse((await servedBytes(api().server, BUILTIN_IDS.map, 'json')).toString('utf8'));
    expect(sidecar.sha256).toBe(hex);
  });
});

describe('origin mode, refusals', () => {
  it('refuses a release that is not released with downloadNotAvailable (F6), 201 and 200', async () => {
    const expected = {
      catalogId: BUILTIN_IDS.notReleased,
      status: 'error',
      error: {
        message: "Catalog Id '6.field-nav@2.4.0' package, not yet available for delivery",
        errorCode: 'DELIVERY.downloadNotAvailable',
      },
    };
    const post = await prepare(BUILTIN_IDS.notReleased);
    expect([post.status, post.text]).toEqual([201, JSON.stringify(expected)]);
    const get = await prepared(BUILTIN_IDS.notReleased);
    expect([get.status, get.text]).toEqual([200, JSON.stringify(expected)]);
  });

  it('refuses an unknown catalogId with notFound (F7)', async () => {
    const res = await prepare('99.nope@1.0.0');
    expect(res.status).toBe(201);
    expect(res.text).toBe(
      '{"catalogId":"99.nope@1.0.0","status":"error","error":{"message":"Item not found, catalog Id: 99.nope@1.0.0","errorCode":"DELIVERY.notFound"}}',
    );
  });
});

describe('origin mode, URLs', () => {
  it('points every URL at the object store, which serves the bytes its size and signature describe', async () => {
    for (const item of (await prepared(BUILTIN_IDS.fieldNav)).body.artifacts!) {
      const res = await fetch(item.url);
      expect(res.status).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.length).toBe(item.size);
      expect(verifies(bytes, item.signature!)).toBe(true);
    }
  });

  it('presigns fresh URLs on every answer: the X-Amz-Date follows the clock', async () => {
    const first = (await prepared(BUILTIN_IDS.fieldNav)).body.artifacts![0]!.url;
    const again = (await prepared(BUILTIN_IDS.fieldNav)).body.artifacts![0]!.url;
    expect(amzDate(again)).toBe(amzDate(first));
    api().clock.advance(5_000);
    const later = (await prepared(BUILTIN_IDS.fieldNav)).body.artifacts![0]!.url;
    expect(amzDate(later)).not.toBe(amzDate(first));
    expect(new URL(later).searchParams.get('X-Amz-Signature')).not.toBe(
      new URL(first).searchParams.get('X-Amz-Signature'),
    );
  });
});
