// F2 depends on naming the target's file system right: mountinfo parsing (escapes, optional fields,
// stacked and bind mounts), st_dev decoding, and which mount holds a path.
import { describe, expect, test } from 'vitest';
import { deviceName, isFat, mountFor, parseMountInfo } from '../../../../electron/engine/export/fs-type.js';

const MOUNTINFO = [
  '27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard',
  '36 27 7:0 / /media/usb\\040stick rw,nosuid shared:7 master:1 - vfat /dev/loop0 rw,fmask=0022',
  '37 27 0:39 / /tmp/x rw,relatime - tmpfs tmpfs rw,size=2048k',
  // A second mount stacked on the same point hides the first one.
  '38 37 0:40 / /tmp/x rw,relatime - tmpfs tmpfs rw,size=4096k',
  '39 27 8:17 / /mnt/exfat rw - exfat /dev/sdb1 rw',
  'garbage line without the separator',
  '',
].join('\n');

describe('mountinfo', () => {
  const entries = parseMountInfo(MOUNTINFO);

  test('parses fields after optional tags and unescapes octal escapes in mount points', () => {
    expect(entries).toHaveLength(5);
    expect(entries[1]).toEqual({ device: '7:0', mountPoint: '/media/usb stick', fsType: 'vfat' });
  });

  test('finds the mount by device, the top of a stack winning, and by longest prefix otherwise', () => {
    expect(mountFor(entries, '/media/usb stick/out', '7:0')?.fsType).toBe('vfat');
    expect(mountFor(entries, '/tmp/x/a', '0:40')?.device).toBe('0:40');
    // btrfs subvolumes report an anonymous device: the path decides.
    expect(mountFor(entries, '/media/usb stick', '0:99')?.fsType).toBe('vfat');
    expect(mountFor(entries, '/media/usb sticks', '0:99')?.fsType).toBe('ext4');
    expect(mountFor(entries, '/home/tech', '254:0')?.mountPoint).toBe('/');
  });

  test('st_dev splits into major:minor as glibc does, large minors included', () => {
    expect(deviceName(65024)).toBe('254:0');
    expect(deviceName(39)).toBe('0:39');
    expect(deviceName((259n << 8n) | (0x123n & 0xffn) | ((0x123n & ~0xffn) << 12n))).toBe('259:291');
  });

  test('FAT is recognised under every name Linux and macOS give it, and nothing else is', () => {
    for (const type of ['vfat', 'msdos', 'fat', 'VFAT'])
      expect(isFat({ type, mountPoint: null, how: 'mountinfo' })).toBe(true);
    for (const type of ['exfat', 'ntfs3', 'fuseblk', 'unknown', 'tmpfs'])
      expect(isFat({ type, mountPoint: null, how: 'mountinfo' })).toBe(false);
  });
});
