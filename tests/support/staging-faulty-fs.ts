// A StagingFs over the real one that logs every call and injects faults (F4, F5, F8, I3, C1) for the
// staging tests. Test support only.
import { nodeFs } from '../../electron/engine/staging/fs-adapter.js';
import type { StagingFileHandle, StagingFs } from '../../electron/engine/staging/fs-adapter.js';
import { DIRECT_ALIGN, alignedBuffer } from '../../electron/engine/staging/direct-io.js';

export type FsOp = keyof StagingFs | 'write' | 'read' | 'sync' | 'datasync' | 'truncate' | 'close';

export interface FsCall {
  readonly op: FsOp;
  readonly path: string;
  readonly to?: string;
  /** The open flags, for `open` and the calls on the handle it opened (O_DIRECT or not). */
  readonly flags?: number;
}

export interface Faults {
  /** Return an error to make this call throw it instead of running. */
  readonly before?: (call: FsCall, index: number) => Error | undefined;
  /** Rewrites the bytes of a FileHandle write (a flipped byte, I3). */
  readonly mutateWrite?: (path: string, bytes: Uint8Array, position: number) => Uint8Array;
}

export function errno(code: string, message = code): Error {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

export interface FaultyFs extends StagingFs {
  readonly calls: FsCall[];
}

/**
 * Puts rewritten bytes as far from a memory block boundary as the original was, so a direct write of
 * them is accepted as the original's would have been (staging/direct-io.ts). One scratch buffer per
 * handle: its writes run one at a time.
 */
function realigner(): (data: Uint8Array, original: Uint8Array) => Uint8Array {
  let scratch: Buffer | undefined;
  return (data, original) => {
    if (data === original) return data;
    const skew = original.byteOffset % DIRECT_ALIGN;
    if (!scratch || scratch.length < skew + data.length) scratch = alignedBuffer(skew + data.length);
    const home = scratch.subarray(skew, skew + data.length);
    home.set(data);
    return home;
  };
}

export function faultyFs(faults: Faults = {}): FaultyFs {
  const calls: FsCall[] = [];
  const guard = (call: FsCall): void => {
    calls.push(call);
    const error = faults.before?.(call, calls.length - 1);
    if (error) throw error;
  };
  const wrapHandle = (path: string, flags: number, handle: StagingFileHandle): StagingFileHandle => {
    const sameAlignment = realigner();
    return {
      write: async (buffer, offset, length, position) => {
        guard({ op: 'write', path, flags });
        const bytes = buffer.subarray(offset, offset + length);
        const data = faults.mutateWrite ? faults.mutateWrite(path, Uint8Array.from(bytes), position) : bytes;
        return handle.write(sameAlignment(data, bytes), 0, data.length, position);
      },
      read: async (...args) => {
        guard({ op: 'read', path, flags });
        return handle.read(...args);
      },
      sync: async () => {
        guard({ op: 'sync', path, flags });
        return handle.sync();
      },
      datasync: async () => {
        guard({ op: 'datasync', path, flags });
        return handle.datasync();
      },
      truncate: async (length) => {
        guard({ op: 'truncate', path, flags });
        return handle.truncate(length);
      },
      stat: () => handle.stat(),
      close: async () => {
        // Closing always happens, so a fault here never leaks a descriptor.
        await handle.close();
        guard({ op: 'close', path, flags });
      },
    };
  };
  const wrapped = {} as Record<keyof StagingFs, unknown>;
  for (const op of Object.keys(nodeFs) as (keyof StagingFs)[]) {
    wrapped[op] = async (path: string, ...rest: unknown[]) => {
      const to =
        typeof rest[0] === 'string' && (op === 'rename' || op === 'link' || op === 'copyFile')
          ? rest[0]
          : undefined;
      const flags = op === 'open' && typeof rest[0] === 'number' ? rest[0] : undefined;
      guard({ op, path, ...(to !== undefined ? { to } : {}), ...(flags !== undefined ? { flags } : {}) });
      const result = await (nodeFs[op] as (...args: unknown[]) => Promise<unknown>)(path, ...rest);
      return op === 'open' ? wrapHandle(path, flags ?? 0, result as StagingFileHandle) : result;
    };
  }
  return Object.assign(wrapped as unknown as StagingFs, { calls });
}
