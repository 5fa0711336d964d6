// The demo object store as a client sees it: presigned URLs (valid, expired, tampered), headers,
// HEAD, S3 XML errors, conditional requests and backpressure. Real sockets on 127.0.0.1.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { Agent, get as httpGet, type IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryObject, seededObject } from '../../../electron/demo-server/stored-object.js';
import {
  get,
  LAST_MODIFIED,
  openConnections,
  releasePath,
  startStorage,
  waitUntil,
  xmlField,
  type StorageHarness,
} from '../../support/storage-harness.js';

const body = randomBytes(64 * 1024 + 7);
const object = memoryObject(body, LAST_MODIFIED, 'application/x-msi');
const msi = releasePath('field-nav-setup-2.3.1.msi');
const large = releasePath('large-image-1.0.0.img');

let storage: StorageHarness;
beforeEach(async () => {
  storage = await startStorage({ [msi]: object, [large]: seededObject('large', 2 ** 31, LAST_MODIFIED) });
});
afterEach(() => storage.close());

describe('GET and HEAD', () => {
  it('serves the whole object with S3 headers and logs the bytes sent', async () => {
    const url = storage.url(msi);
    expect(url).toContain('/1.field-nav%402.3.1/');
    const res = await get(url);
    expect(res.status).toBe(200);
    expect(res.body.equals(body)).toBe(true);
    expect(res.headers).toMatchObject({
      'content-length': String(body.length),
      'accept-ranges': 'bytes',
      etag: object.etag,
      'last-modified': 'Sun, 21 Jun 2026 09:12:00 GMT',
      'content-type': 'application/x-msi',
    });
    expect(res.headers['content-range']).toBeUndefined();
    expect(storage.log.entries).toMatchObject([
      { server: 'storage', method: 'GET', url: new URL(url).pathname + new URL(url).search, status: 200 },
    ]);
    expect(storage.log.entries[0]!.bytesSent).toBe(body.length);
  });

  it('answers HEAD with the same headers as GET and no body', async () => {
    const url = storage.url(msi);
    const [full, head] = [await get(url), await get(url, { method: 'HEAD' })];
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    const { date: _a, 'x-amz-request-id': _b, ...fullHeaders } = full.headers;
    const { date: _c, 'x-amz-request-id': _d, ...headHeaders } = head.headers;
    expect(headHeaders).toEqual(fullHeaders);
    expect(storage.log.entries.map((e) => [e.method, e.bytesSent])).toEqual([
      ['GET', body.length],
      ['HEAD', 0],
    ]);
  });
});

describe('keep-alive', () => {
  it('serves several requests, errors included, over one connection', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const fetchOne = (url: string, headers: Record<string, string> = {}) =>
      new Promise<[number | undefined, boolean, number]>((resolve, reject) => {
        const req = httpGet(url, { agent, headers }, (res) => {
          let length = 0;
          res.on('data', (chunk: Buffer) => (length += chunk.length));
          res.on('end', () => resolve([res.statusCode, req.reusedSocket, length]));
        });
        req.on('error', reject);
      });
    try {
      const results = [
        await fetchOne(storage.url(msi)),
        await fetchOne(storage.url(msi), { range: 'bytes=5-9' }),
        await fetchOne(storage.url(releasePath('nope.bin'))),
        await fetchOne(storage.url(msi), { 'if-none-match': object.etag }),
        await fetchOne(storage.url(msi)),
      ];
      expect(results.map(([status, reused]) => [status, reused])).toEqual([
        [200, false],
        [206, true],
        [404, true],
        [304, true],
        [200, true],
      ]);
      expect(results[1]![2]).toBe(5);
      expect(results[4]![2]).toBe(body.length);
    } finally {
      agent.destroy();
    }
  });
});

describe('presigned URLs', () => {
  it('refuses a tampered, missing or borrowed signature with SignatureDoesNotMatch', async () => {
    const url = new URL(storage.url(msi));
    const signature = url.searchParams.get('X-Amz-Signature')!;
    const flipped = new URL(url);
    flipped.searchParams.set(
      'X-Amz-Signature',
      `${signature.startsWith('0') ? '1' : '0'}${signature.slice(1)}`,
    );
    const longer = new URL(url);
    longer.searchParams.set('X-Amz-Expires', '604800');
    const borrowed = new URL(storage.url(large));
    borrowed.pathname = url.pathname;
    for (const bad of [flipped.href, longer.href, `${url.origin}${url.pathname}`, borrowed.href]) {
      const res = await get(bad);
      expect(res.status, bad).toBe(403);
      expect(xmlField(res.body, 'Code')).toBe('SignatureDoesNotMatch');
    }
    expect(storage.log.entries.every((e) => e.status === 403)).toBe(true);
  });

  it('expires a URL after its lifetime on the fake clock (AccessDenied, "Request has expired")', async () => {
    const url = storage.url(msi);
    storage.clock.now += 3600 * 1000;
    expect((await get(url)).status).toBe(200);
    storage.clock.now += 1;
    const res = await get(url);
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toBe('application/xml');
    expect(xmlField(res.body, 'Code')).toBe('AccessDenied');
    expect(xmlField(res.body, 'Message')).toBe('Request has expired');
    // A fresh URL works again: what a client gets by asking the API for the delivery once more (U5).
    expect((await get(storage.url(msi))).status).toBe(200);
  });

  it('expireIssuedUrls expires every URL issued so far but not later ones', async () => {
    const before = storage.url(msi);
    storage.presigner.expireIssuedUrls();
    storage.clock.now += 1000;
    const after = storage.url(msi);
    expect((await get(before)).status).toBe(403);
    expect(xmlField((await get(before)).body, 'Message')).toBe('Request has expired');
    expect((await get(after)).status).toBe(200);
  });
});

describe('S3 errors', () => {
  it('answers an unknown key with 404 NoSuchKey naming key, bucket, resource and request id', async () => {
    const path = releasePath('missing & <odd>.msi');
    const res = await get(storage.url(path));
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/xml');
    expect(res.body.toString()).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>NoSuchKey</);
    expect(xmlField(res.body, 'Key')).toBe('releases/1.field-nav@2.3.1/missing &amp; &lt;odd&gt;.msi');
    expect(xmlField(res.body, 'BucketName')).toBe('getapp');
    expect(xmlField(res.body, 'Resource')).toBe(
      `/${path.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}`,
    );
    expect(xmlField(res.body, 'RequestId')).toBe(res.headers['x-amz-request-id']);
    expect(storage.log.entries[0]).toMatchObject({ status: 404, bytesSent: res.body.length });
  });

  it('answers other methods with 405 MethodNotAllowed', async () => {
    for (const method of ['PUT', 'POST', 'DELETE']) {
      const res = await get(storage.url(msi), { method });
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD');
      expect(xmlField(res.body, 'Code')).toBe('MethodNotAllowed');
    }
  });

  it('sends error headers without a body to HEAD', async () => {
    const res = await get(storage.url(releasePath('nope.bin')), { method: 'HEAD' });
    expect(res.status).toBe(404);
    expect(res.body.length).toBe(0);
    expect(storage.log.entries[0]!.bytesSent).toBe(0);
  });

  it('answers a path that is not valid percent-encoding with 400 InvalidURI', async () => {
    const res = await get(`${storage.baseUrl}/getapp/%E0%A4%A?X-Amz-Signature=x`);
    expect(res.status).toBe(400);
    expect(xmlField(res.body, 'Code')).toBe('InvalidURI');
  });
});

describe('conditional requests', () => {
  const cases: [string, Record<string, string>, number][] = [
    ['If-None-Match with the ETag', { 'if-none-match': object.etag }, 304],
    ['If-None-Match with a weak form of the ETag', { 'if-none-match': `"x", W/${object.etag}` }, 304],
    ['If-None-Match with another ETag', { 'if-none-match': '"other"' }, 200],
    ['If-None-Match: *', { 'if-none-match': '*' }, 304],
    ['If-Match with the ETag', { 'if-match': object.etag }, 200],
    ['If-Match with another ETag', { 'if-match': '"other"' }, 412],
    ['If-Match with a weak ETag (strong comparison)', { 'if-match': `W/${object.etag}` }, 412],
    ['If-Modified-Since at Last-Modified', { 'if-modified-since': LAST_MODIFIED.toUTCString() }, 304],
    [
      'If-Modified-Since a second earlier',
      { 'if-modified-since': new Date(+LAST_MODIFIED - 1000).toUTCString() },
      200,
    ],
    [
      'If-Unmodified-Since a second earlier',
      { 'if-unmodified-since': new Date(+LAST_MODIFIED - 1000).toUTCString() },
      412,
    ],
    ['If-Unmodified-Since at Last-Modified', { 'if-unmodified-since': LAST_MODIFIED.toUTCString() }, 200],
  ];
  it.each(cases)('%s → %i', async (_name, headers, status) => {
    const res = await get(storage.url(msi), { headers });
    expect(res.status).toBe(status);
    if (status === 200) expect(res.body.equals(body)).toBe(true);
    if (status === 304) {
      expect(res.body.length).toBe(0);
      expect(res.headers.etag).toBe(object.etag);
    }
    if (status === 412) expect(xmlField(res.body, 'Code')).toBe('PreconditionFailed');
  });
});

describe('streaming', () => {
  it('holds back the 2 GiB object while the client does not read (backpressure, flat memory)', async () => {
    const client = httpGet(storage.url(large), { agent: false });
    client.on('error', () => {});
    const [res] = (await once(client, 'response')) as [IncomingMessage];
    res.pause();
    const entry = storage.log.entries[0]!;
    // Give an unbounded writer the chance to run ahead; a bounded one stops at the socket buffers.
    await waitUntil(async () => {
      const before = entry.bytesSent;
      await sleep(100);
      return entry.bytesSent === before;
    }, 'the server stops writing to a client that does not read');
    expect(entry.bytesSent).toBeGreaterThan(0);
    expect(entry.bytesSent).toBeLessThan(64 * 2 ** 20);
    client.destroy();
    await waitUntil(async () => (await openConnections(storage.server)) === 0, 'the connection is gone');
  });
});
