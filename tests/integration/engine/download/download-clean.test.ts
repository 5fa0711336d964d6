// A clean download, and the digest and signature verdicts a caller commits on (I2, M8), against the
// demo object store on 127.0.0.1.
import { readFile, stat } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { downloadArtifact } from '../../../../electron/engine/download/download-artifact.js';
import {
  FIELD_NAV,
  TAMPERED,
  finalNames,
  trueBytes,
  useDownloadHarness,
} from '../../../support/download-harness.js';

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

describe('signatures (M8)', () => {
  test('a valid signature verifies over the streamed bytes', async () => {
    const [item] = await h().prepare(FIELD_NAV);
    const result = await downloadArtifact(
      h().request(item!, {
        signature: { publicKeyPem: h().server.publicKeyPem, signatureBase64: item!.signature! },
      }),
      h().deps(),
    );
    expect(result.ok && result.value.signatureValid).toBe(true);
  });

  test('a signature swapped from another item of the same job fails', async () => {
    const [first, second] = await h().prepare(FIELD_NAV);
    const result = await downloadArtifact(
      h().request(first!, {
        signature: { publicKeyPem: h().server.publicKeyPem, signatureBase64: second!.signature! },
      }),
      h().deps(),
    );
    expect(result.ok && result.value.signatureValid).toBe(false);
    expect(result.ok && result.value.sha256.equals(first!.sha256)).toBe(true);
  });

  test('junk or lenient base64 never verifies, and no signature asked gives undefined', async () => {
    const [item] = await h().prepare(FIELD_NAV);
    const sig = item!.signature!;
    // Node's decoder would accept each of these as the same bytes or skip the junk (§0.3).
    const urlSafe = `${sig.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}-_`;
    for (const signatureBase64 of [`${sig}!`, ` ${sig}`, `${sig}\n`, urlSafe, '', 'AAAA']) {
      const result = await downloadArtifact(
        h().request(item!, { signature: { publicKeyPem: h().server.publicKeyPem, signatureBase64 } }),
        h().deps(),
      );
      expect(result.ok && result.value.signatureValid).toBe(false);
    }
    const plain = await downloadArtifact(h().request(item!), h().deps());
    expect(plain.ok && plain.value.signatureValid).toBeUndefined();
  });

  test('tampered bytes: the digest differs from the declared one and the signature fails (I1)', async () => {
    const [item] = await h().prepare(TAMPERED);
    const result = await downloadArtifact(
      h().request(item!, {
        signature: { publicKeyPem: h().server.publicKeyPem, signatureBase64: item!.signature! },
      }),
      h().deps(),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.sha256.equals(item!.sha256)).toBe(false);
    expect(result.value.signatureValid).toBe(false);
    expect(await finalNames(h().jobDir)).toEqual([]);
  });

  test('a pinned key that is not ECDSA P-256 is refused before any request', async () => {
    const [item] = await h().prepare(FIELD_NAV);
    const before = h().server.requestLog!.count(item!.name, 'storage');
    const request = h().request(item!, {
      signature: { publicKeyPem: 'not a key', signatureBase64: item!.signature! },
    });
    const result = await downloadArtifact(request, h().deps());
    expect(!result.ok && result.error).toMatchObject({
      code: 'CLIENT.invalidRequest',
      itemKey: item!.itemKey,
    });
    expect(h().server.requestLog!.count(item!.name, 'storage')).toBe(before);
    await expect(stat(request.partPath)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
