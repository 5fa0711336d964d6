// Fault scripts of the demo object store, asserted as a client sees them on a real socket: status
// codes, lying lengths, truncation per framing, resets, extra bytes, gzip, corruption (the T hazards).
import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryObject } from '../../../electron/demo-server/stored-object.js';
import {
  get,
  LAST_MODIFIED,
  rawGet,
  releasePath,
  startStorage,
  xmlField,
  type StorageHarness,
} from '../../support/storage-harness.js';

const SIZE = 256 * 1024 + 3;
const body = randomBytes(SIZE);
const msi = releasePath('field-nav-setup-2.3.1.msi');
const text = Buffer.from('Field Navigator release notes. '.repeat(40_000));
const notes = releasePath('release-notes.txt');

let storage: StorageHarness;
beforeEach(async () => {
  storage = await startStorage({
    [msi]: memoryObject(body, LAST_MODIFIED),
    [notes]: memoryObject(text, LAST_MODIFIED, 'text/plain'),
  });
});
afterEach(() => storage.close());

describe('T7: scripted error statuses', () => {
  const cases: [number, string | undefined, string][] = [
    [503, '7', 'SlowDown'],
    [429, 'Wed, 21 Oct 2026 07:28:00 GMT', 'TooManyRequests'],
    [500, 'soon-ish', 'InternalError'],
    [502, '-1', 'BadGateway'],
    [403, undefined, 'AccessDenied'],
  ];
  it.each(cases)('%i with Retry-After %s, twice, then the object', async (status, retryAfter, code) => {
    storage.faults.storage('setup-2.3.1', { status, times: 2, ...(retryAfter ? { retryAfter } : {}) });
    const url = storage.url(msi);
    for (let i = 0; i < 2; i += 1) {
      const res = await get(url);
      expect(res.status).toBe(status);
      expect(res.headers['retry-after']).toBe(retryAfter);
      expect(res.headers['content-type']).toBe('application/xml');
      expect(xmlField(res.body, 'Code')).toBe(code);
    }
    const res = await get(url);
    expect(res.status).toBe(200);
    expect(res.body.equals(body)).toBe(true);
    expect(storage.log.entries.map((e) => e.status)).toEqual([status, status, 200]);
  });

  it('applies a script only to paths that contain its match', async () => {
    storage.faults.storage('setup-2.3.1', { status: 503 });
    expect((await get(storage.url(notes))).status).toBe(200);
    expect((await get(storage.url(msi))).status).toBe(503);
  });
});

describe('T8: Range anomalies', () => {
  it('ignoreRange answers a Range with 200 and the whole object', async () => {
    storage.faults.storage('setup', { ignoreRange: true });
    const res = await get(storage.url(msi), { headers: { range: 'bytes=1000-' } });
    expect(res.status).toBe(200);
    expect(res.headers['content-range']).toBeUndefined();
    expect(res.headers['content-length']).toBe(String(SIZE));
    expect(res.body.equals(body)).toBe(true);
  });
});

describe('M7: a Content-Length that lies', () => {
  it('a shorter one cuts the body there, and the response looks complete', async () => {
    storage.faults.storage('setup', { contentLength: SIZE - 100 });
    const res = await get(storage.url(msi));
    expect(res.headers['content-length']).toBe(String(SIZE - 100));
    expect(res.complete).toBe(true);
    expect(res.body.equals(body.subarray(0, SIZE - 100))).toBe(true);
    expect(storage.log.entries[0]!.bytesSent).toBe(SIZE - 100);
  });

  it('a longer one gets the whole body, then the connection closes mid-framing', async () => {
    storage.faults.storage('setup', { contentLength: SIZE + 100 });
    const res = await get(storage.url(msi));
    expect(res.headers['content-length']).toBe(String(SIZE + 100));
    expect(res.complete).toBe(false);
    expect(res.error).toBe('ECONNRESET');
    expect(res.body.equals(body)).toBe(true);
  });
});

describe('T3: truncated bodies, one per framing', () => {
  it('without a scripted length, the body is EOF-delimited and a short one completes silently', async () => {
    storage.faults.storage('setup', { truncateAfterBytes: 1000 });
    const res = await get(storage.url(msi));
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.headers['transfer-encoding']).toBeUndefined();
    expect(res.headers.connection).toBe('close');
    expect(res.complete).toBe(true);
    expect(res.body.equals(body.subarray(0, 1000))).toBe(true);
    expect(storage.log.entries[0]!.bytesSent).toBe(1000);
  });

  it('a truncated 206 is EOF-delimited too, with the Content-Range of the full range', async () => {
    storage.faults.storage('setup', { truncateAfterBytes: 10 });
    const res = await get(storage.url(msi), { headers: { range: 'bytes=100-' } });
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes 100-${SIZE - 1}/${SIZE}`);
    expect(res.body.equals(body.subarray(100, 110))).toBe(true);
  });

  it('with the true Content-Length, the client sees the body end early', async () => {
    storage.faults.storage('setup', { truncateAfterBytes: 1000, contentLength: SIZE });
    const res = await get(storage.url(msi));
    expect(res.headers['content-length']).toBe(String(SIZE));
    expect([res.complete, res.error]).toEqual([false, 'ECONNRESET']);
    expect(res.body.equals(body.subarray(0, 1000))).toBe(true);
  });

  it('chunked (gzip) framing loses its last chunk', async () => {
    storage.faults.storage('release-notes', { gzip: true, truncateAfterBytes: 100 });
    const res = await get(storage.url(notes));
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect([res.complete, res.error]).toEqual([false, 'ECONNRESET']);
    expect(res.body.length).toBe(100);
    expect(() => gunzipSync(res.body)).toThrow(/unexpected end of file/);
  });
});

describe('T2: connection reset', () => {
  it.each([0, 0.5, 0.999])(
    'at %f of the body; a Range resume then re-downloads nothing',
    async (fraction) => {
      const cut = Math.floor(SIZE * fraction);
      storage.faults.storage('setup', { resetAfterBytes: cut, times: 1 });
      const url = storage.url(msi);
      const first = await get(url);
      expect(first.status).toBe(200);
      expect([first.complete, first.error]).toEqual([false, 'ECONNRESET']);
      expect(first.body.equals(body.subarray(0, cut))).toBe(true);

      const rest = await get(url, { headers: { range: `bytes=${cut}-` } });
      expect(rest.status).toBe(206);
      expect(Buffer.concat([first.body, rest.body]).equals(body)).toBe(true);
      expect(storage.log.entries.map((e) => e.bytesSent)).toEqual([cut, SIZE - cut]);
      expect(storage.log.bytesSent('setup')).toBe(SIZE);
    },
  );
});

describe('T4: bytes beyond the declared length', () => {
  it('extraBytes follow the body on the raw connection and are counted as sent', async () => {
    storage.faults.storage('setup', { extraBytes: 70_000 });
    const res = await rawGet(storage.url(msi));
    expect(res.head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(res.head.toLowerCase()).toContain(`content-length: ${SIZE}\r\n`);
    expect(res.body.length).toBe(SIZE + 70_000);
    expect(res.body.subarray(0, SIZE).equals(body)).toBe(true);
    expect(storage.log.entries[0]!.bytesSent).toBe(SIZE + 70_000);
  });
});

describe('T9: encodings and content types', () => {
  it('gzip sends Content-Encoding: gzip and a body 10× smaller than the object', async () => {
    storage.faults.storage('release-notes', { gzip: true });
    const res = await get(storage.url(notes));
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.body.length).toBeLessThan(text.length / 10);
    expect(gunzipSync(res.body).equals(text)).toBe(true);
    expect(storage.log.entries[0]!.bytesSent).toBe(res.body.length);
  });

  it('gzip of a range compresses just that range', async () => {
    storage.faults.storage('release-notes', { gzip: true });
    const res = await get(storage.url(notes), { headers: { range: 'bytes=31-61' } });
    expect(res.status).toBe(206);
    expect(gunzipSync(res.body).equals(text.subarray(31, 62))).toBe(true);
  });

  it('contentType serves a captive-portal look (text/html) with the same bytes', async () => {
    storage.faults.storage('setup', { contentType: 'text/html; charset=utf-8' });
    const res = await get(storage.url(msi));
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body.equals(body)).toBe(true);
  });
});

describe('I1: corrupted bytes', () => {
  it('flips exactly the byte at the object offset, in whole and ranged responses alike', async () => {
    storage.faults.storage('setup', { corruptByteAt: 5000, times: 2 });
    const whole = await get(storage.url(msi));
    const ranged = await get(storage.url(msi), { headers: { range: 'bytes=4990-5009' } });
    const clean = await get(storage.url(msi));

    const expected = Buffer.from(body);
    expected[5000] = expected[5000]! ^ 0xff;
    expect(whole.body.equals(expected)).toBe(true);
    expect(ranged.body.equals(expected.subarray(4990, 5010))).toBe(true);
    // The stored bytes are untouched: the next request gets the original.
    expect(clean.body.equals(body)).toBe(true);
  });

  it('a corrupt offset outside the range changes nothing', async () => {
    storage.faults.storage('setup', { corruptByteAt: 10 });
    const res = await get(storage.url(msi), { headers: { range: 'bytes=11-100' } });
    expect(res.body.equals(body.subarray(11, 101))).toBe(true);
  });
});
