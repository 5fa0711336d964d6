import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { LARGE_IMAGE_SHA256, LARGE_IMAGE_SIZE } from '../../../electron/demo-server/builtin-catalog.js';
import { seededBuffer, seededStream } from '../../../electron/demo-server/seeded-bytes.js';

async function collect(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

describe('seeded artifact bytes', () => {
  test('any range equals the same slice of the whole sequence (resume tests rely on it)', async () => {
    const whole = seededBuffer('seed-a', 5_000_000);
    for (const [start, end] of [
      [0, 0],
      [1, 15],
      [15, 16],
      [17, 1_048_600],
      [4_999_990, 4_999_999],
    ] as const) {
      expect((await collect(seededStream('seed-a', start, end))).equals(whole.subarray(start, end + 1))).toBe(
        true,
      );
    }
  });

  test('different seeds give different bytes, the same seed the same bytes', () => {
    expect(seededBuffer('a', 64).equals(seededBuffer('b', 64))).toBe(false);
    expect(seededBuffer('a', 64).equals(seededBuffer('a', 64))).toBe(true);
  });

  test('the 2 GiB image hashes to the digest the catalog publishes', async () => {
    const hash = createHash('sha256');
    for await (const chunk of seededStream(
      '4.large-image@1.0.0/large-image-1.0.0.img',
      0,
      LARGE_IMAGE_SIZE - 1,
    )) {
      hash.update(chunk as Buffer);
    }
    expect(hash.digest('hex')).toBe(LARGE_IMAGE_SHA256);
  });
});
