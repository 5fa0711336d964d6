// Resume the way apt and curl test it (§0.5, T2, T8, I2, I4, goal 4): Range from the durable offset,
// If-Range with the validator, restart from zero whenever the partial cannot be continued.
import { appendFile, readFile, stat, writeFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { downloadArtifact } from '../../../../electron/engine/download/download-artifact.js';
import { FIELD_NAV, finalNames, trueBytes, useDownloadHarness } from '../../../support/download-harness.js';
import type { Artifact } from '../../../support/download-harness.js';

const h = useDownloadHarness();
/** What one socket read can hand over at most here; goal 4 allows one chunk of re-download. */
const CHUNK = 64 * 1024;

async function firstItem(): Promise<Artifact> {
  const [item] = await h().prepare(FIELD_NAV);
  return item!;
}

function storageRequests(name: string) {
  return h().server.requestLog!.entries.filter(
    (e) => e.server === 'storage' && e.url.includes(encodeURIComponent(name)),
  );
}

async function expectTrueFile(path: string, item: Artifact): Promise<void> {
  expect((await readFile(path)).equals(await trueBytes(h().server, item.itemKey))).toBe(true);
  expect(await finalNames(h().jobDir)).toEqual([]);
}

describe('T2: reset mid-transfer', () => {
  test('a reset at 50 % resumes with Range and fetches only the remainder (+ at most one chunk)', async () => {
    const item = await firstItem();
    const half = Math.floor(item.size / 2);
    h().server.faults!.storage(item.name, { resetAfterBytes: half, times: 1 });
    const request = h().request(item);
    const result = await downloadArtifact(request, h().deps());
    expect(result.ok && result.value.sha256.equals(item.sha256)).toBe(true);
    const [first, second] = storageRequests(item.name);
    expect(first?.headers.range).toBeUndefined();
    expect(second?.headers.range).toMatch(/^bytes=\d+-$/);
    expect(second?.headers['if-range']).toBe(result.ok ? result.value.validator.etag : '');
    expect(h().server.requestLog!.bytesSent(encodeURIComponent(item.name)) - item.size).toBeLessThanOrEqual(
      CHUNK,
    );
    await expectTrueFile(request.partPath, item);
  });

  test('a new call from the journal offset after a truncation fetches only the rest; a torn tail is dropped', async () => {
    const item = await firstItem();
    const cut = 1_000_000;
    h().server.faults!.storage(item.name, { truncateAfterBytes: cut, contentLength: item.size, times: 1 });
    const first = h().request(item);
    const failed = await downloadArtifact(first, h().deps({ retry: { attempts: 1, baseMs: 0, maxMs: 0 } }));
    expect(!failed.ok && failed.error).toMatchObject({
      code: 'CLIENT.network',
      retryable: true,
      itemKey: item.itemKey,
    });
    const journal = first.checkpoints.at(-1)!;
    expect(journal.offset).toBe(cut);
    // Bytes past the durable offset are what a crash can leave behind: never trusted.
    await appendFile(first.partPath, Buffer.alloc(4096, 0x5a));

    const second = h().request(item, { resume: journal });
    const result = await downloadArtifact(second, h().deps());
    expect(result.ok && result.value).toMatchObject({ resumedFrom: cut, bytesFetched: item.size - cut });
    expect(result.ok && result.value.sha256.equals(item.sha256)).toBe(true);
    await expectTrueFile(second.partPath, item);
  });
});

describe('T8: range anomalies', () => {
  async function seedHalf(item: Artifact): Promise<{ offset: number; validator: { etag: string } }> {
    const bytes = await trueBytes(h().server, item.itemKey);
    const offset = Math.floor(item.size / 2);
    await writeFile(h().partPath(item), bytes.subarray(0, offset));
    return {
      offset,
      validator: { etag: h().server.catalog.deliveries.get(FIELD_NAV)!.artifacts[0]!.file!.object.etag },
    };
  }

  test('a server that ignores Range (200) makes a restart from zero, and the file is still right', async () => {
    const item = await firstItem();
    const resume = await seedHalf(item);
    h().server.faults!.storage(item.name, { ignoreRange: true });
    const request = h().request(item, { resume });
    const result = await downloadArtifact(request, h().deps());
    expect(result.ok && result.value).toMatchObject({ resumedFrom: resume.offset, bytesFetched: item.size });
    expect(result.ok && result.value.sha256.equals(item.sha256)).toBe(true);
    expect(request.checkpoints[0]).toMatchObject({ offset: 0 });
    await expectTrueFile(request.partPath, item);
  });

  test('a changed ETag (If-Range fails, 200) restarts and keeps the new validator', async () => {
    const item = await firstItem();
    const resume = await seedHalf(item);
    h().server.faults!.storage(item.name, { etag: 'changed-on-server' });
    const request = h().request(item, { resume });
    const result = await downloadArtifact(request, h().deps());
    const [sent] = storageRequests(item.name);
    expect(sent?.headers['if-range']).toBe(resume.validator.etag);
    expect(sent?.headers.range).toBe(`bytes=${resume.offset}-`);
    expect(sent?.status).toBe(200);
    expect(result.ok && result.value.validator.etag).toBe('"changed-on-server"');
    expect(result.ok && result.value.bytesFetched).toBe(item.size);
    await expectTrueFile(request.partPath, item);
  });

  test('416 on a partial that is already complete: verified locally, nothing fetched', async () => {
    const item = await firstItem();
    await writeFile(h().partPath(item), await trueBytes(h().server, item.itemKey));
    const request = h().request(item, { resume: { offset: item.size, validator: {} } });
    const result = await downloadArtifact(request, h().deps());
    expect(storageRequests(item.name).map((e) => e.status)).toEqual([416]);
    expect(result.ok && result.value).toMatchObject({
      size: item.size,
      bytesFetched: 0,
      resumedFrom: item.size,
    });
    expect(result.ok && result.value.sha256.equals(item.sha256)).toBe(true);
  });

  test('I4: a partial larger than the declared size is thrown away and the file fetched from zero', async () => {
    const item = await firstItem();
    await writeFile(h().partPath(item), Buffer.alloc(item.size + 100, 7));
    const request = h().request(item, { resume: { offset: item.size + 100, validator: {} } });
    const result = await downloadArtifact(request, h().deps());
    expect(result.ok && result.value).toMatchObject({ resumedFrom: 0, bytesFetched: item.size });
    expect(storageRequests(item.name)[0]?.headers.range).toBeUndefined();
    await expectTrueFile(request.partPath, item);
  });

  test('I2: a corrupt partial is hashed with the rest, so the digest exposes it', async () => {
    const item = await firstItem();
    const resume = await seedHalf(item);
    const bytes = await readFile(h().partPath(item));
    bytes[10] = bytes[10]! ^ 0xff;
    await writeFile(h().partPath(item), bytes);
    const result = await downloadArtifact(h().request(item, { resume }), h().deps());
    expect(result.ok && result.value).toMatchObject({
      resumedFrom: resume.offset,
      bytesFetched: item.size - resume.offset,
    });
    expect(result.ok && result.value.sha256.equals(item.sha256)).toBe(false);
  });

  test('a journal offset beyond the bytes on disk resumes from what is really there', async () => {
    const item = await firstItem();
    const resume = await seedHalf(item);
    const request = h().request(item, { resume: { ...resume, offset: resume.offset + 5000 } });
    const result = await downloadArtifact(request, h().deps());
    expect(result.ok && result.value.resumedFrom).toBe(resume.offset);
    expect(result.ok && result.value.sha256.equals(item.sha256)).toBe(true);
    expect((await stat(request.partPath)).size).toBe(item.size);
  });
});
