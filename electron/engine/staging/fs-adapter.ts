// The file-system calls the staging code makes, behind one injectable interface so tests can inject
// faults (fsync EIO, rename EPERM, flipped bytes).
import { constants } from 'node:fs';
import * as fsp from 'node:fs/promises';
import type { Stats } from 'node:fs';

/** The FileHandle methods staging uses; positions are explicit so nothing depends on a file offset. */
export interface StagingFileHandle {
  write(
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: number,
  ): Promise<{ bytesWritten: number }>;
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  sync(): Promise<void>;
  /** fdatasync: the data and the size, not the times; what an append-only log needs. */
  datasync(): Promise<void>;
  truncate(length: number): Promise<void>;
  stat(): Promise<Stats>;
  close(): Promise<void>;
}

export interface FreeSpace {
  /** Blocks available to an unprivileged user, and the block size. */
  readonly bavail: number;
  readonly bsize: number;
}

export interface StagingFs {
  open(path: string, flags: string | number, mode?: number): Promise<StagingFileHandle>;
  rename(from: string, to: string): Promise<void>;
  stat(path: string): Promise<Stats>;
  lstat(path: string): Promise<Stats>;
  /** One level only: a recursive mkdir could recreate a removed drive's mount point on the system disk (F3). */
  mkdir(path: string, mode: number): Promise<void>;
  rm(path: string, options?: { readonly recursive?: boolean; readonly force?: boolean }): Promise<void>;
  readdir(path: string): Promise<string[]>;
  statfs(path: string): Promise<FreeSpace>;
  link(existing: string, target: string): Promise<void>;
  copyFile(from: string, to: string, mode?: number): Promise<void>;
  readFile(path: string): Promise<Buffer>;
  writeFile(
    path: string,
    data: string | Uint8Array,
    options: { readonly flag: string; readonly mode?: number },
  ): Promise<void>;
  chmod(path: string, mode: number): Promise<void>;
}

/** O_NOFOLLOW is POSIX-only; on Windows it is undefined and symlinks need admin rights to plant anyway. */
export const O_NOFOLLOW: number = constants.O_NOFOLLOW ?? 0;
/** Exclusive create that also refuses a planted symlink (O_EXCL never follows one) (F6). */
export const CREATE_EXCLUSIVE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW;
export const READ_NOFOLLOW = constants.O_RDONLY | O_NOFOLLOW;
export const READ_WRITE_NOFOLLOW = constants.O_RDWR | O_NOFOLLOW;

export const nodeFs: StagingFs = {
  open: (path, flags, mode) => fsp.open(path, flags, mode),
  rename: (from, to) => fsp.rename(from, to),
  stat: (path) => fsp.stat(path),
  lstat: (path) => fsp.lstat(path),
  mkdir: async (path, mode) => {
    await fsp.mkdir(path, { mode, recursive: false });
  },
  rm: (path, options) => fsp.rm(path, { ...options }),
  readdir: (path) => fsp.readdir(path),
  statfs: async (path) => {
    const info = await fsp.statfs(path);
    return { bavail: Number(info.bavail), bsize: Number(info.bsize) };
  },
  link: (existing, target) => fsp.link(existing, target),
  copyFile: (from, to, mode) => fsp.copyFile(from, to, mode),
  readFile: (path) => fsp.readFile(path),
  writeFile: (path, data, options) => fsp.writeFile(path, data, { ...options }),
  chmod: (path, mode) => fsp.chmod(path, mode),
};
