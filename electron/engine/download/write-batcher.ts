// Disk-sized writes without allocating: two fixed buffers, one being filled while the other is
// written. The socket reads straight into the free part of the one being filled (direct-get.ts), so a
// body byte is copied once, by the kernel, on its way to the disk write. Allocating per chunk made
// page faults and the garbage collector the engine's biggest cost (goal 7, issue 9). The buffers are
// aligned, and each batch starts as far from a block boundary as its file offset does, so the part
// file can write its whole blocks with direct I/O (staging/direct-io.ts). Pure; no I/O.
import { DIRECT_ALIGN, alignedBuffer, skewFor } from '../staging/direct-io.js';

/** Where reads land while both buffers are busy; they are moved into a buffer once one is free. */
const SPILL_BYTES = 256 * 1024;

/** Idle batchers kept for the next download: as many as downloads usually run at once. */
const MAX_IDLE = 4;
const idle: WriteBatcher[] = [];

export class WriteBatcher {
  private readonly buffers: readonly Buffer[];
  private readonly spill: Buffer;
  private current = 0;
  private filled = 0;
  private spilled = false;
  /** Where the batch being filled starts in its buffer: its file offset's distance from a block. */
  private skew = 0;

  private constructor(readonly capacity: number) {
    // Room for the batch at any skew, and each buffer starting on a block boundary.
    const slot = Math.ceil((capacity + DIRECT_ALIGN) / DIRECT_ALIGN) * DIRECT_ALIGN;
    const memory = alignedBuffer(2 * slot);
    this.buffers = [memory.subarray(0, slot), memory.subarray(slot, 2 * slot)];
    this.spill = Buffer.allocUnsafe(Math.min(capacity, SPILL_BYTES));
  }

  /**
   * A batcher from the pool, or a new one: a delivery of many small files would otherwise allocate
   * (and fault in) 8 MiB per file, which made the garbage collector its biggest cost. The first
   * batch goes to the file at `offset`.
   */
  static take(capacity: number, offset: number): WriteBatcher {
    const at = idle.findIndex((batcher) => batcher.capacity === capacity);
    const batcher = at >= 0 ? idle.splice(at, 1)[0]! : new WriteBatcher(capacity);
    batcher.current = 0;
    batcher.filled = 0;
    batcher.spilled = false;
    batcher.skew = skewFor(offset);
    return batcher;
  }

  /** Back to the pool, once no write from it runs and no socket reads into it. */
  release(): void {
    if (idle.length < MAX_IDLE && !idle.includes(this)) idle.push(this);
  }

  /** Bytes waiting in the buffer being filled. */
  get size(): number {
    return this.filled;
  }

  get full(): boolean {
    return this.filled === this.capacity;
  }

  /**
   * Where the next bytes may go, at most `max` of them: the free part of the buffer being filled, or,
   * when it is full, a spill area (the caller must detach before it commits bytes put there).
   */
  region(max = Number.POSITIVE_INFINITY): Uint8Array {
    this.spilled = this.full;
    const room = this.spilled ? this.spill.length : this.capacity - this.filled;
    const length = Math.max(1, Math.min(room, max));
    const start = this.skew + this.filled;
    return this.spilled
      ? this.spill.subarray(0, length)
      : this.buffers[this.current]!.subarray(start, start + length);
  }

  /** `count` bytes were put at the start of the last region. */
  commit(count: number): void {
    if (count > this.capacity - this.filled) throw new RangeError('more bytes than the batch has room for');
    if (this.spilled) this.buffers[this.current]!.set(this.spill.subarray(0, count), this.skew + this.filled);
    this.spilled = false;
    this.filled += count;
  }

  /**
   * Hands out the filled bytes and switches to the other buffer, whose batch goes to the file at
   * `nextOffset`. The view stays valid until the next detach but one, so the caller must finish
   * writing it before detaching twice more.
   */
  detach(nextOffset: number): Buffer {
    const view = this.buffers[this.current]!.subarray(this.skew, this.skew + this.filled);
    this.current = this.current === 0 ? 1 : 0;
    this.filled = 0;
    this.skew = skewFor(nextOffset);
    return view;
  }
}
