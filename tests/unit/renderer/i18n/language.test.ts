// The UI's language: the Language setting when it names one, else the first of the system's
// preferred languages Courier speaks (Hebrew under any of its tags, including the old "iw"),
// else English; Hebrew runs right to left.
import { describe, expect, it } from 'vitest';
import { resolveLanguage, TEXT_DIRECTION } from '../../../../renderer/i18n/language.js';

describe('resolveLanguage', () => {
  it.each([
    [['he-IL', 'en-US'], 'he'],
    [['iw'], 'he'],
    [['he_IL'], 'he'],
    [['fr-FR', 'he'], 'he'],
    [['en-GB', 'he-IL'], 'en'],
    [['ru-RU', 'ar'], 'en'],
    [[], 'en'],
  ] as const)('system languages %j → %s', (preferred, expected) => {
    expect(resolveLanguage('system', preferred)).toBe(expected);
  });

  it('lets the setting overrule the system', () => {
    expect(resolveLanguage('en', ['he-IL'])).toBe('en');
    expect(resolveLanguage('he', ['en-US'])).toBe('he');
  });

  it('runs Hebrew right to left and English left to right', () => {
    expect(TEXT_DIRECTION).toEqual({ en: 'ltr', he: 'rtl' });
  });
});
