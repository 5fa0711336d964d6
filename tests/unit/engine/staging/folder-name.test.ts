// The job folder name rule: safe, contained, stable, and injective even on case-insensitive disks.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { jobFolderName } from '../../../../electron/engine/staging/folder-name.js';
import { childPath } from '../../../../electron/engine/staging/job-folder.js';

const suffix = (id: string) => `~${createHash('sha256').update(id, 'utf8').digest('hex').slice(0, 12)}`;
const SAFE = /^[A-Za-z0-9_@+][A-Za-z0-9._\-@+~]*$/;

describe('jobFolderName', () => {
  test('a lower-case id made of kept characters is used verbatim', () => {
    expect(jobFolderName('9.my-tool@1.0.0+build_7')).toBe('9.my-tool@1.0.0+build_7');
  });

  test('replaced characters become "_" and add the hash suffix (stable across versions)', () => {
    expect(jobFolderName('a b/c')).toBe(`a_b_c${suffix('a b/c')}`);
    expect(jobFolderName('a_b_c')).toBe('a_b_c');
  });

  test('M1: "..", ".", "", traversal and separators still give a contained, non-hidden name', () => {
    for (const id of ['..', '.', '', '../../etc/passwd', '..\\..\\x', '/etc/x', 'C:\\x', '\0', '.courier']) {
      const name = jobFolderName(id);
      expect(name, id).toMatch(SAFE);
      expect(name, id).toContain('~');
      expect(childPath('/staging', name), id).toBe(`/staging/${name}`);
    }
    expect(jobFolderName('..')).toBe(`__${suffix('..')}`);
    expect(jobFolderName('')).toBe(`_${suffix('')}`);
  });

  test('M3: ids that differ only by case get different folders even after case folding', () => {
    const upper = jobFolderName('Map@1');
    expect(upper).toBe(`Map@1${suffix('Map@1')}`);
    expect(jobFolderName('map@1')).toBe('map@1');
    expect(upper.toLowerCase()).not.toBe('map@1');
    expect(jobFolderName('MAP@1').toLowerCase()).not.toBe(upper.toLowerCase());
  });

  test('M2: Windows device names and a trailing dot are not left as they are', () => {
    expect(jobFolderName('con')).toBe(`_con${suffix('con')}`);
    expect(jobFolderName('nul.tar')).toBe(`_nul.tar${suffix('nul.tar')}`);
    expect(jobFolderName('tool.')).toBe(`tool_${suffix('tool.')}`);
    expect(jobFolderName('-rf')).toBe(`_rf${suffix('-rf')}`);
  });

  test('F9: a very long id is cut to 80 characters plus the suffix', () => {
    const name = jobFolderName('x'.repeat(5000));
    expect(name).toBe(`${'x'.repeat(80)}${suffix('x'.repeat(5000))}`);
  });

  test('property: every name is safe and contained; distinct ids never share a folder, case-folded', () => {
    const unit = fc.constantFrom(
      'a',
      'A',
      'b',
      '.',
      '_',
      '-',
      '/',
      '\\',
      '~',
      '@',
      ' ',
      'é',
      '0',
      '\u0000',
      'ß',
      '%',
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ unit, maxLength: 8 }), { minLength: 2, maxLength: 30 }),
        (ids) => {
          const names = ids.map(jobFolderName);
          for (const name of names) {
            expect(name).toMatch(SAFE);
            expect(name.endsWith('.')).toBe(false);
            expect(childPath('/staging', name)).toBe(`/staging/${name}`);
          }
          expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(ids.length);
        },
      ),
      { numRuns: 500 },
    );
  });
});
