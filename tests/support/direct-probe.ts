// Whether the tests' temp folder takes direct I/O (O_DIRECT), for tests that are only meaningful
// where it does (tmpfs before Linux 6.6 refuses it, Windows and macOS have none), and which of the
// fs adapter's recorded calls went through a direct descriptor. Test support only.
import { open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants } from 'node:fs';
import { O_DIRECT } from '../../electron/engine/staging/direct-io.js';
import type { FsCall } from './staging-faulty-fs.js';

export async function tempTakesDirect(): Promise<boolean> {
  if (O_DIRECT === 0) return false;
  const probe = join(tmpdir(), `courier-direct-probe-${process.pid}-${Math.random().toString(36).slice(2)}`);
  try {
    await (await open(probe, 'w')).close();
    await (await open(probe, O_DIRECT | 0)).close();
    return true;
  } catch {
    return false;
  } finally {
    await rm(probe, { force: true });
  }
}

/**
 * Whether direct I/O in the temp folder refuses memory that is not block-aligned (EINVAL), as block
 * file systems do; tmpfs takes O_DIRECT (Linux 6.6 on) without caring.
 */
export async function tempEnforcesAlignment(): Promise<boolean> {
  if (!(await tempTakesDirect())) return false;
  const probe = join(tmpdir(), `courier-align-probe-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const handle = await open(probe, O_DIRECT | constants.O_WRONLY | constants.O_CREAT, 0o600);
  try {
    await handle.write(Buffer.alloc(8192), 1, 4096, 0);
    return false;
  } catch {
    return true;
  } finally {
    await handle.close();
    await rm(probe, { force: true });
  }
}

export const isDirectCall = (call: FsCall): boolean => O_DIRECT !== 0 && ((call.flags ?? 0) & O_DIRECT) !== 0;
