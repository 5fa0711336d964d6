// Deterministic artifact bytes from a seed: an AES-256-CTR keystream, so any byte range can be
// produced directly (seekable, no period a resume bug could hide behind) at memory speed.
// Pure Node.
import { createCipheriv, createHash } from 'node:crypto';
import { Readable } from 'node:stream';

const BLOCK = 16;
const CHUNK = 1 << 20;
const zeros = Buffer.alloc(CHUNK);

function keyFor(seed: string): Buffer {
  return createHash('sha256').update(`courier-demo-bytes:${seed}`).digest();
}

function counterIv(blockIndex: number): Buffer {
  const iv = Buffer.alloc(BLOCK);
  // Offsets stay far below 2^53, so the high 64 bits of the counter only need the upper part.
  iv.writeUInt32BE(Math.floor(blockIndex / 2 ** 32), 8);
  iv.writeUInt32BE(blockIndex % 2 ** 32, 12);
  return iv;
}

/** Streams bytes [start, endInclusive] of the seeded sequence. */
export function seededStream(seed: string, start: number, endInclusive: number): Readable {
  const cipher = createCipheriv('aes-256-ctr', keyFor(seed), counterIv(Math.floor(start / BLOCK)));
  let skip = start % BLOCK;
  let remaining = endInclusive - start + 1;
  return new Readable({
    highWaterMark: CHUNK,
    read() {
      if (remaining <= 0) {
        this.push(null);
        return;
      }
      const want = Math.min(CHUNK, remaining + skip);
      let out = cipher.update(want === CHUNK ? zeros : zeros.subarray(0, want));
      if (skip > 0) {
        out = out.subarray(skip);
        skip = 0;
      }
      remaining -= out.length;
      this.push(out);
    },
  });
}

/** The first `size` bytes of the seeded sequence, in memory (for small artifacts). */
export function seededBuffer(seed: string, size: number): Buffer {
  const cipher = createCipheriv('aes-256-ctr', keyFor(seed), counterIv(0));
  return cipher.update(Buffer.alloc(size));
}
