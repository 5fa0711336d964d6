// Cache mode's failures as a client sees them: scripted cache-side errors for the next N
// preparations, the cache's own hash check catching 7.tampered (DELIVERY.notVerified), errors that
// stay until a POST restarts, and the origin's refusals passed through.
import { describe, expect, it } from 'vitest';
import type { PrepareDeliveryResDto } from '../../../electron/shared/getapp-protocol.js';
import { BUILTIN_IDS } from '../../../electron/demo-server/index.js';
import { useDemoApi, type ApiHarness } from '../../support/demo-api.js';

const FIELD_NAV = BUILTIN_IDS.fieldNav;

function client(api: () => ApiHarness) {
  return {
    post: (catalogId: string) =>
      api().call<PrepareDeliveryResDto>('/api/delivery/prepareDelivery', {
        json: { catalogId, deviceId: 'TECH-LAPTOP-07', itemType: 'software' },
      }),
    get: (catalogId: string) =>
      api().call<PrepareDeliveryResDto>(`/api/delivery/preparedDelivery/${encodeURIComponent(catalogId)}`),
  };
}

describe('scripted cache failures', () => {
  const api = useDemoApi({
    mode: 'cache',
    cache: {
      failures: {
        [FIELD_NAV]: { code: 'DELIVERY.download', times: 2 },
        [BUILTIN_IDS.b64Tools]: { code: 'DELIVERY.unableClearCache', times: 1 },
      },
    },
  });
  const { post, get } = client(api);

  it('ends the next N preparations in error, which stays until a POST restarts it', async () => {
    await post(FIELD_NAV);
    api().clock.advance(4_000);
    expect((await get(FIELD_NAV)).body.status).toBe('inProgress');
    api().clock.advance(4_000);
    const failed = await get(FIELD_NAV);
    expect(failed.status).toBe(200);
    expect(failed.text).toBe(
      JSON.stringify({
        status: 'error',
        catalogId: FIELD_NAV,
        error: {
          errorCode: 'DELIVERY.download',
          message: `Error in delivery process for catalogId: ${FIELD_NAV}`,
        },
      }),
    );
    // GETs never restart it, however long the client waits.
    api().clock.advance(48 * 3600_000);
    expect((await get(FIELD_NAV)).body.error?.errorCode).toBe('DELIVERY.download');

    // Second scripted failure, then the third preparation succeeds.
    expect((await post(FIELD_NAV)).body).toEqual({ catalogId: FIELD_NAV, status: 'start' });
    api().clock.advance(8_000);
    expect((await get(FIELD_NAV)).body.status).toBe('error');
    await post(FIELD_NAV);
    api().clock.advance(8_000);
    expect((await get(FIELD_NAV)).body.status).toBe('done');
  });

  it('fails a capacity problem before copying starts, so it never shows progress', async () => {
    await post(BUILTIN_IDS.b64Tools);
    expect((await get(BUILTIN_IDS.b64Tools)).body.status).toBe('start');
    api().clock.advance(1_000);
    const res = await get(BUILTIN_IDS.b64Tools);
    expect(res.body.status).toBe('error');
    expect(res.body.error?.errorCode).toBe('DELIVERY.unableClearCache');
    expect(res.body.error?.message).toContain(BUILTIN_IDS.b64Tools);
  });

  it('does not script catalogIds it was not asked to', async () => {
    await post(BUILTIN_IDS.mixedStack);
    api().clock.advance(8_000);
    expect((await get(BUILTIN_IDS.mixedStack)).body.status).toBe('done');
  });
});

describe("the cache's own hash check", () => {
  const api = useDemoApi({ mode: 'cache' });
  const { post, get } = client(api);
  const notVerified = {
    status: 'error',
    catalogId: BUILTIN_IDS.tampered,
    error: {
      errorCode: 'DELIVERY.notVerified',
      message: `Checksum failed for catalogId: ${BUILTIN_IDS.tampered} - item: ${BUILTIN_IDS.tampered}@tampered-1.0.0.bin`,
    },
  };

  it('ends 7.tampered in DELIVERY.notVerified after copying, and again after a restart', async () => {
    await post(BUILTIN_IDS.tampered);
    api().clock.advance(4_000);
    expect((await get(BUILTIN_IDS.tampered)).body.status).toBe('inProgress');
    api().clock.advance(4_000);
    expect((await get(BUILTIN_IDS.tampered)).text).toBe(JSON.stringify(notVerified));
    expect((await post(BUILTIN_IDS.tampered)).body.status).toBe('start');
    api().clock.advance(8_000);
    expect((await get(BUILTIN_IDS.tampered)).body).toEqual(notVerified);
  });

  it('lets honest hashed items through (3.b64-tools, the map)', async () => {
    await post(BUILTIN_IDS.b64Tools);
    await post(BUILTIN_IDS.map);
    api().clock.advance(8_000);
    expect((await get(BUILTIN_IDS.b64Tools)).body.status).toBe('done');
    expect((await get(BUILTIN_IDS.map)).body.status).toBe('done');
  });
});

describe('cache mode refusals', () => {
  const api = useDemoApi({ mode: 'cache' });
  const { post, get } = client(api);

  it('refuses not-released and unknown catalogIds as the origin does, on POST and GET', async () => {
    for (const answer of [await post(BUILTIN_IDS.notReleased), await get(BUILTIN_IDS.notReleased)]) {
      expect(answer.body).toEqual({
        catalogId: BUILTIN_IDS.notReleased,
        status: 'error',
        error: {
          message: `Catalog Id '${BUILTIN_IDS.notReleased}' package, not yet available for delivery`,
          errorCode: 'DELIVERY.downloadNotAvailable',
        },
      });
    }
    const unknown = await get('99.nope@1.0.0');
    expect(unknown.body).toEqual({
      catalogId: '99.nope@1.0.0',
      status: 'error',
      error: { message: 'Item not found, catalog Id: 99.nope@1.0.0', errorCode: 'DELIVERY.notFound' },
    });
  });
});

describe('cache timing options', () => {
  const api = useDemoApi({ mode: 'cache', cache: { prepareSeconds: 60, evictAfterSeconds: 120 } });
  const { post, get } = client(api);

  it('follows prepareSeconds and evictAfterSeconds', async () => {
    await post(FIELD_NAV);
    api().clock.advance(59_999);
    expect((await get(FIELD_NAV)).body.status).toBe('inProgress');
    api().clock.advance(1);
    expect((await get(FIELD_NAV)).body.status).toBe('done');
    api().clock.advance(120_000);
    expect((await get(FIELD_NAV)).body.status).toBe('delete');
  });
});
