// M1 and M3: the job-level name checks. Names that some target file system would treat as one file
// refuse the whole job, and containedPath judges the resolved path independently of the name rules.
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkNameSet, containedPath, findNameCollisions } from '../../../electron/engine/safe-name.js';

const CATALOG = '42.field-nav@2.3.1';
const POSIX_ROOT = '/staging/root/42.field-nav@2.3.1';
const WIN_ROOT = 'C:\\Staging\\42.field-nav@2.3.1';

describe('M3 checkNameSet: collisions refuse the whole job', () => {
  const named = (...names: string[]) => names.map((name, i) => ({ itemKey: `${CATALOG}@k${i}`, name }));

  test.each([
    ['case only', 'Map.tif', 'map.tif'],
    ['NFC vs NFD', '\u00e9t\u00e9.bin', 'e\u0301te\u0301.bin'],
    ['German sharp s vs SS', 'straße.bin', 'STRASSE.bin'],
    ['Kelvin sign vs K', '\u212a.bin', 'k.bin'],
    ['fullwidth vs ASCII', 'ｓｅｔｕｐ.msi', 'setup.msi'],
    ['ligature vs letters', 'ﬁle.bin', 'file.bin'],
    ['identical names', 'a.bin', 'a.bin'],
  ])('%s collide, and both items are named', (_label, a, b) => {
    const items = named('other.bin', a, b);
    const result = checkNameSet(items);
    expect(result.ok ? 'accepted' : result.error.code).toBe('CLIENT.unsafeName');
    if (result.ok) return;
    expect(result.error.message).toContain(JSON.stringify(items[1]!.itemKey));
    expect(result.error.message).toContain(JSON.stringify(items[2]!.itemKey));
    expect(result.error.itemKey).toBe(items[1]!.itemKey);
    expect(JSON.parse(String(result.error.detail?.collidingItemKeys))).toEqual([
      [items[1]!.itemKey, items[2]!.itemKey],
    ]);
  });

  test('distinct names pass, and an empty job passes', () => {
    expect(checkNameSet(named('a.bin', 'b.bin', 'a.bin.sig', 'A-b.bin'))).toEqual({
      ok: true,
      value: undefined,
    });
    expect(checkNameSet([])).toEqual({ ok: true, value: undefined });
  });

  test('every colliding group is reported, not only the first', () => {
    const groups = findNameCollisions(named('a', 'A', 'b', 'c', 'B', 'b'));
    expect(groups).toEqual([
      [`${CATALOG}@k0`, `${CATALOG}@k1`],
      [`${CATALOG}@k2`, `${CATALOG}@k4`, `${CATALOG}@k5`],
    ]);
  });

  test('property: an accepted set is injective under case folding + NFC; a non-injective set is refused', () => {
    const base = fc.constantFrom(
      'map.tif',
      'été.bin',
      'straße',
      'Setup.MSI',
      'a',
      'b',
      'א.gpkg',
      'ǅ.bin',
      'ı.x',
    );
    const variant = fc
      .tuple(base, fc.constantFrom('same', 'upper', 'lower', 'nfd', 'nfc'))
      .map(([name, how]) =>
        how === 'upper'
          ? name.toUpperCase()
          : how === 'lower'
            ? name.toLowerCase()
            : name.normalize(how === 'nfd' ? 'NFD' : 'NFC'),
      );
    let refused = 0;
    let acceptedSets = 0;
    fc.assert(
      fc.property(fc.array(variant, { maxLength: 6 }), (names) => {
        const items = names.map((name, i) => ({ itemKey: `k${i}`, name }));
        const injective = new Set(names.map((n) => n.normalize('NFC').toLowerCase())).size === names.length;
        const result = checkNameSet(items);
        // Accepted implies injective, i.e. every NFC + case collision is refused.
        if (result.ok) return ++acceptedSets > 0 && injective;
        refused++;
        return result.error.code === 'CLIENT.unsafeName' && findNameCollisions(items).length > 0;
      }),
      { numRuns: 20_000 },
    );
    expect(refused).toBeGreaterThan(1000);
    expect(acceptedSets).toBeGreaterThan(1000);
  });
});

describe('M1 containedPath: the resolved path must be one component inside the root', () => {
  test('a safe name resolves to root/name on both path flavours', () => {
    expect(containedPath(POSIX_ROOT, 'x.bin', { pathApi: path.posix })).toEqual({
      ok: true,
      value: `${POSIX_ROOT}/x.bin`,
    });
    expect(containedPath(WIN_ROOT, 'x.bin', { pathApi: path.win32 })).toEqual({
      ok: true,
      value: `${WIN_ROOT}\\x.bin`,
    });
    expect(containedPath('/staging/', 'x.bin', { pathApi: path.posix })).toEqual({
      ok: true,
      value: '/staging/x.bin',
    });
  });

  test.each(['', '.', '..', '../x', 'a/b', 'a\\b', '/etc/passwd', 'x\0y', '..\\x', 'C:\\x', '\\\\srv\\s'])(
    'refuses %j on POSIX and on Windows',
    (name) => {
      for (const [root, pathApi] of [
        [POSIX_ROOT, path.posix],
        [WIN_ROOT, path.win32],
      ] as const) {
        const result = containedPath(root, name, { pathApi, itemKey: 'k' });
        expect(result.ok ? 'accepted' : result.error.code).toBe('CLIENT.unsafeName');
        expect(result.ok ? undefined : result.error.itemKey).toBe('k');
      }
    },
  );

  test('Windows drive-relative and stream names escape on win32 and are refused there', () => {
    for (const name of ['C:x', 'D:evil', 'a:b']) {
      expect(containedPath(WIN_ROOT, name, { pathApi: path.win32 }).ok, name).toBe(false);
    }
  });

  test('a relative staging root is refused (the result would depend on the working directory)', () => {
    const result = containedPath('staging/job', 'x.bin', { pathApi: path.posix });
    expect(result.ok ? 'accepted' : result.error.code).toBe('CLIENT.unsafeName');
  });

  test('uses the platform path module by default', () => {
    const root = path.resolve('/tmp/courier-job');
    expect(containedPath(root, 'x.bin')).toEqual({ ok: true, value: path.join(root, 'x.bin') });
  });
});
