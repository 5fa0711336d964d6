// Direct I/O's rules on real files (issue 9): which part of a write may go directly, that the aligned
// memory is what O_DIRECT accepts (and ordinary memory is not), that aligned reads feed exactly the
// bytes asked for, and that a part file resumed at an odd offset (I2) still ends with every byte in
// place when the write batcher hands it batches.
import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tempEnforcesAlignment, tempTakesDirect, isDirectCall } from '../../../support/direct-probe.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WriteBatcher } from '../../../../electron/engine/download/write-batcher.js';
import {
  DIRECT_ALIGN,
  O_DIRECT,
  alignedBuffer,
  directSpan,
} from '../../../../electron/engine/staging/direct-io.js';
import { readInto } from '../../../../electron/engine/staging/file-io.js';
import { openPart } from '../../../../electron/engine/staging/part-file.js';
import { faultyFs } from '../../../support/staging-faulty-fs.js';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'courier-direct-io-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const direct = await tempTakesDirect();
const strict = await tempEnforcesAlignment();

describe('directSpan', () => {
  const memory = alignedBuffer(4 * DIRECT_ALIGN);
  it.each([
    [
      'aligned memory at an aligned offset: all of it',
      0,
      0,
      3 * DIRECT_ALIGN,
      { head: 0, body: 3 * DIRECT_ALIGN },
    ],
    [
      'a tail shorter than a block goes the ordinary way',
      0,
      0,
      2 * DIRECT_ALIGN + 7,
      { head: 0, body: 2 * DIRECT_ALIGN },
    ],
    [
      'memory and file equally far from a block: head, then whole blocks',
      100,
      100,
      3 * DIRECT_ALIGN,
      { head: DIRECT_ALIGN - 100, body: 2 * DIRECT_ALIGN },
    ],
    [
      'memory and file skewed differently: none of it',
      100,
      0,
      3 * DIRECT_ALIGN,
      { head: 3 * DIRECT_ALIGN, body: 0 },
    ],
    ['less than a block: none of it', 0, 0, 100, { head: 0, body: 0 }],
    ['ending before the first boundary: all ordinary', 5, 5, 100, { head: 100, body: 0 }],
  ])('%s', (_name, memoryOffset, position, length, expected) => {
    expect(directSpan(memory.subarray(memoryOffset, memoryOffset + length), position)).toEqual(expected);
  });

  it('ordinary memory is never written directly: its alignment is unknown', () => {
    expect(directSpan(Buffer.alloc(2 * DIRECT_ALIGN), 0)).toEqual({ head: 2 * DIRECT_ALIGN, body: 0 });
  });
});

describe.skipIf(!direct)('on a file system with O_DIRECT', () => {
  it.skipIf(!strict)('aligned memory is taken where alignment is enforced, at any block of it', async () => {
    const handle = await open(
      join(folder, 'probe'),
      O_DIRECT | constants.O_WRONLY | constants.O_CREAT,
      0o600,
    );
    const memory = alignedBuffer(3 * DIRECT_ALIGN);
    try {
      // Ordinary memory is refused here (tempEnforcesAlignment), so these pass only if the memory is aligned.
      expect((await handle.write(memory, 0, DIRECT_ALIGN, 0)).bytesWritten).toBe(DIRECT_ALIGN);
      expect(
        (await handle.write(memory.subarray(DIRECT_ALIGN), 0, 2 * DIRECT_ALIGN, DIRECT_ALIGN)).bytesWritten,
      ).toBe(2 * DIRECT_ALIGN);
    } finally {
      await handle.close();
    }
  });

  it('aligned reads feed exactly [from, from + length), including a short last block', async () => {
    const data = randomBytes(3 * DIRECT_ALIGN + 123);
    const path = join(folder, 'data');
    await writeFile(path, data);
    const handle = await open(path, O_DIRECT);
    const pair = alignedBuffer(2 * DIRECT_ALIGN);
    const buffers = [pair.subarray(0, DIRECT_ALIGN), pair.subarray(DIRECT_ALIGN)] as const;
    try {
      for (const [from, length] of [
        [0, data.length],
        [1000, 5000],
        [DIRECT_ALIGN + 5, data.length - DIRECT_ALIGN - 5],
      ] as const) {
        const hash = createHash('sha256');
        const fed = await readInto(handle, [hash], { from, length, buffers, align: DIRECT_ALIGN });
        expect(fed).toBe(length);
        expect(hash.digest('hex')).toBe(
          createHash('sha256')
            .update(data.subarray(from, from + length))
            .digest('hex'),
        );
      }
    } finally {
      await handle.close();
    }
  });

  it('I2: a part resumed at an odd offset gets every byte in place, its whole blocks written directly', async () => {
    const fs = faultyFs();
    const prefix = randomBytes(1000);
    const rest = randomBytes(5 * DIRECT_ALIGN + 77);
    await writeFile(join(folder, 'f.part'), prefix);
    const opened = await openPart({
      folder: { partsDir: folder, fs },
      fileName: 'f',
      offset: prefix.length,
      declaredSize: null,
    });
    if (!opened.ok) throw new Error(opened.error.message);
    const part = opened.value;
    // Batches of two blocks, filled and detached as the body pump does.
    const batcher = WriteBatcher.take(2 * DIRECT_ALIGN, part.position);
    let received = part.position;
    for (let at = 0; at < rest.length;) {
      const region = batcher.region(rest.length - at);
      rest.copy(region, 0, at, at + region.length);
      batcher.commit(region.length);
      at += region.length;
      received += region.length;
      if (batcher.full || at === rest.length)
        expect((await part.write(batcher.detach(received))).ok).toBe(true);
    }
    batcher.release();
    expect((await part.close()).ok).toBe(true);
    expect(await readFile(join(folder, 'f.part'))).toEqual(Buffer.concat([prefix, rest]));
    const directWrites = fs.calls.filter((call) => call.op === 'write' && isDirectCall(call));
    expect(directWrites.length).toBeGreaterThan(0);
  });
});
