// Human units and pasted catalog ids: what the technician reads and types.
import { describe, expect, it } from 'vitest';
import { parseCatalogIds } from '../../../../renderer/format/catalog-ids.js';
import { translatorFor } from '../../../../renderer/i18n/translator.js';
import { actualInAlgorithm, hexToBase64 } from '../../../../renderer/format/hash.js';
import {
  describeEta,
  formatBytes,
  formatEta,
  formatSpeed,
  percentOf,
} from '../../../../renderer/format/units.js';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.00 KiB'],
    [1536, '1.50 KiB'],
    [10 * 1024 * 1024, '10.0 MiB'],
    [123.4 * 1024 * 1024, '123 MiB'],
    [2 * 1024 ** 3, '2.00 GiB'],
  ])('%d bytes → %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));

  it('shows a dash for unknown sizes', () => {
    expect(formatBytes(null)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
    expect(formatBytes(-1)).toBe('—');
  });
});

describe('formatSpeed', () => {
  it.each([
    [0, '—'],
    [500, '500 B/s'],
    [1_536, '1.50 KiB/s'],
    [250 * 1024, '250 KiB/s'],
    [1.5 * 1024 ** 2, '1.50 MiB/s'],
    [42.3 * 1024 ** 2, '42.3 MiB/s'],
    [812 * 1024 ** 2, '812 MiB/s'],
    // Never decimal units: a speed reads in the unit of the sizes next to it.
    [1_000_000, '977 KiB/s'],
  ])('%d B/s → %s', (speed, text) => expect(formatSpeed(speed)).toBe(text));
});

describe('formatEta', () => {
  it.each([
    [0, '00:00'],
    [999, '00:01'],
    [65_000, '01:05'],
    [59 * 60_000 + 59_000, '59:59'],
    [3_600_000 + 2 * 60_000 + 3_000, '1:02:03'],
  ])('%d ms → %s', (ms, text) => expect(formatEta(ms)).toBe(text));

  it('shows a dash when unknown and words for screen readers', () => {
    expect(formatEta(null)).toBe('—');
    expect(describeEta(translatorFor('en'), 65_000)).toBe('1 min 5 s left');
    expect(describeEta(translatorFor('en'), null)).toBe('time left unknown');
    expect(describeEta(translatorFor('he'), 65_000)).toBe('נותרו דקה ו־5 שניות');
  });
});

describe('percentOf', () => {
  it('is a whole number from 0 to 100, null when the total is unknown', () => {
    expect(percentOf(0, 100)).toBe(0);
    expect(percentOf(999, 1000)).toBe(99);
    expect(percentOf(2000, 1000)).toBe(100);
    expect(percentOf(5, null)).toBeNull();
    expect(percentOf(5, 0)).toBeNull();
  });
});

describe('hash display', () => {
  it('shows the actual digest in the notation the server published', () => {
    const hex = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    expect(hexToBase64(hex)).toBe('47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
    expect(actualInAlgorithm(hex.toUpperCase(), 'SHA256Hex')).toBe(hex);
    expect(hexToBase64('zz')).toBeNull();
  });
});

describe('parseCatalogIds', () => {
  it('accepts one per line or comma separated, trims, drops blanks and duplicates', () => {
    expect(
      parseCatalogIds(' 1.field-nav@2.3.1 \n\n7.tampered@1.0.0, 99.nope@1.0.0,1.field-nav@2.3.1\r\n'),
    ).toEqual(['1.field-nav@2.3.1', '7.tampered@1.0.0', '99.nope@1.0.0']);
    expect(parseCatalogIds(' , \n')).toEqual([]);
  });
});
