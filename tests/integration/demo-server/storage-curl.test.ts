// curl as an independent peer of the demo object store: ranged downloads and `-C -` resumes of a
// seeded object must leave files whose SHA-256 is the object's true SHA-256.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seededBuffer } from '../../../electron/demo-server/seeded-bytes.js';
import { seededObject, sha256Of } from '../../../electron/demo-server/stored-object.js';
import {
  LAST_MODIFIED,
  releasePath,
  startStorage,
  type StorageHarness,
} from '../../support/storage-harness.js';

const run = promisify(execFile);
const SIZE = 5 * 2 ** 20 + 11;
const SEED = 'curl-peer';
const path = releasePath('field-nav-offline-tiles-2.3.1.zip');
const object = seededObject(SEED, SIZE, LAST_MODIFIED);
const bytes = seededBuffer(SEED, SIZE);
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** curl's exit code and what `-w` printed; curl failing is a result here, not an exception. */
async function curl(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run('/usr/bin/curl', ['-s', ...args], { maxBuffer: 1 << 20 });
    return { code: 0, out: stdout };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string };
    return { code: failure.code ?? -1, out: failure.stdout ?? '' };
  }
}

let dir: string;
let trueSha: string;
let storage: StorageHarness;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'courier-storage-curl-'));
  trueSha = (await sha256Of(object)).toString('hex');
});
afterAll(() => rm(dir, { recursive: true, force: true }));
beforeEach(async () => {
  storage = await startStorage({ [path]: object });
});
afterEach(() => storage.close());

describe('curl against the object store', () => {
  it('downloads the whole object with its true SHA-256', async () => {
    const file = join(dir, 'whole.zip');
    expect(await curl('-o', file, '-w', '%{http_code}', storage.url(path))).toEqual({ code: 0, out: '200' });
    expect(sha256(await readFile(file))).toBe(trueSha);
    expect(sha256(bytes)).toBe(trueSha);
  });

  it('-r 100-999 gets exactly those 900 bytes', async () => {
    const file = join(dir, 'range.bin');
    expect(await curl('-r', '100-999', '-o', file, '-w', '%{http_code}', storage.url(path))).toEqual({
      code: 0,
      out: '206',
    });
    const got = await readFile(file);
    expect(got.length).toBe(900);
    expect(sha256(got)).toBe(sha256(bytes.subarray(100, 1000)));
    expect(storage.log.entries[0]).toMatchObject({ status: 206, bytesSent: 900 });
    expect(storage.log.entries[0]!.headers.range).toBe('bytes=100-999');
  });

  it('three -r pieces put together are the object', async () => {
    const pieces: Buffer[] = [];
    for (const range of ['0-99', '100-999', '1000-']) {
      const file = join(dir, `piece-${range}`);
      expect((await curl('-r', range, '-o', file, storage.url(path))).code).toBe(0);
      pieces.push(await readFile(file));
    }
    expect(sha256(Buffer.concat(pieces))).toBe(trueSha);
  });

  it('-C - resumes a partially written file from its length', async () => {
    const file = join(dir, 'resumed.zip');
    const have = 1_234_567;
    await writeFile(file, bytes.subarray(0, have));
    expect(await curl('-C', '-', '-o', file, '-w', '%{http_code}', storage.url(path))).toEqual({
      code: 0,
      out: '206',
    });
    expect(sha256(await readFile(file))).toBe(trueSha);
    expect(storage.log.entries[0]!.headers.range).toBe(`bytes=${have}-`);
    expect(storage.log.bytesSent('offline-tiles')).toBe(SIZE - have);
  });

  it('-C - on a complete file gets 416, which curl accepts without touching the file', async () => {
    const file = join(dir, 'complete.zip');
    await writeFile(file, bytes);
    expect(await curl('-C', '-', '-o', file, '-w', '%{http_code}', storage.url(path))).toEqual({
      code: 0,
      out: '416',
    });
    expect(sha256(await readFile(file))).toBe(trueSha);
  });

  it('T2: after a reset mid-body, curl -C - finishes the file without re-downloading a byte', async () => {
    const file = join(dir, 'reset.zip');
    storage.faults.storage('offline-tiles', { resetAfterBytes: 2_000_000, times: 1 });
    // 18: "transfer closed with bytes remaining", i.e. curl saw the body end short.
    expect((await curl('-o', file, storage.url(path))).code).toBe(18);
    expect((await readFile(file)).length).toBe(2_000_000);
    expect((await curl('-C', '-', '-o', file, storage.url(path))).code).toBe(0);
    expect(sha256(await readFile(file))).toBe(trueSha);
    expect(storage.log.bytesSent('offline-tiles')).toBe(SIZE);
  });

  it('-I sees the object headers without a body', async () => {
    const { out } = await curl('-I', storage.url(path));
    expect(out).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(out.toLowerCase()).toContain(`content-length: ${SIZE}\r\n`);
    expect(out.toLowerCase()).toContain('accept-ranges: bytes\r\n');
    expect(storage.log.entries[0]).toMatchObject({ method: 'HEAD', bytesSent: 0 });
  });
});
