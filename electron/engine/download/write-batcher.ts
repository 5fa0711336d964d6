// Gathers socket chunks (16-64 KiB) into disk-sized writes without allocating: two fixed buffers,
// one being filled while the other is written. Allocating a fresh megabyte per write made the
// garbage collector the engine's biggest cost (goal 7). Pure; no I/O.

export class WriteBatcher {
  private readonly buffers: readonly Buffer[];
  private current = 0;
  private filled = 0;

  constructor(readonly capacity: number) {
    this.buffers = [Buffer.allocUnsafe(capacity), Buffer.allocUnsafe(capacity)];
  }

  /** Bytes waiting in the buffer being filled. */
  get size(): number {
    return this.filled;
  }

  get full(): boolean {
    return this.filled === this.capacity;
  }

  /** Copies as much of `chunk` from `from` as fits; returns how many bytes it took. */
  take(chunk: Uint8Array, from: number): number {
    const count = Math.min(this.capacity - this.filled, chunk.length - from);
    this.buffers[this.current]!.set(chunk.subarray(from, from + count), this.filled);
    this.filled += count;
    return count;
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
