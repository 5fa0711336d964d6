// The disk reader every verdict reads through (I3): direct reads where the file system has them, so a
// file just written is checked on the device; the same bytes the ordinary way where it refuses
// (EINVAL at open or at a read), from the first byte not yet fed; a real read error still fails.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tempTakesDirect, isDirectCall } from '../../../support/direct-probe.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIRECT_ALIGN } from '../../../../electron/engine/staging/direct-io.js';
import { openDiskReader } from '../../../../electron/engine/staging/disk-reader.js';
import { errno, faultyFs, type Faults } from '../../../support/staging-faulty-fs.js';

let folder: string;
let path: string;
/** Five blocks and a bit: with one block per read, six reads. */
const data = randomBytes(5 * DIRECT_ALIGN + 321);
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'courier-disk-reader-'));
  path = join(folder, 'file.bin');
  await writeFile(path, data);
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const direct = await tempTakesDirect();

const isDirect = isDirectCall;
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Reads [from, from + length) through a reader on `faults`; what it fed, and the calls it made. */
async function readThrough(faults: Faults, from = 0, length = data.length - from) {
  const fs = faultyFs(faults);
  const reader = await openDiskReader(fs, path, { readBytes: DIRECT_ALIGN });
  const hash = createHash('sha256');
  try {
    const fed = await reader.read([hash], { from, length });
    return { fed, sha256: hash.digest('hex'), calls: fs.calls };
  } finally {
    await reader.close();
  }
}

describe('openDiskReader', () => {
  it.skipIf(!direct)('I3: reads directly, and feeds exactly the range asked for', async () => {
    const whole = await readThrough({});
    expect(whole).toMatchObject({ fed: data.length, sha256: sha(data) });
    expect(whole.calls.filter((call) => call.op === 'read').every(isDirect)).toBe(true);
    const part = await readThrough({}, 1000, 3 * DIRECT_ALIGN);
    expect(part).toMatchObject({
      fed: 3 * DIRECT_ALIGN,
      sha256: sha(data.subarray(1000, 1000 + 3 * DIRECT_ALIGN)),
    });
  });

  it('a file system that refuses O_DIRECT at open is read the ordinary way', async () => {
    const read = await readThrough({
      before: (call) => (call.op === 'open' && isDirect(call) ? errno('EINVAL') : undefined),
    });
    expect(read).toMatchObject({ fed: data.length, sha256: sha(data) });
    expect(read.calls.some((call) => call.op === 'read' && isDirect(call))).toBe(false);
  });

  it.skipIf(!direct)(
    'a direct read refused midway: the rest the ordinary way, no byte fed twice or skipped',
    async () => {
      let directReads = 0;
      const read = await readThrough(
        {
          before: (call) => {
            if (call.op !== 'read' || !isDirect(call)) return undefined;
            directReads += 1;
            return directReads === 3 ? errno('EINVAL') : undefined;
          },
        },
        100,
      );
      // Fails if the refused block is fed twice, or skipped, after falling back.
      expect(read).toMatchObject({ fed: data.length - 100, sha256: sha(data.subarray(100)) });
      expect(read.calls.some((call) => call.op === 'read' && !isDirect(call))).toBe(true);
    },
  );

  it('a real read error (EIO) is not taken for a refusal: it fails the read', async () => {
    await expect(
      readThrough({ before: (call) => (call.op === 'read' ? errno('EIO') : undefined) }),
    ).rejects.toMatchObject({
      code: 'EIO',
    });
  });
});
