// Transport faults on real sockets with the engine's clock under test control (T1, T5, T7, T9, M7):
// backoff and Retry-After are asserted as the sleeps asked for, watchdogs by advancing the clock.
import { once } from 'node:events';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { describe, expect, test } from 'vitest';
import { downloadArtifact } from '../../../../electron/engine/download/download-artifact.js';
import { startRawServer } from '../../../support/download-raw-server.js';
import { selfSignedCert } from '../../../support/http-test-server.js';
import {
  FIELD_NAV,
  finalNames,
  trueBytes,
  useDownloadHarness,
  waitFor,
} from '../../../support/download-harness.js';
import type { Artifact } from '../../../support/download-harness.js';

const h = useDownloadHarness();
const CHUNK = 64 * 1024;

async function firstItem(): Promise<Artifact> {
  const [item] = await h().prepare(FIELD_NAV);
  return item!;
}

const sent = (item: Artifact) => h().server.requestLog!.bytesSent(encodeURIComponent(item.name));
const statuses = (item: Artifact) =>
  h()
    .server.requestLog!.entries.filter((e) => e.url.includes(encodeURIComponent(item.name)))
    .map((e) => e.status);

describe('M7: Content-Length against the declared size', () => {
  test('a disagreeing Content-Length fails before any body byte is written, and is not retried', async () => {
    const item = await firstItem();
    h().server.faults!.storage(item.name, { contentLength: item.size - 1 });
    const request = h().request(item);
    const result = await downloadArtifact(request, h().deps());
    expect(!result.ok && result.error).toMatchObject({
      code: 'CLIENT.sizeMismatch',
      retryable: false,
      itemKey: item.itemKey,
    });
    expect(!result.ok && result.error.message).toContain(item.itemKey);
    expect((await stat(request.partPath)).size).toBe(0);
    expect(statuses(item)).toHaveLength(1);
  });

  test('on resume, the partial is left exactly as it was', async () => {
    const item = await firstItem();
    const prefix = (await trueBytes(h().server, item.itemKey)).subarray(0, 500_000);
    await writeFile(h().partPath(item), prefix);
    h().server.faults!.storage(item.name, { contentLength: 10 });
    const request = h().request(item, { resume: { offset: prefix.length, validator: {} } });
    const result = await downloadArtifact(request, h().deps());
    expect(!result.ok && result.error.code).toBe('CLIENT.sizeMismatch');
    expect((await readFile(request.partPath)).equals(prefix)).toBe(true);
  });
});

describe('T9: encodings and web pages', () => {
  test('a gzip body is refused without being inflated or written', async () => {
    const item = await firstItem();
    h().server.faults!.storage(item.name, { gzip: true });
    const request = h().request(item);
    const result = await downloadArtifact(request, h().deps());
    expect(!result.ok && result.error).toMatchObject({
      code: 'CLIENT.badResponse',
      retryable: false,
      itemKey: item.itemKey,
    });
    expect((await stat(request.partPath)).size).toBe(0);
    expect(request.progress.last).toBe(0);
  });

  test('text/html is flagged as a proxy or login page', async () => {
    const item = await firstItem();
    h().server.faults!.storage(item.name, { contentType: 'text/html; charset=utf-8' });
    const result = await downloadArtifact(h().request(item), h().deps());
    expect(!result.ok && result.error.code).toBe('CLIENT.badResponse');
    expect(!result.ok && result.error.message).toMatch(/web page \(proxy or login page\?\)/);
  });
});

describe('T7: server errors and Retry-After', () => {
  test('503 with Retry-After twice, then success: waits exactly what the server asked', async () => {
    const item = await firstItem();
    h().server.faults!.storage(item.name, { status: 503, retryAfter: '7', times: 2 });
    const pending = downloadArtifact(
      h().request(item),
      h().deps({ retry: { attempts: 5, baseMs: 1000, maxMs: 16_000 } }),
    );
    for (const index of [0, 1]) {
      expect(await h().clock.sleepRequested(index)).toBe(7000);
      await h().clock.advance(7000);
    }
    const result = await pending;
    expect(result.ok && result.value.sha256.equals(item.sha256)).toBe(true);
    expect(statuses(item)).toEqual([503, 503, 200]);
  });

  test('a huge Retry-After is capped at 300 s; garbage falls back to backoff', async () => {
    const item = await firstItem();
    h().server.faults!.storage(item.name, { status: 429, retryAfter: '1000000000', times: 1 });
    h().server.faults!.storage(item.name, { status: 503, retryAfter: 'soon', times: 1 });
    const pending = downloadArtifact(
      h().request(item),
      h().deps({ retry: { attempts: 5, baseMs: 1000, maxMs: 16_000 } }),
    );
    expect(await h().clock.sleepRequested(0)).toBe(300_000);
    await h().clock.advance(300_000);
    expect(await h().clock.sleepRequested(1)).toBe(2000);
    await h().clock.advance(2000);
    expect((await pending).ok).toBe(true);
  });

  test('T1: backoff is 1, 2, 4, 8 s and the item fails after 5 attempts (500s)', async () => {
    const item = await firstItem();
    h().server.faults!.storage(item.name, { status: 500 });
    const pending = downloadArtifact(
      h().request(item),
      h().deps({ retry: { attempts: 5, baseMs: 1000, maxMs: 16_000 } }),
    );
    for (const [index, ms] of [1000, 2000, 4000, 8000].entries()) {
      expect(await h().clock.sleepRequested(index)).toBe(ms);
      await h().clock.advance(ms);
    }
    const result = await pending;
    expect(!result.ok && result.error).toMatchObject({
      code: 'CLIENT.serverError',
      httpStatus: 500,
      itemKey: item.itemKey,
    });
    expect(statuses(item)).toEqual([500, 500, 500, 500, 500]);
    expect(h().clock.sleeps).toHaveLength(4);
  });

  test('jitter spreads each delay by at most ±20 %', async () => {
    const item = await firstItem();
    h().server.faults!.storage(item.name, { status: 502, times: 2 });
    const deps = h().deps({ retry: { attempts: 5, baseMs: 1000, maxMs: 16_000 }, random: () => 0.999 });
    const pending = downloadArtifact(h().request(item), deps);
    for (const [index, nominal] of [1000, 2000].entries()) {
      const ms = await h().clock.sleepRequested(index);
      expect(ms).toBeGreaterThan(nominal * 1.19);
      expect(ms).toBeLessThanOrEqual(nominal * 1.2);
      await h().clock.advance(ms);
    }
    expect((await pending).ok).toBe(true);
  });

  test('404 is not retried', async () => {
    const item = await firstItem();
    h().server.faults!.storage(item.name, { status: 404 });
    const result = await downloadArtifact(h().request(item), h().deps());
    expect(!result.ok && result.error).toMatchObject({
      retryable: false,
      httpStatus: 404,
      itemKey: item.itemKey,
    });
    expect(statuses(item)).toEqual([404]);
  });

  test('T1: a refused connection is retried with backoff, then fails as CLIENT.network', async () => {
    const closed = await startRawServer(() => ({ status: 500 }));
    await closed.close();
    const request = {
      itemKey: 'gone@1@x.bin',
      url: closed.url('/x.bin'),
      expectedSize: 10,
      partPath: `${h().partsDir}/x.bin.part`,
    };
    const deps = h().deps({
      urlPolicy: { allowedOrigins: [closed.origin], allowHttp: true },
      retry: { attempts: 3, baseMs: 1000, maxMs: 16_000 },
    });
    const pending = downloadArtifact(request, deps);
    for (const [index, ms] of [1000, 2000].entries()) {
      expect(await h().clock.sleepRequested(index)).toBe(ms);
      await h().clock.advance(ms);
    }
    const result = await pending;
    expect(!result.ok && result.error).toMatchObject({ code: 'CLIENT.network', itemKey: 'gone@1@x.bin' });
  });
});

describe('T1: TLS', () => {
  const made = selfSignedCert();
  test.skipIf('skip' in made)('a certificate the transport refuses is not retried', async () => {
    if ('skip' in made) return;
    let hits = 0;
    const server = createServer({ cert: made.cert, key: made.key }, (_req, res) => {
      hits += 1;
      res.end('never');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const deps = h().deps({
        urlPolicy: { allowedOrigins: [origin], allowHttp: false },
        retry: { attempts: 5, baseMs: 1000, maxMs: 16_000 },
      });
      const request = {
        itemKey: 'tls@1@x.bin',
        url: new URL(`${origin}/x.bin`),
        expectedSize: 5,
        partPath: `${h().partsDir}/x.bin.part`,
      };
      const result = await downloadArtifact(request, deps);
      expect(!result.ok && result.error).toMatchObject({
        code: 'CLIENT.network',
        retryable: false,
        itemKey: 'tls@1@x.bin',
      });
      expect(h().clock.sleeps).toEqual([]);
      expect(hits).toBe(0);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('T5: stalls and slow loris', () => {
  test('a body that stops is aborted after stallMs and resumed from where it stopped', async () => {
    const item = await firstItem();
    const half = Math.floor(item.size / 2);
    h().server.faults!.storage(item.name, { stallAfterBytes: half, times: 1 });
    const request = h().request(item);
    const pending = downloadArtifact(request, h().deps());
    await waitFor(() => request.progress.last >= half, 'the first half');
    await h().clock.advance(29_000);
    expect(statuses(item)).toHaveLength(1);
    await h().clock.advance(2_000);
    const result = await pending;
    expect(result.ok && result.value.sha256.equals(item.sha256)).toBe(true);
    expect(statuses(item)).toEqual([200, 206]);
    expect(sent(item) - item.size).toBeLessThanOrEqual(CHUNK);
    expect(h().clock.pending).toBe(0);
  });

  test('a stall that never ends fails as CLIENT.stalled once the attempts are spent', async () => {
    const item = await firstItem();
    // Each resume gets 1000 more bytes, then silence: too little progress to earn fresh attempts.
    h().server.faults!.storage(item.name, { stallAfterBytes: 1000 });
    const request = h().request(item);
    const pending = downloadArtifact(request, h().deps({ retry: { attempts: 2, baseMs: 0, maxMs: 0 } }));
    await waitFor(() => request.progress.last >= 1000, 'the first bytes');
    await h().clock.advance(31_000);
    await waitFor(() => statuses(item).length === 2, 'the resume request');
    // Wait for the resumed body itself: until its headers are in, the transport's header deadline
    // (on the same fake clock) is pending too, and moving time would fire it instead of the watchdog.
    await waitFor(() => request.progress.last >= 2000, 'the resumed bytes');
    await waitFor(() => h().clock.pending > 0, 'the second watchdog');
    await h().clock.advance(31_000);
    const result = await pending;
    expect(!result.ok && result.error).toMatchObject({
      code: 'CLIENT.stalled',
      retryable: true,
      itemKey: item.itemKey,
    });
    expect(request.checkpoints.at(-1)?.offset).toBe(2000);
    expect(h().clock.pending).toBe(0);
  });

  test('a drip below the throughput floor is aborted as too slow', async () => {
    const item = await firstItem();
    h().server.faults!.storage(item.name, { dripBytesPerSecond: 100 });
    const request = h().request(item);
    const deps = h().deps({
      retry: { attempts: 1, baseMs: 0, maxMs: 0 },
      timeouts: {
        connectMs: 15_000,
        headersMs: 30_000,
        stallMs: 30_000,
        minThroughput: { bytesPerSecond: 1024, windowMs: 5000 },
      },
    });
    const pending = downloadArtifact(request, deps);
    let settled = false;
    void pending.finally(() => (settled = true));
    for (let second = 0; second < 20 && !settled; second += 1) {
      const before = request.progress.last;
      await waitFor(() => settled || request.progress.last > before, 'another drip');
      await h().clock.advance(1000);
    }
    const result = await pending;
    expect(!result.ok && result.error).toMatchObject({ code: 'CLIENT.stalled', detail: { reason: 'slow' } });
    expect(await finalNames(h().jobDir)).toEqual([]);
  });
});
