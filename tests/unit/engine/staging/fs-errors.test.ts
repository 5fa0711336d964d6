// errno → AppError mapping at the file-system edge: the right code, the file named, a remedy given.
import { describe, expect, test } from 'vitest';
import { fsError } from '../../../../electron/engine/staging/fs-errors.js';
import { errno } from '../../../support/staging-faulty-fs.js';

describe('fsError', () => {
  test.each([
    ['ENOSPC', false, 'CLIENT.diskFull', /disk is full.*Free some space/],
    ['EROFS', false, 'CLIENT.fileSystem', /read-only/],
    ['EACCES', false, 'CLIENT.fileSystem', /permission denied/],
    ['EPERM', false, 'CLIENT.fileSystem', /not permitted/],
    ['EIO', false, 'CLIENT.fileSystem', /I\/O error/],
    ['ENOENT', true, 'CLIENT.targetRemoved', /destination disappeared.*drive removed/],
    ['EIO', true, 'CLIENT.targetRemoved', /destination disappeared/],
    ['ENODEV', true, 'CLIENT.targetRemoved', /destination disappeared/],
    ['EMFILE', false, 'CLIENT.fileSystem', /EMFILE/],
  ] as const)('F1/F3/F4: %s (onRoot %s) → %s', (code, onRoot, expected, message) => {
    const error = fsError(errno(code), {
      action: 'writing',
      path: '/media/usb/job/a.bin',
      itemKey: 'k',
      onRoot,
    });
    expect(error.code).toBe(expected);
    expect(error.message).toMatch(message);
    expect(error.message).toContain('/media/usb/job/a.bin');
    expect(error.itemKey).toBe('k');
    expect(error.detail).toMatchObject({ errno: code });
    expect(Object.isFrozen(error)).toBe(true);
  });

  test('a non-errno throw still becomes a CLIENT.fileSystem value', () => {
    expect(fsError(new Error('boom'), { action: 'reading', path: '/x' })).toMatchObject({
      code: 'CLIENT.fileSystem',
      detail: { errno: 'UNKNOWN' },
    });
  });
});
