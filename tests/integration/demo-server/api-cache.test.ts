// Cache mode's state machine as a polling client sees it on the fake clock: start, inProgress with
// integer progress that only rises, done with cache URLs, delete after eviction, and a POST restart.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DeliveryItemDto, PrepareDeliveryResDto } from '../../../electron/shared/getapp-protocol.js';
import { BUILTIN_IDS } from '../../../electron/demo-server/index.js';
import { amzDate, servedBytes, useDemoApi } from '../../support/demo-api.js';

const api = useDemoApi({ mode: 'cache' });
const FIELD_NAV = BUILTIN_IDS.fieldNav;
const HOURS_12 = 12 * 3600_000;

function post(catalogId: string, itemType = 'software') {
  return api().call<PrepareDeliveryResDto>('/api/delivery/prepareDelivery', {
    json: { catalogId, deviceId: 'TECH-LAPTOP-07', itemType },
  });
}

function get(catalogId: string) {
  return api().call<PrepareDeliveryResDto>(`/api/delivery/preparedDelivery/${encodeURIComponent(catalogId)}`);
}

describe('cache mode, a preparation from start to eviction', () => {
  it('starts on POST, then reports start, rising progress, and done at 8 s', async () => {
    const started = await post(FIELD_NAV);
    expect([started.status, started.text]).toEqual([201, `{"catalogId":"${FIELD_NAV}","status":"start"}`]);
    expect((await get(FIELD_NAV)).body).toEqual({ catalogId: FIELD_NAV, status: 'start', progress: 0 });

    const seen: number[] = [];
    api().clock.advance(500);
    for (let t = 1_000; t < 8_000; t += 500) {
      api().clock.advance(500); // t ms after the start
      const res = await get(FIELD_NAV);
      expect(res.body.status).toBe('inProgress');
      expect(Object.keys(res.body)).toEqual(['catalogId', 'status', 'progress']);
      expect(Number.isInteger(res.body.progress)).toBe(true);
      seen.push(res.body.progress!);
    }
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen[0]).toBeLessThan(10);
    expect(seen.at(-1)).toBeGreaterThan(85);
    expect(Math.max(...seen)).toBeLessThan(100);

    api().clock.advance(500);
    const done = await get(FIELD_NAV);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ catalogId: FIELD_NAV, status: 'done', progress: 100 });
  });

  it('reports the slowest item: half-way through the copy, progress is about half', async () => {
    await post(FIELD_NAV);
    api().clock.advance(1_000 + 3_500);
    const progress = (await get(FIELD_NAV)).body.progress!;
    expect(progress).toBeGreaterThanOrEqual(45);
    expect(progress).toBeLessThanOrEqual(55);
  });

  it('answers a POST in flight with the status and no progress, without restarting', async () => {
    await post(FIELD_NAV);
    api().clock.advance(3_000);
    const again = await post(FIELD_NAV);
    expect(again.body).toEqual({ catalogId: FIELD_NAV, status: 'inProgress' });
    api().clock.advance(5_000);
    expect((await get(FIELD_NAV)).body.status).toBe('done');
  });

  it('auto-starts on a GET for a catalogId it has never seen', async () => {
    const res = await get(BUILTIN_IDS.b64Tools);
    expect([res.status, res.text]).toEqual([200, `{"catalogId":"${BUILTIN_IDS.b64Tools}","status":"start"}`]);
    api().clock.advance(8_000);
    expect((await get(BUILTIN_IDS.b64Tools)).body.status).toBe('done');
  });

  it('evicts 12 h after done (delete), and a POST restarts it', async () => {
    await post(FIELD_NAV);
    api().clock.advance(8_000 + HOURS_12 - 1);
    expect((await get(FIELD_NAV)).body.status).toBe('done');
    api().clock.advance(1);
    const evicted = await get(FIELD_NAV);
    expect(evicted.text).toBe(`{"status":"delete","catalogId":"${FIELD_NAV}"}`);
    expect((await post(FIELD_NAV)).body).toEqual({ catalogId: FIELD_NAV, status: 'start' });
    api().clock.advance(4_000);
    expect((await get(FIELD_NAV)).body.status).toBe('inProgress');
    api().clock.advance(4_000);
    expect((await get(FIELD_NAV)).body.status).toBe('done');
  });
});

describe('cache mode, the done answer', () => {
  it('lists every item with its delivery-item id, cache URL, size and signature; url is the first', async () => {
    await post(FIELD_NAV);
    api().clock.advance(8_000);
    const res = await post(FIELD_NAV);
    expect(res.status).toBe(201);
    expect(Object.keys(res.body)).toEqual(['catalogId', 'status', 'progress', 'url', 'artifacts']);
    const items = res.body.artifacts!;
    expect(res.body.url).toBe(items[0]!.url);
    for (const item of items) {
      expect(Object.keys(item)).toEqual([
        'catalogId',
        'id',
        'itemKey',
        'metaData',
        'url',
        'size',
        'artifactType',
        'signature',
        'isExecutable',
        'arguments',
      ]);
      const name = item.itemKey.slice(`${FIELD_NAV}@`.length);
      expect(new URL(item.url).pathname).toBe(`/getapp/cache/software/1.field-nav%402.3.1/${name}`);
      expect(item.size).toBe((await servedBytes(api().server, FIELD_NAV, item.itemKey)).length);
    }
    // Cache ids are the cache's own rows, not the origin's release-artifact ids.
    const originIds = api()
      .server.catalog.deliveries.get(FIELD_NAV)!
      .artifacts.map((a) => a.id);
    expect(items.map((a) => a.id)).not.toEqual(originIds);
    const again = await get(FIELD_NAV);
    expect(again.body.artifacts!.map((a) => a.id)).toEqual(items.map((a) => a.id));
  });

  it('presigns fresh cache URLs on each answer', async () => {
    await post(FIELD_NAV);
    api().clock.advance(8_000);
    const first = (await get(FIELD_NAV)).body.url!;
    api().clock.advance(2_000);
    const second = (await get(FIELD_NAV)).body.url!;
    expect(amzDate(second)).not.toBe(amzDate(first));
    expect(new URL(second).pathname).toBe(new URL(first).pathname);
  });

  it('gives maps an id and a size on both items, the gpkg hash, and the gpkg URL on top', async () => {
    await post(BUILTIN_IDS.map, 'map');
    api().clock.advance(8_000);
    const res = await get(BUILTIN_IDS.map);
    const [gpkg, json] = res.body.artifacts as [DeliveryItemDto, DeliveryItemDto];
    expect(res.body.url).toBe(gpkg.url);
    expect(new URL(gpkg.url).pathname).toMatch(
      new RegExp(`^/getapp/cache/map/${BUILTIN_IDS.map}/.+\\.gpkg$`),
    );
    for (const item of [gpkg, json]) {
      expect(Number.isInteger(item.id)).toBe(true);
      expect(item.size).toBe((await servedBytes(api().server, BUILTIN_IDS.map, item.itemKey)).length);
      expect(item).toMatchObject({ signature: null, isExecutable: false, arguments: null });
      expect(item).not.toHaveProperty('metaData');
    }
    expect(gpkg.hash?.algorithm).toBe('SHA256Hex');
    expect(json).not.toHaveProperty('hash');
    // The cache URL really serves the package the hash describes.
    const fetched = await fetch(gpkg.url);
    expect(fetched.status).toBe(200);
    const digest = createHash('sha256')
      .update(Buffer.from(await fetched.arrayBuffer()))
      .digest('hex');
    expect(digest).toBe(gpkg.hash?.hash);
  });

  it('keeps the published Base64 hash', async () => {
    await post(BUILTIN_IDS.b64Tools);
    api().clock.advance(8_000);
    const item = (await get(BUILTIN_IDS.b64Tools)).body.artifacts![0]!;
    expect(item.hash?.algorithm).toBe('SHA256Base64');
    expect(item.hash?.hash).toHaveLength(44);
  });

  it('rewrites docker references to the cache registry and leaves rpm references alone', async () => {
    await post(BUILTIN_IDS.mixedStack);
    api().clock.advance(8_000);
    const items = (await get(BUILTIN_IDS.mixedStack)).body.artifacts!;
    const docker = items.find((a) => a.artifactType === 'docker_image')!;
    const rpm = items.find((a) => a.artifactType === 'rpm')!;
    expect(docker.url).toBe('harbor-cache.demo.invalid/mixed-stack/mixed-stack-api:1.0.0');
    expect(rpm.url).toBe('rpm://mixed-stack-agent');
    expect(docker).not.toHaveProperty('size');
    expect(rpm).not.toHaveProperty('size');
  });
});
