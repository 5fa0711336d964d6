// updateDownloadStatus as a device meets it: 201 with an empty body, the real upsert rule (only a
// strictly newer currentTime replaces a row), "gpkg" for a missing itemKey, stripped unknown fields,
// and 400 bodies that list every problem (F15).
import { describe, expect, it } from 'vitest';
import type { DeliveryStatusDto, GatewayErrorBody } from '../../../electron/shared/getapp-protocol.js';
import type { StoredReport } from '../../../electron/demo-server/index.js';
import { T0, useDemoApi } from '../../support/demo-api.js';

const api = useDemoApi();
const KEY = '42.field-nav@2.3.1@field-nav-setup-2.3.1.msi';
const base: DeliveryStatusDto = {
  deviceId: 'TECH-LAPTOP-07',
  catalogId: '42.field-nav@2.3.1',
  itemKey: KEY,
  type: 'software',
  deliveryStatus: 'Start',
  downloadStart: '2026-07-02T08:16:00.000Z',
  currentTime: '2026-07-02T08:16:00.000Z',
  downloadData: 0,
};

function report(body: unknown, path = '/api/delivery/updateDownloadStatus') {
  return api().call<GatewayErrorBody>(path, { json: body });
}

async function stored(query = '') {
  const res = await api().call<StoredReport[]>(`/demo/status-reports${query}`, { auth: 'none' });
  expect(res.status).toBe(200);
  return res.body;
}

describe('accepted reports', () => {
  it('answers 201 with an empty body on every versioned path', async () => {
    for (const path of [
      '/api/delivery/updateDownloadStatus',
      '/api/v1/delivery/updateDownloadStatus',
      '/api/v2/delivery/updateDownloadStatus',
    ]) {
      const res = await report(base, path);
      expect(res.status).toBe(201);
      expect(res.text).toBe('');
      expect(res.headers.get('content-length')).toBe('0');
    }
  });

  it('stores the F14 sequence as one row holding the latest report', async () => {
    const sequence: DeliveryStatusDto[] = [
      base,
      {
        ...base,
        deliveryStatus: 'Download',
        currentTime: '2026-07-02T08:16:42.000Z',
        downloadData: 41,
        bitNumber: 30093312,
        downloadSpeed: 716507,
        downloadEstimateTime: 60400,
      },
      {
        ...base,
        deliveryStatus: 'Done',
        downloadDone: '2026-07-02T08:17:43.000Z',
        currentTime: '2026-07-02T08:17:43.500Z',
        downloadData: 100,
        bitNumber: 73400320,
      },
    ];
    for (const body of sequence) expect((await report(body)).status).toBe(201);
    const rows = await stored();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      deliveryStatus: 'Done',
      downloadData: 100,
      bitNumber: 73400320,
      received: 3,
    });
  });

  it('ignores an older, an equal, or a missing currentTime for an existing row', async () => {
    await report({
      ...base,
      deliveryStatus: 'Download',
      currentTime: '2026-07-02T08:16:42.000Z',
      downloadData: 41,
    });
    await report({ ...base, deliveryStatus: 'Error', currentTime: '2026-07-02T08:16:41.000Z' });
    await report({ ...base, deliveryStatus: 'Error', currentTime: '2026-07-02T08:16:42.000Z' });
    const { currentTime: _omit, ...noTime } = base;
    await report({ ...noTime, deliveryStatus: 'Error' });
    const rows = await stored();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ deliveryStatus: 'Download', downloadData: 41, received: 4 });
  });

  it('stores a report without currentTime when it is the first for its row', async () => {
    const { currentTime: _omit, ...noTime } = base;
    expect((await report(noTime)).status).toBe(201);
    expect(await stored()).toHaveLength(1);
  });

  it('stores a missing itemKey as "gpkg", as the SDK relies on', async () => {
    const { itemKey: _omit, ...noKey } = base;
    await report({ ...noKey, type: 'map' });
    expect((await stored())[0]!.itemKey).toBe('gpkg');
  });

  it('strips unknown properties but keeps a valid state', async () => {
    await report({ ...base, state: 'Download', isAdmin: true, path: '/etc/passwd' });
    await report({ ...base, itemKey: 'other', state: 'Sideways' });
    const rows = await stored();
    expect(rows[0]!.state).toBe('Download');
    expect(rows[0]).not.toHaveProperty('isAdmin');
    expect(rows[0]).not.toHaveProperty('path');
    expect(rows[1]).not.toHaveProperty('state');
  });

  it('keeps one row per device, catalogId and itemKey, and filters the demo page by them', async () => {
    await report(base);
    await report({ ...base, deviceId: 'OTHER' });
    await report({ ...base, catalogId: '1.x@1.0.0' });
    expect(await stored()).toHaveLength(3);
    expect(await stored('?deviceId=OTHER')).toHaveLength(1);
    expect(await stored('?deviceId=TECH-LAPTOP-07&catalogId=1.x%401.0.0')).toHaveLength(1);
    expect(await stored('?deviceId=&catalogId=')).toHaveLength(3);
    expect(api().server.reports.list({ deviceId: 'OTHER' })).toHaveLength(1);
  });

  it('needs authentication like the other delivery routes', async () => {
    const res = await api().call('/api/delivery/updateDownloadStatus', { json: base, auth: 'none' });
    expect(res.status).toBe(401);
    expect(await stored()).toHaveLength(0);
  });
});

describe('rejected reports', () => {
  it('rejects a lower-case deliveryStatus with the F15 body', async () => {
    const res = await report({ ...base, deliveryStatus: 'done' });
    const message = [
      'deliveryStatus must be one of the following values: Start, Done, Error, Cancelled, Pause, Continue, Download, Deleted',
    ];
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      name: 'BadRequestException',
      statusCode: 400,
      message,
      data: { statusCode: 400, message, error: 'Bad Request' },
      timestamp: new Date(T0).toISOString(),
      path: '/api/v1/delivery/updateDownloadStatus',
    });
    expect(await stored()).toHaveLength(0);
  });

  it('lists every problem, in field order', async () => {
    const res = await report({
      catalogId: '',
      type: 'file',
      deliveryStatus: 'Start',
      currentTime: 'yesterday',
      downloadData: '41',
      bitNumber: null,
      downloadSpeed: true,
    });
    expect(res.body.message).toEqual([
      'deviceId should not be empty',
      'deviceId must be a string',
      'catalogId should not be empty',
      'type must be one of the following values: software, map, cache, config',
      'currentTime must be a valid ISO 8601 date string',
      'downloadData must be a number conforming to the specified constraints',
      'downloadSpeed must be a number conforming to the specified constraints',
    ]);
  });

  it('rejects a non-string itemKey and a date that is not a calendar date', async () => {
    const res = await report({ ...base, itemKey: 7, downloadDone: '2026-13-45T99:00:00Z' });
    expect(res.body.message).toEqual([
      'itemKey must be a string',
      'downloadDone must be a valid ISO 8601 date string',
    ]);
  });
});
