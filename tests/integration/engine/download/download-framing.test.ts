// Framings node:http accepts silently (§0.2), over a raw node:net server: an EOF-delimited body cut
// short (T3), bytes past the declared size (T4), 206s that lie (T8), and redirects (U3).
import { createHash, randomBytes } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, test } from 'vitest';
import { downloadArtifact } from '../../../../electron/engine/download/download-artifact.js';
import type { DownloadRequest } from '../../../../electron/engine/download/download-types.js';
import { FIELD_NAV, finalNames, useDownloadHarness } from '../../../support/download-harness.js';
import { honestReply, startRawServer } from '../../../support/download-raw-server.js';
import type { RawReply, RawRequest, RawServer } from '../../../support/download-raw-server.js';

const h = useDownloadHarness();
const ITEM = 'raw.test@1.0.0@payload.bin';
const BODY = randomBytes(300_000);
const opened: RawServer[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

async function raw(
  reply: (request: RawRequest, index: number) => RawReply,
  host?: string,
): Promise<RawServer> {
  const server = await startRawServer(reply, host);
  opened.push(server);
  return server;
}

function depsFor(...servers: RawServer[]) {
  const allowedOrigins = [...servers.map((s) => s.origin), new URL(h().server.storageUrl).origin];
  return h().deps({ urlPolicy: { allowedOrigins, allowHttp: true } });
}

function request(server: RawServer, fields: Partial<DownloadRequest> = {}): DownloadRequest {
  return {
    itemKey: ITEM,
    url: server.url('/payload.bin'),
    expectedSize: BODY.length,
    partPath: `${h().partsDir}/payload.bin.part`,
    ...fields,
  };
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();

describe('T3: truncated bodies', () => {
  test('an EOF-delimited body cut short is detected and resumed, never taken as complete', async () => {
    const half = BODY.length / 2;
    const server = await raw((req, i) =>
      i === 0
        ? {
            status: 200,
            headers: [['Content-Type', 'application/octet-stream']],
            body: BODY.subarray(0, half),
          }
        : honestReply(BODY, req),
    );
    const result = await downloadArtifact(request(server), depsFor(server));
    expect(result.ok && result.value.sha256.equals(sha256(BODY))).toBe(true);
    expect(server.requests[1]?.headers.range).toBe(`bytes=${half}-`);
    expect((await readFile(`${h().partsDir}/payload.bin.part`)).equals(BODY)).toBe(true);
  });

  test('a server that always cuts short fails the item with a size error after the attempt budget', async () => {
    const server = await raw(() => ({ status: 200, body: BODY.subarray(0, 1000) }));
    const result = await downloadArtifact(request(server), depsFor(server));
    expect(!result.ok && result.error).toMatchObject({ code: 'CLIENT.sizeMismatch', itemKey: ITEM });
    expect(!result.ok && result.error.message).toContain(ITEM);
    expect(server.requests).toHaveLength(5);
    expect(await finalNames(h().jobDir)).toEqual([]);
  });
});

describe('T4: more bytes than declared', () => {
  test('an EOF-delimited body running past the declared size is aborted before the excess is written', async () => {
    const server = await raw(() => ({ status: 200, body: Buffer.concat([BODY, Buffer.alloc(5000, 1)]) }));
    const result = await downloadArtifact(request(server), depsFor(server));
    expect(!result.ok && result.error).toMatchObject({
      code: 'CLIENT.sizeMismatch',
      retryable: false,
      itemKey: ITEM,
    });
    expect((await stat(`${h().partsDir}/payload.bin.part`)).size).toBeLessThanOrEqual(BODY.length);
    expect(server.requests).toHaveLength(1);
  });

  test('bytes after a correct Content-Length never reach the file', async () => {
    const server = await raw(() => ({
      status: 200,
      headers: [['Content-Length', String(BODY.length)]],
      body: Buffer.concat([BODY, Buffer.from('HTTP/1.1 200 OK\r\n\r\nEXTRA')]),
    }));
    const result = await downloadArtifact(request(server), depsFor(server));
    expect(result.ok && result.value.size).toBe(BODY.length);
    expect((await readFile(`${h().partsDir}/payload.bin.part`)).equals(BODY)).toBe(true);
  });

  test('unknown size: an endless chunked stream stops at the maxSize cap (M7)', async () => {
    const chunk = Buffer.concat([Buffer.from('10000\r\n'), Buffer.alloc(0x10000, 2), Buffer.from('\r\n')]);
    const server = await raw(() => ({
      status: 200,
      headers: [['Transfer-Encoding', 'chunked']],
      body: Buffer.concat(Array.from({ length: 40 }, () => chunk)),
      then: 'hang',
    }));
    const deps = { ...depsFor(server), maxSize: 1024 * 1024 };
    const result = await downloadArtifact(request(server, { expectedSize: undefined }), deps);
    expect(!result.ok && result.error).toMatchObject({ code: 'CLIENT.sizeMismatch', retryable: false });
    expect((await stat(`${h().partsDir}/payload.bin.part`)).size).toBeLessThanOrEqual(1024 * 1024);
  });
});

describe('T8: lying 206s', () => {
  const offset = 100_000;
  const seed = () => writeFile(`${h().partsDir}/payload.bin.part`, BODY.subarray(0, offset));

  test('a 206 that starts before the offset restarts from zero and still ends right', async () => {
    await seed();
    const server = await raw((req) => {
      if (!req.headers.range) return honestReply(BODY, req);
      const start = offset - 10;
      return {
        status: 206,
        headers: [['Content-Range', `bytes ${start}-${BODY.length - 1}/${BODY.length}`]],
        body: BODY.subarray(start),
      };
    });
    const result = await downloadArtifact(
      request(server, { resume: { offset, validator: {} } }),
      depsFor(server),
    );
    expect(result.ok && result.value).toMatchObject({ resumedFrom: offset, size: BODY.length });
    expect(server.requests.map((r) => r.headers.range)).toEqual([`bytes=${offset}-`, undefined]);
    expect((await readFile(`${h().partsDir}/payload.bin.part`)).equals(BODY)).toBe(true);
  });

  test('a 206 whose total differs from the declared size fails before any byte is written', async () => {
    await seed();
    const server = await raw(() => ({
      status: 206,
      headers: [['Content-Range', `bytes ${offset}-${BODY.length}/${BODY.length + 1}`]],
      body: Buffer.concat([BODY.subarray(offset), Buffer.alloc(1)]),
    }));
    const result = await downloadArtifact(
      request(server, { resume: { offset, validator: {} } }),
      depsFor(server),
    );
    expect(!result.ok && result.error).toMatchObject({ code: 'CLIENT.sizeMismatch', retryable: false });
    expect((await readFile(`${h().partsDir}/payload.bin.part`)).equals(BODY.subarray(0, offset))).toBe(true);
  });
});

describe('short ranges', () => {
  test('a server that answers in 100 kB ranges is followed to the end, each range checked', async () => {
    await writeFile(`${h().partsDir}/payload.bin.part`, BODY.subarray(0, 1000));
    const server = await raw((req) => {
      const start = Number(/^bytes=(\d+)-$/.exec(req.headers.range ?? '')?.[1] ?? 0);
      const end = Math.min(start + 100_000, BODY.length) - 1;
      return {
        status: 206,
        headers: [
          ['Content-Range', `bytes ${start}-${end}/${BODY.length}`],
          ['Content-Length', String(end - start + 1)],
        ],
        body: BODY.subarray(start, end + 1),
      };
    });
    const result = await downloadArtifact(
      request(server, { resume: { offset: 1000, validator: {} } }),
      depsFor(server),
    );
    expect(result.ok && result.value.sha256.equals(sha256(BODY))).toBe(true);
    expect(server.requests.map((r) => r.headers.range)).toEqual(
      [1000, 101_000, 201_000].map((start) => `bytes=${start}-`),
    );
  });
});

describe('U3: redirects', () => {
  test('a redirect to an allowed origin is followed, with no credential headers at either end', async () => {
    const [item] = await h().prepare(FIELD_NAV);
    const server = await raw(() => ({ status: 302, headers: [['Location', item!.url.href]] }));
    const result = await downloadArtifact(
      { ...request(server), itemKey: item!.itemKey, expectedSize: item!.size },
      depsFor(server),
    );
    expect(result.ok && result.value.sha256.equals(item!.sha256)).toBe(true);
    const target = h().server.requestLog!.entries.filter((e) => e.server === 'storage');
    for (const headers of [...server.requests.map((r) => r.headers), ...target.map((e) => e.headers)]) {
      expect(Object.keys(headers)).not.toContain('authorization');
      expect(Object.keys(headers)).not.toContain('device-auth');
    }
  });

  test('a redirect to an origin outside the allowlist is refused and never contacted', async () => {
    const elsewhere = await raw((req) => honestReply(BODY, req), '127.0.0.2');
    const server = await raw(() => ({
      status: 307,
      headers: [['Location', elsewhere.url('/payload.bin').href]],
    }));
    const result = await downloadArtifact(request(server), depsFor(server));
    expect(!result.ok && result.error).toMatchObject({
      code: 'CLIENT.urlRejected',
      retryable: false,
      itemKey: ITEM,
    });
    expect(elsewhere.requests).toHaveLength(0);
  });

  test('a redirect loop stops after 5 hops', async () => {
    const server = await raw((req) => ({ status: 301, headers: [['Location', `${req.path}x`]] }));
    const result = await downloadArtifact(request(server), depsFor(server));
    expect(!result.ok && result.error.code).toBe('CLIENT.urlRejected');
    expect(server.requests).toHaveLength(6);
  });
});
