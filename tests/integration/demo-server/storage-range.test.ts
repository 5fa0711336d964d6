// Range and If-Range on the demo object store, as S3 answers them: 206 with Content-Range, clamped
// ends, 416 for unsatisfiable ranges, 200 for invalid or multi-range headers and failed If-Range.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seededBuffer } from '../../../electron/demo-server/seeded-bytes.js';
import { memoryObject, seededObject } from '../../../electron/demo-server/stored-object.js';
import {
  get,
  LAST_MODIFIED,
  releasePath,
  startStorage,
  xmlField,
  type StorageHarness,
} from '../../support/storage-harness.js';

const SIZE = 10_000;
const body = randomBytes(SIZE);
const object = memoryObject(body, LAST_MODIFIED);
const path = releasePath('tiles.zip');
const empty = releasePath('empty.bin');
const seeded = releasePath('seeded.img');
const SEEDED_SIZE = 3 * 2 ** 20 + 13;

let storage: StorageHarness;
beforeEach(async () => {
  storage = await startStorage({
    [path]: object,
    [empty]: memoryObject(Buffer.alloc(0), LAST_MODIFIED),
    [seeded]: seededObject('range-test', SEEDED_SIZE, LAST_MODIFIED),
  });
});
afterEach(() => storage.close());

describe('satisfiable ranges → 206', () => {
  const cases: [string, number, number][] = [
    ['bytes=100-999', 100, 999],
    ['bytes=0-0', 0, 0],
    ['bytes=9000-', 9000, 9999],
    ['bytes=9999-', 9999, 9999],
    ['bytes=-500', 9500, 9999],
    ['bytes=-1', 9999, 9999],
    ['bytes=9990-20000', 9990, 9999],
    ['bytes=-20000', 0, 9999],
    ['bytes=0-99999999999999999999', 0, 9999],
    ['bytes = 5 - 9', 5, 9],
  ];
  it.each(cases)('%s → bytes %i-%i', async (range, start, end) => {
    const res = await get(storage.url(path), { headers: { range } });
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/${SIZE}`);
    expect(res.headers['content-length']).toBe(String(end - start + 1));
    expect(res.body.equals(body.subarray(start, end + 1))).toBe(true);
    expect(storage.log.entries[0]).toMatchObject({ status: 206, bytesSent: end - start + 1 });
  });

  it('cuts a seeded object at offsets that do not fall on its block boundaries', async () => {
    const expected = seededBuffer('range-test', SEEDED_SIZE);
    for (const [start, end] of [
      [1_000_003, 2_500_017],
      [SEEDED_SIZE - 5, SEEDED_SIZE - 1],
      [15, 16],
    ] as const) {
      const res = await get(storage.url(seeded), { headers: { range: `bytes=${start}-${end}` } });
      expect(res.status).toBe(206);
      expect(res.body.equals(expected.subarray(start, end + 1))).toBe(true);
    }
  });

  it('answers HEAD with a Range with the 206 headers and no body', async () => {
    const res = await get(storage.url(path), { method: 'HEAD', headers: { range: 'bytes=10-19' } });
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes 10-19/${SIZE}`);
    expect(res.headers['content-length']).toBe('10');
    expect(res.body.length).toBe(0);
  });
});

describe('unsatisfiable ranges → 416', () => {
  const cases: [string, string][] = [
    ['start at the size', 'bytes=10000-'],
    ['start past the size', 'bytes=10001-10005'],
    ['an empty suffix', 'bytes=-0'],
  ];
  it.each(cases)('%s (%s)', async (_name, range) => {
    const res = await get(storage.url(path), { headers: { range } });
    expect(res.status).toBe(416);
    expect(res.headers['content-range']).toBe(`bytes */${SIZE}`);
    expect(res.headers['content-type']).toBe('application/xml');
    expect(xmlField(res.body, 'Code')).toBe('InvalidRange');
  });

  it('any range of a zero-length object', async () => {
    for (const range of ['bytes=0-', 'bytes=-1', 'bytes=0-0']) {
      const res = await get(storage.url(empty), { headers: { range } });
      expect(res.status).toBe(416);
      expect(res.headers['content-range']).toBe('bytes */0');
    }
    const whole = await get(storage.url(empty));
    expect([whole.status, whole.headers['content-length'], whole.body.length]).toEqual([200, '0', 0]);
  });
});

describe('ranges S3 ignores → 200 with the whole object', () => {
  const cases = ['bytes=0-1,5-6', 'bytes=5-3', 'bytes=abc', 'items=0-5', 'bytes=', 'bytes=-', 'bytes=1-2-3'];
  it.each(cases)('%s', async (range) => {
    const res = await get(storage.url(path), { headers: { range } });
    expect(res.status).toBe(200);
    expect(res.headers['content-range']).toBeUndefined();
    expect(res.body.equals(body)).toBe(true);
  });
});

describe('If-Range', () => {
  const range = 'bytes=4000-';
  const earlier = new Date(+LAST_MODIFIED - 1000).toUTCString();
  const cases: [string, string, 200 | 206][] = [
    ['the current ETag', object.etag, 206],
    ['another ETag', '"0123456789abcdef0123456789abcdef"', 200],
    ['the weak form of the ETag (strong comparison)', `W/${object.etag}`, 200],
    ['Last-Modified as an HTTP date', LAST_MODIFIED.toUTCString(), 206],
    ['a date one second earlier', earlier, 200],
    ['garbage', 'not a validator', 200],
  ];
  it.each(cases)('with %s → %i', async (_name, ifRange, status) => {
    const res = await get(storage.url(path), { headers: { range, 'if-range': ifRange } });
    expect(res.status).toBe(status);
    expect(res.body.equals(status === 206 ? body.subarray(4000) : body)).toBe(true);
    expect(res.headers['content-range']).toBe(status === 206 ? `bytes 4000-9999/${SIZE}` : undefined);
  });

  it('T8: after the object "changed" (new ETag), an If-Range resume gets the whole object', async () => {
    const before = await get(storage.url(path), { method: 'HEAD' });
    storage.faults.storage('tiles.zip', { etag: 'a-newer-upload' });
    const res = await get(storage.url(path), { headers: { range, 'if-range': before.headers.etag! } });
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"a-newer-upload"');
    expect(res.body.equals(body)).toBe(true);
    const fresh = await get(storage.url(path), { headers: { range, 'if-range': '"a-newer-upload"' } });
    expect(fresh.status).toBe(206);
  });
});
