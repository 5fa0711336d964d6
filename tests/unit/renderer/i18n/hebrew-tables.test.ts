// The Hebrew copies of the shared tables (error meanings, package verdicts) stay true to the English
// originals: every text is actually written in Hebrew, nothing is left as the English, the rows come
// in the same order, and whatever a technician would quote or type (CLI options, error codes, file
// and product names) survives translation letter for letter.
import { describe, expect, it } from 'vitest';
import { ERROR_TEXT } from '../../../../electron/shared/error-meanings.js';
import { PACKAGE_STATE_TEXT } from '../../../../electron/shared/package-verdict.js';
import { ERROR_TEXT_HE } from '../../../../renderer/i18n/error-meanings-he.js';
import { PACKAGE_STATE_TEXT_HE } from '../../../../renderer/i18n/package-states-he.js';

const HEBREW = /[\u0590-\u05FF]/;

/** Tokens that must reach the Hebrew text unchanged. */
const KEPT_TOKENS: readonly RegExp[] = [
  /--[a-z-]+/g, // CLI options: --public-key
  /\b[A-Z]+\.[A-Za-z]+\b/g, // error codes: CLIENT.unverified
  /\b[\w-]+\.(?:pub|json|txt|sig)\b/g, // file names: cosign.pub, manifest.json
  /\b(?:Courier|GetApp|SHA256SUMS|SHA-256|ECDSA|PEM)\b/g, // product and format names
];

function keptTokens(text: string): string[] {
  return [...new Set(KEPT_TOKENS.flatMap((pattern) => text.match(pattern) ?? []))].sort();
}

interface TextPair {
  readonly where: string;
  readonly english: string;
  readonly hebrew: string;
}

const ERROR_PAIRS: TextPair[] = Object.entries(ERROR_TEXT).flatMap(([code, english]) => {
  const hebrew = ERROR_TEXT_HE[code as keyof typeof ERROR_TEXT_HE];
  return [
    { where: `${code}.title`, english: english.title, hebrew: hebrew.title },
    { where: `${code}.remedy`, english: english.remedy, hebrew: hebrew.remedy },
  ];
});

const STATE_PAIRS: TextPair[] = Object.entries(PACKAGE_STATE_TEXT).flatMap(([state, english]) => {
  const hebrew = PACKAGE_STATE_TEXT_HE[state as keyof typeof PACKAGE_STATE_TEXT_HE];
  return [
    { where: `${state}.label`, english: english.label, hebrew: hebrew.label },
    { where: `${state}.meaning`, english: english.meaning, hebrew: hebrew.meaning },
  ];
});

const ALL_PAIRS = [...ERROR_PAIRS, ...STATE_PAIRS];

describe('Hebrew shared tables', () => {
  it('keep the English rows, in the English order', () => {
    expect(Object.keys(ERROR_TEXT_HE)).toEqual(Object.keys(ERROR_TEXT));
    expect(Object.keys(PACKAGE_STATE_TEXT_HE)).toEqual(Object.keys(PACKAGE_STATE_TEXT));
  });

  it('write every title, remedy, label and meaning in Hebrew', () => {
    const notHebrew = ALL_PAIRS.filter((pair) => !HEBREW.test(pair.hebrew)).map((pair) => pair.where);
    expect(notHebrew).toEqual([]);
  });

  it('leave no text as its English original', () => {
    const untranslated = ALL_PAIRS.filter((pair) => pair.hebrew.trim() === pair.english.trim());
    expect(untranslated.map((pair) => pair.where)).toEqual([]);
  });

  it('carry every option, code, file name and product name of the English text', () => {
    const lost = ALL_PAIRS.flatMap((pair) =>
      keptTokens(pair.english)
        .filter((token) => !pair.hebrew.includes(token))
        .map((token) => `${pair.where}: ${token}`),
    );
    expect(lost).toEqual([]);
  });

  it('recognise the tokens it guards', () => {
    expect(
      keptTokens('Pass --public-key or --allow-http; see CLIENT.unverified, SHA256SUMS and cosign.pub.'),
    ).toEqual(['--allow-http', '--public-key', 'CLIENT.unverified', 'SHA256SUMS', 'cosign.pub'].sort());
  });

  it('keep verdict labels short badges', () => {
    const long = STATE_PAIRS.filter((pair) => pair.where.endsWith('.label'))
      .filter((pair) => pair.hebrew.split(/\s+/).length > 3)
      .map((pair) => pair.where);
    expect(long).toEqual([]);
  });
});
