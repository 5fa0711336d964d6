// The UI's message catalog holds up in both languages: every message parses as ICU MessageFormat,
// the Hebrew message takes the same arguments as the English one (a missing {count} would show a
// technician the wrong number, or none), every plural has its "other" case, a Hebrew message
// that has words is written in Hebrew rather than left in English, and merging the areas never
// lets one key shadow another.
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { UI_LANGUAGES } from '../../../../electron/shared/ui-languages.js';
import type { NoticeTopicName } from '../../../../electron/shared/ipc-payloads.js';
import { MESSAGES, type MessageKey } from '../../../../renderer/i18n/messages.js';
import { NOTICE_TEXTS, noticeText } from '../../../../renderer/i18n/notice-texts.js';
import { translatorFor } from '../../../../renderer/i18n/translator.js';

/** The argument names a message uses, with the kind of each (plain, number, plural, select...). */
function argumentsOf(elements: readonly MessageFormatElement[], found = new Map<string, TYPE>()) {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if (element.type === TYPE.tag) {
      argumentsOf(element.children, found);
      continue;
    }
    found.set(element.value, element.type);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, found);
    }
  }
  return found;
}

function pluralsLackingOther(elements: readonly MessageFormatElement[]): string[] {
  return elements.flatMap((element) => {
    if (element.type !== TYPE.plural && element.type !== TYPE.select) return [];
    const inner = Object.values(element.options).flatMap((option) => pluralsLackingOther(option.value));
    return Object.hasOwn(element.options, 'other') ? inner : [element.value, ...inner];
  });
}

const KEYS = Object.keys(MESSAGES.en) as MessageKey[];
/** Words outside the arguments: what a reader sees as the message's language. */
const wordsOf = (message: string) => message.replace(/\{[^{}]*\}/g, '').replace(/\{[^{}]*\}/g, '');
const LATIN_WORD = /[A-Za-z]{2,}/;
const HEBREW = /[\u0590-\u05FF]/;
/** Messages that are only technical tokens, the same in every language. */
const TOKENS_ONLY = /^(?:[\s\d%·.:/()—–-]|Courier|GetApp|SHA-256|MiB|GiB|KiB|\{[^}]*\})*$/;

describe('message catalog', () => {
  it('has the same keys in every language', () => {
    for (const language of UI_LANGUAGES)
      expect(Object.keys(MESSAGES[language]).sort()).toEqual([...KEYS].sort());
    expect(KEYS.length).toBeGreaterThan(50);
  });

  it.each(KEYS)('%s parses and takes the same arguments in Hebrew as in English', (key) => {
    const english = parse(MESSAGES.en[key]);
    const hebrew = parse(MESSAGES.he[key]);
    expect([...argumentsOf(hebrew).keys()].sort()).toEqual([...argumentsOf(english).keys()].sort());
    expect(pluralsLackingOther(english)).toEqual([]);
    expect(pluralsLackingOther(hebrew)).toEqual([]);
  });

  it.each(KEYS)('%s is written in Hebrew when it has words', (key) => {
    const english = MESSAGES.en[key];
    if (TOKENS_ONLY.test(english) || !LATIN_WORD.test(wordsOf(english))) return;
    expect(MESSAGES.he[key], `${key} should be Hebrew`).toMatch(HEBREW);
  });

  it('formats a Hebrew plural by Hebrew rules and isolates ids inside a right-to-left sentence', () => {
    const he = translatorFor('he');
    expect(he.text('status.etaSeconds', { seconds: 1 })).toBe('נותרו שנייה אחת');
    expect(he.text('status.etaSeconds', { seconds: 7 })).toBe('נותרו 7 שניות');
    expect(he.text('common.errorLabel', { code: 'CLIENT.network' })).toBe('שגיאה \u2068CLIENT.network\u2069');
    // English sentences read left to right like the ids in them: nothing is added.
    expect(translatorFor('en').text('common.errorLabel', { code: 'CLIENT.network' })).toBe(
      'Error CLIENT.network',
    );
  });
});

describe('notices in Hebrew', () => {
  /** The values the service sends with each topic (electron/shared/ipc-payloads.ts NoticeTopic). */
  const TOPIC_VALUES: Readonly<Record<NoticeTopicName, readonly string[]>> = {
    downloadsPaused: [],
    settingsNotSaved: [],
    reportsSent: [],
    secretsDropped: [],
    resuming: ['names'],
    reportsWaiting: ['count'],
    noPickers: ['folder'],
  };

  it.each(Object.keys(TOPIC_VALUES) as NoticeTopicName[])(
    '%s is Hebrew and uses exactly its values',
    (name) => {
      const text = NOTICE_TEXTS.he[name];
      expect(text).toMatch(HEBREW);
      expect([...argumentsOf(parse(text)).keys()].sort()).toEqual([...TOPIC_VALUES[name]].sort());
    },
  );

  it('words a notice by its topic in Hebrew and keeps the English message in English', () => {
    const notice = {
      level: 'warn',
      message: '2 status reports are waiting to reach the server',
      topic: { name: 'reportsWaiting', values: { count: 2 } },
    } as const;
    expect(noticeText(translatorFor('he'), notice)).toMatch(/^שני דוחות מצב ממתינים לשרת/);
    expect(noticeText(translatorFor('en'), notice)).toBe(notice.message);
    // A notice the service sent without a topic still says something.
    expect(noticeText(translatorFor('he'), { level: 'info', message: 'Plain' })).toBe('Plain');
  });
});
