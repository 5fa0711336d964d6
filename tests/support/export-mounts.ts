// Real mounts for the export tests: tmpfs of a given size, a loop-mounted FAT32 or ext4 image, lazy unmount
// and read-only remount, all undone after each test. Needs root; callers skip with skipReason().
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach } from 'vitest';

const isRoot = process.getuid?.() === 0;

function hasTool(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function kernelKnows(fsType: string): boolean {
  try {
    return readFileSync('/proc/filesystems', 'utf8')
      .split('\n')
      .some((line) => line.split('\t').at(-1) === fsType);
  } catch {
    return false;
  }
}

/** Why a mount test cannot run here, or undefined when it can. */
export function skipReason(kind: 'tmpfs' | 'vfat' | 'ext4'): string | undefined {
  if (process.platform !== 'linux') return 'mount tests need Linux';
  if (!isRoot) return 'mounting needs root (run the suite as root, as CI does)';
  if (!hasTool('mount') || !hasTool('umount')) return 'mount/umount are missing (util-linux)';
  if (kind === 'vfat') {
    if (!hasTool('mkfs.vfat')) return 'mkfs.vfat is missing (Debian package dosfstools)';
    if (!hasTool('losetup')) return 'losetup is missing (util-linux)';
    if (!kernelKnows('vfat')) return 'this kernel has no vfat driver (not listed in /proc/filesystems)';
  }
  if (kind === 'ext4') {
    if (!hasTool('mkfs.ext4')) return 'mkfs.ext4 is missing (Debian package e2fsprogs)';
    if (!hasTool('losetup')) return 'losetup is missing (util-linux)';
  }
  return undefined;
}

const isMounted = (dir: string): boolean =>
  readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .some((line) => line.split(' ')[4] === dir);

export interface Mounts {
  /** Mounts a tmpfs of `size` (mount(8) syntax: 2m, 64m) on `dir`, creating `dir`. */
  tmpfs(dir: string, size: string): Promise<void>;
  /** A sparse `sizeMiB` image at `image`, formatted FAT32, loop-mounted on `dir`. */
  fat32(image: string, dir: string, sizeMiB: number): Promise<void>;
  /** A sparse `sizeMiB` image at `image`, formatted ext4, loop-mounted on `dir`: a drive of its own. */
  ext4(image: string, dir: string, sizeMiB: number): Promise<void>;
  /** The USB-pull of F3: the mount vanishes from the path, open files stay usable. */
  lazyUnmount(dir: string): void;
  readOnly(dir: string): void;
}

/** Mount helpers whose mounts are lazily unmounted after each test, in reverse order. */
export function useMounts(): Mounts {
  const mounted: string[] = [];
  afterEach(() => {
    for (const dir of mounted.splice(0).reverse()) {
      if (isMounted(dir)) execFileSync('umount', ['-l', dir]);
    }
  });
  /** A sparse image of `sizeMiB`, formatted by `mkfs` (command and options), loop-mounted on `dir`. */
  const loopMount = async (image: string, dir: string, sizeMiB: number, mkfs: readonly string[]) => {
    await mkdir(dir, { recursive: true });
    execFileSync('truncate', ['-s', `${sizeMiB}M`, image]);
    execFileSync(mkfs[0]!, [...mkfs.slice(1), image], { stdio: 'ignore' });
    execFileSync('mount', ['-o', 'loop', image, dir]);
    mounted.push(dir);
  };
  return {
    async tmpfs(dir, size) {
      await mkdir(dir, { recursive: true });
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0755`, 'tmpfs', dir]);
      mounted.push(dir);
    },
    fat32: (image, dir, sizeMiB) => loopMount(image, dir, sizeMiB, ['mkfs.vfat', '-F', '32']),
    ext4: (image, dir, sizeMiB) => loopMount(image, dir, sizeMiB, ['mkfs.ext4', '-q', '-F']),
    lazyUnmount(dir) {
      execFileSync('umount', ['-l', dir]);
    },
    readOnly(dir) {
      execFileSync('mount', ['-o', 'remount,ro', dir]);
    },
  };
}

export const mountPoint = (parent: string): string => join(parent, 'mnt');
