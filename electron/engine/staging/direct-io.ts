// Direct I/O: a download's whole blocks go from our memory to the disk, and every read-back a verdict
// rests on comes from the disk (disk-reader.ts), without passing through the page cache (issue 9).
//
// Why: a buffered write copies every byte into the page cache, which the kernel then writes back;
// the read-back then copies it out again. On the VMs the bench runs on (free memory given back to the
// host) that copy costs ~2.5 s of CPU per GiB; direct I/O of 2 GiB took 1.5 s of wall and 0.16 s of
// CPU against 5.5 s and 4.1 s for buffered writes and `sync` (dd). It also means the read-back reads
// what the disk holds, not the cache's copy of it (I3), and a download does not push the user's
// other files out of the cache.
//
// The rules of O_DIRECT (Linux): memory, file offset and length must be multiples of the logical
// block size. Node hands out no aligned memory except WebAssembly memory, which starts on a page, so
// aligned buffers come from there. Whatever is not aligned (the head up to the first block boundary
// after a resume, the tail of the file) goes through an ordinary descriptor of the same file, and
// any file system or platform without O_DIRECT (EINVAL, Windows, macOS) uses ordinary I/O
// throughout: the same bytes, only more CPU.
import { constants } from 'node:fs';

/** 0 where the platform has no O_DIRECT: every "direct" open is then an ordinary one, never used. */
export const O_DIRECT: number = constants.O_DIRECT ?? 0;

/** A multiple of every logical block size in use (512 and 4096), and the page size. */
export const DIRECT_ALIGN = 4096;

/** The one WebAssembly API used here; the project's TypeScript libraries (no DOM) do not declare it. */
declare const WebAssembly: {
  readonly Memory: new (descriptor: {
    readonly initial: number;
    readonly maximum?: number;
    readonly shared?: boolean;
  }) => { readonly buffer: ArrayBufferLike };
};

const WASM_PAGE = 64 * 1024;
const aligned = new WeakSet<ArrayBufferLike>();

/**
 * `bytes` of zeroed memory that starts on a page boundary, so views into it at multiples of
 * DIRECT_ALIGN can be written and read with O_DIRECT. `shared`: a SharedArrayBuffer, which the
 * hashing thread reads in place (integrity/hash-thread.ts). Falls back to ordinary memory (then
 * used with ordinary I/O, and copied to be hashed) if the runtime cannot reserve such memory.
 */
export function alignedBuffer(bytes: number, options: { readonly shared?: boolean } = {}): Buffer {
  const shared = options.shared === true;
  try {
    if (O_DIRECT === 0) return shared ? Buffer.from(new SharedArrayBuffer(bytes)) : Buffer.alloc(bytes);
    const pages = Math.ceil(bytes / WASM_PAGE);
    // Shared WebAssembly memory must declare its maximum; it never grows anyway.
    const memory = new WebAssembly.Memory({ initial: pages, ...(shared ? { maximum: pages, shared } : {}) });
    aligned.add(memory.buffer);
    return Buffer.from(memory.buffer, 0, bytes);
  } catch {
    return Buffer.alloc(bytes);
  }
}

/** Where `view` starts, relative to a block boundary of memory; undefined when that is unknown. */
function memorySkew(view: Uint8Array): number | undefined {
  return aligned.has(view.buffer) ? view.byteOffset % DIRECT_ALIGN : undefined;
}

/** How a write of `view` at file `position` splits into ordinary and direct parts. */
export interface DirectSpan {
  /** Bytes written the ordinary way first, up to the first block boundary. */
  readonly head: number;
  /** Then this many bytes, whole blocks, written directly (0: none). */
  readonly body: number;
}

/**
 * The direct part of writing `view` at `position`: the whole blocks after the head, provided the
 * memory and the file are equally far from a block boundary (the write batcher arranges that).
 */
export function directSpan(view: Uint8Array, position: number): DirectSpan {
  const head = Math.min(view.length, (DIRECT_ALIGN - (position % DIRECT_ALIGN)) % DIRECT_ALIGN);
  const skew = memorySkew(view);
  if (skew === undefined || (skew + head) % DIRECT_ALIGN !== 0) return { head: view.length, body: 0 };
  const body = view.length - head - ((view.length - head) % DIRECT_ALIGN);
  return { head, body };
}

/** The offset in an aligned buffer at which data for file `position` should start to be written directly. */
export function skewFor(position: number): number {
  return position % DIRECT_ALIGN;
}

/** EINVAL from a direct descriptor: this file system or this memory does not do direct I/O. */
export function refusesDirect(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'EINVAL';
}
