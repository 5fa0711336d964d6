// Which file system holds the export target, so limits such as FAT32's 4 GiB file size are refused
// before a byte is written (F2). Reads /proc/self/mountinfo, then statfs.
import { readFile, realpath, statfs, stat } from 'node:fs/promises';

export interface FileSystemInfo {
  /** As Linux names it (vfat, exfat, ntfs3, ext4, tmpfs, fuse.x ...), or 'unknown'. */
  readonly type: string;
  readonly mountPoint: string | null;
  readonly how: 'mountinfo' | 'statfs' | 'unknown';
}

/** FAT12/16/32 cannot hold a file of 4 GiB or more, whatever the free space. */
export const FAT_MAX_FILE_BYTES = 4 * 1024 ** 3 - 1;
const FAT_TYPES = new Set(['vfat', 'msdos', 'fat', 'umsdos', 'fuse.fusefat']);

export function isFat(info: FileSystemInfo): boolean {
  return FAT_TYPES.has(info.type.toLowerCase());
}

export interface MountEntry {
  /** `major:minor` of the mounted device, as st_dev reports it. */
  readonly device: string;
  readonly mountPoint: string;
  readonly fsType: string;
}

/** mountinfo escapes space, tab, newline and backslash as three octal digits. */
const unescape = (field: string): string =>
  field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));

/** Parses proc(5) mountinfo; lines that do not fit the format are skipped, never guessed at. */
export function parseMountInfo(text: string): MountEntry[] {
  const entries: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const fields = line.split(' ');
    const dash = fields.indexOf('-', 6);
    const [device, mountPoint, fsType] = [fields[2], fields[4], fields[dash + 1]];
    if (dash < 0 || !device || !mountPoint || !fsType || !/^\d+:\d+$/.test(device)) continue;
    entries.push({ device, mountPoint: unescape(mountPoint), fsType });
  }
  return entries;
}

/** glibc's gnu_dev_major/minor: st_dev packs both numbers, split into high and low bits. */
export function deviceName(dev: number | bigint): string {
  const d = BigInt(dev);
  const major = ((d >> 8n) & 0xfffn) | ((d >> 32n) & ~0xfffn);
  const minor = (d & 0xffn) | ((d >> 12n) & ~0xffn);
  return `${major}:${minor}`;
}

const under = (path: string, mountPoint: string): boolean =>
  mountPoint === '/' || path === mountPoint || path.startsWith(`${mountPoint}/`);

/**
 * The mount holding `realPath` (device `device`): the last matching line wins, because a later mount
 * on the same point hides the earlier one. Matching by device comes first; btrfs subvolumes report
 * an anonymous device, so the longest mount-point prefix is the fallback.
 */
export function mountFor(
  entries: readonly MountEntry[],
  realPath: string,
  device: string,
): MountEntry | undefined {
  const byDevice = entries.filter((e) => e.device === device && under(realPath, e.mountPoint));
  if (byDevice.length > 0) return byDevice[byDevice.length - 1];
  let best: MountEntry | undefined;
  for (const entry of entries) {
    if (under(realPath, entry.mountPoint) && entry.mountPoint.length >= (best?.mountPoint.length ?? 0))
      best = entry;
  }
  return best;
}

// statfs f_type magic numbers (linux/magic.h) for the file systems a USB drive or laptop may carry.
const MAGIC: Record<number, string> = {
  0x4d44: 'vfat',
  0x2011bab0: 'exfat',
  0x5346544e: 'ntfs',
  0x7366746e: 'ntfs3',
  0xef53: 'ext4',
  0x58465342: 'xfs',
  0x9123683e: 'btrfs',
  0x01021994: 'tmpfs',
  0x65735546: 'fuse',
};

/**
 * Linux: mountinfo, else the statfs magic. Elsewhere 'unknown': macOS and Windows expose the file
 * system name only through native calls or tools, so there a 4 GiB file on FAT32 fails with EFBIG
 * during the copy instead, and that error carries the same reformat hint.
 */
export async function identifyFileSystem(
  path: string,
  platform: NodeJS.Platform = process.platform,
): Promise<FileSystemInfo> {
  if (platform !== 'linux') return { type: 'unknown', mountPoint: null, how: 'unknown' };
  try {
    const [text, real, stats] = await Promise.all([
      readFile('/proc/self/mountinfo', 'utf8'),
      realpath(path),
      stat(path),
    ]);
    const mount = mountFor(parseMountInfo(text), real, deviceName(stats.dev));
    if (mount) return { type: mount.fsType, mountPoint: mount.mountPoint, how: 'mountinfo' };
  } catch {
    // /proc may be absent (containers, sandboxes): fall back to statfs below.
  }
  try {
    const info = await statfs(path);
    const type = MAGIC[Number(info.type)];
    if (type) return { type, mountPoint: null, how: 'statfs' };
  } catch {
    // Reported as unknown: the copy itself still maps EFBIG to a clear message.
  }
  return { type: 'unknown', mountPoint: null, how: 'unknown' };
}
