// M1, M2, M3, F9 and goal 2: an itemKey is an identity, never a path. Every accepted name is one
// component contained in the job folder on POSIX and on Windows; everything else is CLIENT.unsafeName.
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { containedPath, fileNameForItem, unsafeNameReason } from '../../../electron/engine/safe-name.js';
import { ACCEPTED_NAMES, HOSTILE_NAMES } from './hostile-names.js';

const CATALOG = '42.field-nav@2.3.1';
const MAP_CATALOG = '8f1d7c52-2f8b-4b0e-9a5d-3c9e1b7a6f10';
const POSIX_ROOT = '/staging/root/42.field-nav@2.3.1';
const WIN_ROOT = 'C:\\Staging\\42.field-nav@2.3.1';

function expectUnsafe(result: ReturnType<typeof fileNameForItem>, itemKey: string): void {
  expect(result.ok ? `accepted ${JSON.stringify(result.value)}` : result.error.code).toBe(
    'CLIENT.unsafeName',
  );
  if (result.ok) return;
  expect(result.error.itemKey).toBe(itemKey);
  expect(result.error.retryable).toBe(false);
  // The message names the item (escaped and capped, never raw control characters).
  expect(result.error.message).toContain('Item "');
  expect(result.error.message).not.toMatch(/[\p{Cc}\u202e]/u);
}

/** The invariant of goal 2, checked independently of the implementation's own path logic. */
function isSingleContainedComponent(name: string): boolean {
  const posix = containedPath(POSIX_ROOT, name, { pathApi: path.posix });
  const win = containedPath(WIN_ROOT, name, { pathApi: path.win32 });
  return (
    posix.ok &&
    win.ok &&
    posix.value === `${POSIX_ROOT}/${name}` &&
    win.value === `${WIN_ROOT}\\${name}` &&
    path.posix.dirname(posix.value) === POSIX_ROOT &&
    path.win32.dirname(win.value) === WIN_ROOT &&
    !/[/\\:<>"|?*%\p{Cc}]/u.test(name) &&
    name !== '.' &&
    name !== '..' &&
    !name.startsWith('.') &&
    Buffer.byteLength(name, 'utf8') <= 255
  );
}

describe('M1/M2 fileNameForItem: the fixed hostile corpus (goal 2: >= 200 strings)', () => {
  test('the corpus is large enough', () => {
    expect(HOSTILE_NAMES.length).toBeGreaterThanOrEqual(200);
  });

  test.each(HOSTILE_NAMES.map((name) => [JSON.stringify(name).slice(0, 60), name]))(
    'software item %s is refused',
    (_label, name) => {
      const itemKey = `${CATALOG}@${name}`;
      expectUnsafe(fileNameForItem(itemKey, CATALOG, 'https://s3.example/x', 'software'), itemKey);
    },
  );

  test('as a map URL basename, every corpus entry is refused or yields a contained single component', () => {
    for (const name of HOSTILE_NAMES) {
      const result = fileNameForItem(
        'gpkg',
        MAP_CATALOG,
        `https://getmap.example/api/download/${name}?x=1`,
        'map',
      );
      if (result.ok) expect(isSingleContainedComponent(result.value), result.value).toBe(true);
      else expect(result.error.code).toBe('CLIENT.unsafeName');
    }
  });

  test('as a bare itemKey (no catalogId prefix), every corpus entry is refused', () => {
    for (const name of HOSTILE_NAMES) {
      const result = fileNameForItem(name, CATALOG, undefined, 'software');
      expect(result.ok, JSON.stringify(name)).toBe(false);
    }
  });
});

describe('M2 device names with spaces before the extension (Windows drops them)', () => {
  test.each([
    'CON .txt',
    'con .txt',
    'nul .tar.gz',
    'NUL  .bin',
    'aux \u0020.log',
    'Prn .pdf',
    'COM1 .zip',
    'lpt9 .tar.gz',
    'Ｃｏｎ .txt',
    'ｎｕｌ .tar.gz',
    'ＣＯＭ１ .txt',
    'cOn .TXT',
  ])('%j is refused as a Windows device name', (name) => {
    expect(unsafeNameReason(name)).toBe('it is a Windows device name');
    const itemKey = `${CATALOG}@${name}`;
    expectUnsafe(fileNameForItem(itemKey, CATALOG, 'https://s3.example/x', 'software'), itemKey);
  });

  test.each([
    'Console .txt',
    'Nullable setup.msi',
    'con x.txt',
    'aux cable .pdf',
    'COM10 .txt',
    'Field Nav Setup.msi',
  ])('%j is not a device name and stays accepted', (name) => {
    expect(unsafeNameReason(name)).toBeUndefined();
  });
});

describe('M1 fileNameForItem: real names and the prefix rule', () => {
  test.each(ACCEPTED_NAMES.map((name) => [name.slice(0, 60), name]))(
    'accepts %s unchanged',
    (_label, name) => {
      const result = fileNameForItem(`${CATALOG}@${name}`, CATALOG, 'https://s3.example/x', 'software');
      expect(result).toEqual({ ok: true, value: name });
      expect(isSingleContainedComponent(name)).toBe(true);
    },
  );

  test('strips exactly one "<catalogId>@" prefix, even when the rest contains the catalogId again', () => {
    const result = fileNameForItem(`${CATALOG}@${CATALOG}@x.bin`, CATALOG, undefined, 'software');
    expect(result).toEqual({ ok: true, value: `${CATALOG}@x.bin` });
  });

  test('a key of another catalog is refused, not trimmed at some other "@" (M10)', () => {
    const itemKey = '42.field-nav@2.3.0@setup.msi';
    expectUnsafe(fileNameForItem(itemKey, CATALOG, undefined, 'software'), itemKey);
  });

  test('a docker key with a colon would be refused (docker items are never downloaded anyway)', () => {
    const itemKey = `${CATALOG}@field-nav-api:2.3.1`;
    expectUnsafe(fileNameForItem(itemKey, CATALOG, undefined, 'docker_image'), itemKey);
  });

  test('a real release name with inner spaces is kept as it is', () => {
    const result = fileNameForItem(`${CATALOG}@Field Nav Setup 2.3.1.msi`, CATALOG, undefined, 'software');
    expect(result).toEqual({ ok: true, value: 'Field Nav Setup 2.3.1.msi' });
  });

  test('the key minus the prefix being empty is refused', () => {
    expectUnsafe(fileNameForItem(`${CATALOG}@`, CATALOG, undefined, 'software'), `${CATALOG}@`);
  });
});

describe('M1 fileNameForItem: map items are named from the URL path, never decoded', () => {
  const gpkg = 'Orthophoto_gaza_north_2_0_19_2023_11_21T13_13_01_792Z.gpkg';

  test('protocol fixture F5 (gpkg and json) and F11 (query string) give the basenames', () => {
    const base = 'https://getmap.example/api/download/Orthophoto_gaza_north_2_0_19_2023_11_21T13_13_01_792Z';
    expect(fileNameForItem('gpkg', MAP_CATALOG, `${base}.gpkg`, 'map')).toEqual({ ok: true, value: gpkg });
    expect(fileNameForItem('json', MAP_CATALOG, `${base}.json`, 'map')).toEqual({
      ok: true,
      value: gpkg.replace('.gpkg', '.json'),
    });
    const f11 = `https://edge.example/cache/map/${MAP_CATALOG}/${gpkg}?X-Amz-Signature=abc%2Fdef#frag`;
    expect(fileNameForItem('gpkg', MAP_CATALOG, f11, 'map')).toEqual({ ok: true, value: gpkg });
  });

  test('the key decides for gpkg/json even when artifactType is not map', () => {
    expect(fileNameForItem('json', MAP_CATALOG, 'https://h/a/x.json', 'software')).toEqual({
      ok: true,
      value: 'x.json',
    });
  });

  test.each([
    ['percent-encoded traversal stays encoded and is refused', 'https://h/d/%2e%2e%2fetc%2fpasswd'],
    ['an encoded space is refused, not decoded', 'https://h/d/my%20map.gpkg'],
    ['a URL ending in a slash has no file name', 'https://h/d/'],
    ['a URL with no path has no file name', 'https://h'],
    ['dot segments resolve to the root: no file name', 'https://h/d/..'],
    ['an unparseable URL', 'not a url'],
    ['a reserved name from the URL', 'https://h/d/manifest.json'],
    ['a sidecar suffix from the URL', 'https://h/d/x.gpkg.part'],
    ['a device name from the URL', 'https://h/d/NUL.gpkg'],
    ['a colon in the URL path', 'https://h/d/x.gpkg:stream'],
  ])('%s', (_label, url) => {
    expectUnsafe(fileNameForItem('gpkg', MAP_CATALOG, url, 'map'), 'gpkg');
  });

  test('a map with no URL is refused', () => {
    expectUnsafe(fileNameForItem('gpkg', MAP_CATALOG, undefined, 'map'), 'gpkg');
  });
});

describe('§3 goal 2: property over 100,000 generated itemKeys', () => {
  const fragment = fc.oneof(
    { weight: 8, arbitrary: fc.string({ unit: fc.constantFrom(...'abcXYZ0129._-+~@'), maxLength: 6 }) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        '..',
        '.',
        '/',
        '\\',
        '%2e',
        '%2f',
        ':',
        'C:',
        '\\\\',
        '\0',
        '\n',
        '\u202e',
        '\u200b',
        'ﬁ',
        'K',
        '¹',
        '／',
        '．',
        'ｃｏｎ',
        'CON',
        'aux',
        'nul',
        'com1',
        '.part',
        'manifest.json',
        ' ',
        '~1',
        'é',
        'e\u0301',
        'ß',
        'א',
        '\ud800',
        '$',
        '*',
        '?',
        '<',
        '|',
        '"',
        '\u3164',
        'ſ',
      ),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
  );
  const body = fc.array(fragment, { maxLength: 6 }).map((parts) => parts.join(''));
  const input = fc.record({
    body,
    // Mostly well-formed keys, so that the accepted side of the property is well exercised.
    prefixed: fc.nat(3).map((n) => n > 0),
    artifactType: fc.constantFrom('software', 'map', 'docker_image'),
    urlShape: fc.constantFrom('none', 'path', 'path', 'raw'),
  });

  test('every accepted name is a single component inside the job folder; every refusal names the item', () => {
    let accepted = 0;
    fc.assert(
      fc.property(input, ({ body: text, prefixed, artifactType, urlShape }) => {
        const itemKey = prefixed ? `${CATALOG}@${text}` : text;
        const url =
          urlShape === 'none' ? undefined : urlShape === 'path' ? `https://h.example/d/${text}?q=1` : text;
        const result = fileNameForItem(itemKey, CATALOG, url, artifactType);
        if (!result.ok) return result.error.code === 'CLIENT.unsafeName' && result.error.itemKey === itemKey;
        accepted++;
        return isSingleContainedComponent(result.value);
      }),
      { numRuns: 100_000, seed: 20_260_702 },
    );
    // The property must not pass vacuously: a good share of generated keys has to be accepted.
    expect(accepted).toBeGreaterThan(10_000);
  });
});
