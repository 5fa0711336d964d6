// A clean download and the digest of the streamed bytes (I2), against the demo object store on
// 127.0.0.1. Signatures are checked on the bytes read back before commit: tests/integration/engine/integrity.
import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { downloadArtifact } from '../../../../electron/engine/download/download-artifact.js';
import {
  FIELD_NAV,
  TAMPERED,
  finalNames,
  trueBytes,
  useDownloadHarness,
} from '../../../support/download-harness.js';
import { faultyFs } from '../../../support/staging-faulty-fs.js';

const h = useDownloadHarness();

describe('clean download', () => {
  test('a seeded object lands in its .part with the catalog digest, checkpointed at the end', async () => {
    const [item] = await h().prepare(FIELD_NAV);
    const request = h().request(item!);
    const result = await downloadArtifact(request, h().deps());
    expect(result.ok && result.value).toMatchObject({
      size: item!.size,
      resumedFrom: 0,
      bytesFetched: item!.size,
    });
    if (!result.ok) return;
    expect(result.value.sha256.equals(item!.sha256)).toBe(true);
    expect(result.value.validator.etag).toMatch(/^".+"$/);
    expect((await readFile(request.partPath)).equals(await trueBytes(h().server, item!.itemKey))).toBe(true);
    expect(request.checkpoints.at(-1)).toEqual({ offset: item!.size, validator: result.value.validator });
    expect(request.progress.last).toBe(item!.size);
    expect(await finalNames(h().jobDir)).toEqual([]);
  });

  test('never sends Authorization, Device-Auth or cookies to the storage origin (A4)', async () => {
    const [item] = await h().prepare(FIELD_NAV);
    await downloadArtifact(h().request(item!), h().deps());
    const storage = h().server.requestLog!.entries.filter((e) => e.server === 'storage');
    expect(storage.length).toBeGreaterThan(0);
    for (const entry of storage) {
      expect(entry.headers).not.toHaveProperty('authorization');
      expect(entry.headers).not.toHaveProperty('device-auth');
      expect(entry.headers).not.toHaveProperty('cookie');
      expect(entry.headers['accept-encoding']).toBe('identity');
    }
  });

  test('checkpoints come at most every checkpointBytes and at the end (goal 4)', async () => {
    const [item] = await h().prepare(FIELD_NAV);
    const request = h().request(item!);
    const result = await downloadArtifact(request, h().deps({ checkpointBytes: 1024 * 1024 }));
    expect(result.ok).toBe(true);
    const offsets = request.checkpoints.map((c) => c.offset);
    expect(offsets.at(-1)).toBe(item!.size);
    offsets.slice(1).forEach((offset, i) => expect(offset - offsets[i]!).toBeGreaterThan(0));
    expect(offsets.length).toBeGreaterThanOrEqual(Math.floor(item!.size / (1024 * 1024)));
    expect(offsets.length).toBeLessThanOrEqual(Math.ceil(item!.size / (1024 * 1024)) + 1);
  });
});

describe('read back behind the writer (I3)', () => {
  test('durable ranges are read back while the download still writes; the digest is from the disk', async () => {
    const [item] = await h().prepare(FIELD_NAV);
    const fs = faultyFs();
    const request = h().request(item!);
    const result = await downloadArtifact(request, h().deps({ fs, checkpointBytes: 1024 * 1024 }));
    expect(result.ok && result.value.sha256.equals(item!.sha256)).toBe(true);
    const onPart = fs.calls.filter((c) => c.path === request.partPath);
    const firstRead = onPart.findIndex((c) => c.op === 'read');
    const lastWrite = onPart.map((c) => c.op).lastIndexOf('write');
    // Fails if the file is read back only after the last byte was written (a second pass at the end).
    expect(firstRead).toBeGreaterThan(-1);
    expect(firstRead).toBeLessThan(lastWrite);
  });

  test('a file a published hash will judge is hashed once, from the disk: no stream witness', async () => {
    const [item] = await h().prepare(FIELD_NAV);
    const plain = await downloadArtifact(h().request(item!), h().deps());
    expect(plain.ok && plain.value.streamedSha256).toBeNull();
    const witnessed = await downloadArtifact(h().request(item!, { witnessStream: true }), h().deps());
    expect(witnessed.ok && witnessed.value.streamedSha256?.equals(item!.sha256)).toBe(true);
  });
});

describe('tampered bytes', () => {
  test('the streamed digest differs from the declared one and nothing takes a final name (I1)', async () => {
    const [item] = await h().prepare(TAMPERED);
    const result = await downloadArtifact(h().request(item!), h().deps());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.sha256.equals(item!.sha256)).toBe(false);
    expect(await finalNames(h().jobDir)).toEqual([]);
  });
});
