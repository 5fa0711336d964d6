// writeAll on a real file: every byte lands at its position in write calls of at most
// WRITE_CALL_BYTES (large writes cost twice the CPU per byte on VMs that return free memory to their
// host, issue 9), short writes are continued, and a write that makes no progress is an I/O error.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WRITE_CALL_BYTES, writeAll } from '../../../../electron/engine/staging/file-io.js';
import { CREATE_EXCLUSIVE } from '../../../../electron/engine/staging/fs-adapter.js';
import { faultyFs } from '../../../support/staging-faulty-fs.js';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'courier-file-io-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** The real file's handle, each write call's length recorded and its bytes cut to `most`. */
async function recordingHandle(path: string, most = Number.POSITIVE_INFINITY) {
  const lengths: number[] = [];
  const fs = faultyFs({
    mutateWrite: (_path, bytes) => {
      lengths.push(bytes.length);
      return bytes.subarray(0, Math.min(bytes.length, most));
    },
  });
  return { handle: await fs.open(path, CREATE_EXCLUSIVE, 0o600), lengths };
}

describe('writeAll', () => {
  it('writes every byte at its position, in calls of at most WRITE_CALL_BYTES', async () => {
    const path = join(folder, 'large.part');
    const { handle, lengths } = await recordingHandle(path);
    const data = randomBytes(4 * WRITE_CALL_BYTES + 5);
    expect(await writeAll(handle, data, 0)).toBe(data.length);
    await handle.close();
    expect(lengths).toEqual([...Array<number>(4).fill(WRITE_CALL_BYTES), 5]);
    expect((await readFile(path)).equals(data)).toBe(true);
  });

  it('carries on after short writes, at the right positions', async () => {
    const path = join(folder, 'short.part');
    const { handle, lengths } = await recordingHandle(path, 1000);
    const data = randomBytes(4500);
    expect(await writeAll(handle, data, 0)).toBe(4500);
    await handle.close();
    expect(lengths).toEqual([4500, 3500, 2500, 1500, 500]);
    expect((await readFile(path)).equals(data)).toBe(true);
  });

  it('reports a write that makes no progress as an I/O error instead of looping', async () => {
    const path = join(folder, 'stuck.part');
    const { handle } = await recordingHandle(path, 0);
    await expect(writeAll(handle, randomBytes(10), 0)).rejects.toMatchObject({ code: 'EIO' });
    await handle.close();
  });
});
