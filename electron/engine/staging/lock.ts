// The per-job lock `.courier/lock` (C4): exclusive create, a heartbeat through the injected Clock,
// takeover of a stale lock.
import { randomUUID } from 'node:crypto';
import { hostname as osHostname } from 'node:os';
import { join } from 'node:path';
import { appError } from '../../shared/app-error.js';
import type { AppError } from '../../shared/app-error.js';
import { fail, ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import type { Clock } from '../clock.js';
import { quoted } from '../display-text.js';
import type { StagingFs } from './fs-adapter.js';
import { errnoOf, fsError } from './fs-errors.js';
import { writeFileAtomic } from './file-io.js';
import { readSmallFile } from './disk-reader.js';

export const LOCK_FILE = 'lock';
export const LOCK_STALE_MS = 10_000;
export const LOCK_HEARTBEAT_MS = 3_000;

export interface LockInfo {
  readonly pid: number;
  readonly hostname: string;
  readonly startedAt: string;
  readonly heartbeatAt: string;
  /** Tells two holders with the same pid apart (two windows of one process). */
  readonly token: string;
}

export interface LockOptions {
  readonly pid?: number;
  readonly hostname?: string;
  readonly isProcessAlive?: (pid: number) => boolean;
  readonly heartbeatMs?: number;
  /** Called when a heartbeat finds the lock gone or taken over: the job must stop writing. */
  readonly onLost?: (error: AppError) => void;
}

export interface JobLock {
  readonly info: LockInfo;
  /** Rewrites heartbeatAt now (the timer does this every heartbeatMs). */
  refresh(): Promise<Result<void>>;
  /** Resolves once a heartbeat in flight has finished (tests drive the clock, then wait here). */
  settled(): Promise<void>;
  /** False once a heartbeat found the lock gone or taken over: write nothing more into the folder. */
  held(): boolean;
  release(): Promise<Result<void>>;
}

interface LockPlace {
  readonly controlDir: string;
  readonly fs: StagingFs;
  readonly clock: Clock;
  readonly catalogId?: string;
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoOf(error) === 'EPERM'; // exists, owned by someone else
  }
}

function parseLock(text: string): LockInfo | undefined {
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    const { pid, hostname, startedAt, heartbeatAt, token } = v;
    if (!Number.isSafeInteger(pid) || (pid as number) <= 0) return undefined;
    if (typeof hostname !== 'string' || typeof token !== 'string' || typeof startedAt !== 'string')
      return undefined;
    if (typeof heartbeatAt !== 'string' || Number.isNaN(Date.parse(heartbeatAt))) return undefined;
    return { pid: pid as number, hostname, startedAt, heartbeatAt, token };
  } catch {
    return undefined;
  }
}

export async function acquireLock(place: LockPlace, options: LockOptions = {}): Promise<Result<JobLock>> {
  const { fs, clock, controlDir } = place;
  const path = join(controlDir, LOCK_FILE);
  const me = {
    pid: options.pid ?? process.pid,
    hostname: options.hostname ?? osHostname(),
    startedAt: new Date(clock.now()).toISOString(),
    token: randomUUID(),
  };
  const isAlive = options.isProcessAlive ?? processAlive;
  const content = (): string =>
    `${JSON.stringify({ ...me, heartbeatAt: new Date(clock.now()).toISOString() })}\n`;

  const locked = (holder: LockInfo | undefined): Result<never> =>
    fail(
      appError({
        code: 'CLIENT.locked',
        message: `The job folder ${quoted(place.catalogId ?? controlDir)} is in use by another Courier window or process (${holder ? `pid ${holder.pid} on ${holder.hostname}` : 'its lock is being written'}). Close it, or wait ${LOCK_STALE_MS / 1000} s if it has stopped.`,
        retryable: true,
        detail: {
          path,
          pid: holder?.pid ?? null,
          hostname: holder?.hostname ?? null,
          heartbeatAt: holder?.heartbeatAt ?? null,
        },
      }),
    );

  // A crashed holder's leftover is taken over; three rounds bound the race with another taker.
  for (let round = 0; round < 3; round += 1) {
    try {
      const text = content();
      await fs.writeFile(path, text, { flag: 'wx', mode: 0o600 });
      return ok(startHeartbeat(place, path, parseLock(text)!, content, options));
    } catch (error) {
      if (errnoOf(error) !== 'EEXIST') return fail(fsError(error, { action: 'creating the job lock', path }));
    }
    const read = await readSmallFile(fs, path, 4096, 'the job lock');
    if (!read.ok) return read;
    if (read.value === undefined) continue; // released meanwhile
    const raw = read.value.toString('utf8');
    const holder = parseLock(raw);
    const stale = holder
      ? clock.now() - Date.parse(holder.heartbeatAt) > LOCK_STALE_MS ||
        (holder.hostname === me.hostname && !isAlive(holder.pid))
      : await unreadableLockIsOld(fs, path, me.token);
    if (!stale) return locked(holder);
    const aside = join(controlDir, `${LOCK_FILE}.${me.token}.stale`);
    try {
      await fs.rename(path, aside);
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') continue;
      return fail(fsError(error, { action: 'taking over the stale job lock', path }));
    }
    const moved = await readSmallFile(fs, aside, 4096, 'the job lock');
    if (moved.ok && moved.value?.toString('utf8') !== raw) {
      // Another taker replaced the stale lock between our read and our rename: put theirs back.
      await fs.link(aside, path).catch(() => undefined);
      await fs.rm(aside, { force: true }).catch(() => undefined);
      return locked(parseLock(moved.value?.toString('utf8') ?? ''));
    }
    await fs.rm(aside, { force: true }).catch(() => undefined);
  }
  return locked(undefined);
}

/**
 * A lock with no readable content is either being written right now or was left by a crash in the
 * middle of writing. Its age is measured on the file system's own clock (against a fresh probe), so
 * only a leftover older than the stale limit is taken over.
 */
async function unreadableLockIsOld(fs: StagingFs, path: string, token: string): Promise<boolean> {
  const probe = `${path}.${token}.probe`;
  try {
    await fs.writeFile(probe, '', { flag: 'wx', mode: 0o600 });
    const [lock, now] = await Promise.all([fs.lstat(path), fs.lstat(probe)]);
    return now.mtimeMs - lock.mtimeMs > LOCK_STALE_MS;
  } catch {
    return false;
  } finally {
    await fs.rm(probe, { force: true }).catch(() => undefined);
  }
}

function startHeartbeat(
  place: LockPlace,
  path: string,
  first: LockInfo,
  content: () => string,
  options: LockOptions,
): JobLock {
  const { fs, clock } = place;
  const { token } = first;
  let cancel: (() => void) | undefined;
  let pending: Promise<unknown> = Promise.resolve();
  let released = false;
  let lost = false;

  const refresh = async (): Promise<Result<void>> => {
    const read = await readSmallFile(fs, path, 4096, 'the job lock');
    if (!read.ok) return read;
    const holder = read.value && parseLock(read.value.toString('utf8'));
    if (holder?.token !== token) {
      return fail(
        appError({
          code: 'CLIENT.locked',
          message: `Courier lost the lock on ${quoted(path)}: another window or process took it over. This job stops writing.`,
          retryable: false,
          detail: { path, pid: holder?.pid ?? null },
        }),
      );
    }
    return writeFileAtomic(fs, { path, data: content(), mode: 0o600, what: 'the job lock' });
  };

  const schedule = (): void => {
    cancel = clock.setTimer(options.heartbeatMs ?? LOCK_HEARTBEAT_MS, () => {
      pending = refresh().then((result) => {
        if (released) return;
        if (result.ok) return schedule();
        lost = true;
        options.onLost?.(result.error);
      });
    });
  };
  schedule();

  return {
    info: first,
    refresh,
    settled: async () => {
      await pending;
    },
    held: () => !lost,
    async release() {
      released = true;
      cancel?.();
      await pending;
      const read = await readSmallFile(fs, path, 4096, 'the job lock');
      if (!read.ok) return read;
      if (read.value && parseLock(read.value.toString('utf8'))?.token === token) {
        try {
          await fs.rm(path, { force: true });
        } catch (error) {
          return fail(fsError(error, { action: 'removing the job lock', path }));
        }
      }
      return ok(undefined);
    },
  };
}
