// The hashing thread every verdict's SHA-256 is computed on (issue 9): the same digest as sha256sum,
// whether the bytes come from shared memory (read in place) or ordinary memory (copied), with streams
// kept apart; a reader never reuses a buffer the thread still reads; and a thread that stops gives
// an error, never a digest over part of the bytes.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createThreadHash, stopHashThread } from '../../../../electron/engine/integrity/hash-thread.js';
import { alignedBuffer } from '../../../../electron/engine/staging/direct-io.js';
import { openDiskReader } from '../../../../electron/engine/staging/disk-reader.js';
import { faultyFs } from '../../../support/staging-faulty-fs.js';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'courier-hash-thread-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** What sha256sum says of `bytes` (the reference implementation, not ours). */
async function sha256sum(bytes: Uint8Array): Promise<string> {
  const path = join(folder, `reference-${Math.random()}`);
  await writeFile(path, bytes);
  return execFileSync('sha256sum', [path], { encoding: 'utf8' }).split(' ')[0]!;
}

describe('SHA-256 on the hashing thread', () => {
  it('matches sha256sum for chunks from shared and from ordinary memory, two streams interleaved', async () => {
    const first = randomBytes(3 * 1024 * 1024 + 17);
    const second = randomBytes(1024 * 1024 + 5);
    const shared = alignedBuffer(first.length, { shared: true });
    expect(shared.buffer).toBeInstanceOf(SharedArrayBuffer);
    shared.set(first);
    const a = createThreadHash();
    const b = createThreadHash();
    const pieces = [0, 1000, 1024 * 1024, 2 * 1024 * 1024 + 3, first.length];
    for (let i = 0; i + 1 < pieces.length; i += 1) {
      await a.update(shared.subarray(pieces[i], pieces[i + 1]));
      // Ordinary memory in between, for the other stream.
      await b.update(
        second.subarray(i * 300_000, i === pieces.length - 2 ? second.length : (i + 1) * 300_000),
      );
    }
    expect((await a.digest()).toString('hex')).toBe(await sha256sum(first));
    expect((await b.digest()).toString('hex')).toBe(await sha256sum(second));
  });

  it('a disk reader reads into a buffer again only once the thread is done with what it held', async () => {
    // Every MiB different, so a buffer overwritten too early would change what the sink saw.
    const data = Buffer.concat(Array.from({ length: 6 }, (_, i) => Buffer.alloc(1024 * 1024, i + 1)));
    const path = join(folder, 'file.bin');
    await writeFile(path, data);
    const reader = await openDiskReader(faultyFs({}), path, { readBytes: 1024 * 1024 });
    const seen: string[] = [];
    const slowSink = {
      update: async (chunk: Uint8Array) => {
        const before = Buffer.from(chunk).toString('hex', 0, 8);
        // Slower than a read: the reader must wait rather than overwrite this chunk.
        await new Promise((resolve) => setTimeout(resolve, 20));
        seen.push(before === Buffer.from(chunk).toString('hex', 0, 8) ? 'intact' : 'overwritten');
      },
    };
    const hash = createThreadHash();
    try {
      expect(await reader.read([hash, slowSink])).toBe(data.length);
    } finally {
      await reader.close();
    }
    expect(seen).toEqual(Array(6).fill('intact'));
    expect((await hash.digest()).toString('hex')).toBe(await sha256sum(data));
  });

  it('a thread that stops fails the streams it held; a new stream gets a new thread', async () => {
    const cut = createThreadHash();
    await cut.update(randomBytes(1000));
    await stopHashThread();
    await expect(cut.update(randomBytes(1000))).rejects.toThrow(/hashing thread stopped/);
    await expect(cut.digest()).rejects.toThrow();
    const fresh = createThreadHash();
    const bytes = randomBytes(5000);
    await fresh.update(bytes);
    expect((await fresh.digest()).toString('hex')).toBe(await sha256sum(bytes));
  });
});
