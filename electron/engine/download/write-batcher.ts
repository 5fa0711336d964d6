// Disk-sized writes without allocating: two fixed buffers, one being filled while the other is
// written. The socket reads straight into the free part of the one being filled (direct-get.ts), so a
// body byte is copied once, by the kernel, on its way to the disk write. Allocating per chunk made
// page faults and the garbage collector the engine's biggest cost (goal 7, issue 9). Pure; no I/O.

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

  private constructor(readonly capacity: number) {
    this.buffers = [Buffer.allocUnsafe(capacity), Buffer.allocUnsafe(capacity)];
    this.spill = Buffer.allocUnsafe(Math.min(capacity, SPILL_BYTES));
  }

  /**
   * A batcher from the pool, or a new one: a delivery of many small files would otherwise allocate
   * (and fault in) 8 MiB per file, which made the garbage collector its biggest cost.
   */
  static take(capacity: number): WriteBatcher {
    const at = idle.findIndex((batcher) => batcher.capacity === capacity);
    const batcher = at >= 0 ? idle.splice(at, 1)[0]! : new WriteBatcher(capacity);
    batcher.current = 0;
    batcher.filled = 0;
    batcher.spilled = false;
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
    return this.spilled
      ? this.spill.subarray(0, length)
      : this.buffers[this.current]!.subarray(this.filled, this.filled + length);
  }

  /** `count` bytes were put at the start of the last region. */
  commit(count: number): void {
    if (count > this.capacity - this.filled) throw new RangeError('more bytes than the batch has room for');
    if (this.spilled) this.buffers[this.current]!.set(this.spill.subarray(0, count), this.filled);
    this.spilled = false;
    this.filled += count;
  }

  /**
   * Hands out the filled bytes and switches to the other buffer. The view stays valid until the
   * next detach but one, so the caller must finish writing it before detaching twice more.
   */
  detach(): Buffer {
    const view = this.buffers[this.current]!.subarray(0, this.filled);
    this.current = this.current === 0 ? 1 : 0;
    this.filled = 0;
    return view;
  }
}
