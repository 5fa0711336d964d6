// Words, numbers and dates in the UI's language, from the message catalog (react-intl's ICU
// MessageFormat: plurals, selects and number/date arguments formatted for the language). Views get
// one from useTranslator(); pure formatters take one as their first argument.
import { createIntl, createIntlCache, type IntlShape } from 'react-intl';
import type { UiLanguage } from '../../electron/shared/ui-languages.js';
import { TEXT_DIRECTION, type TextDirection } from './language.js';
import { MESSAGES, type MessageKey } from './messages.js';

export type MessageValues = Readonly<Record<string, string | number>>;
type NumberOptions = Parameters<IntlShape['formatNumber']>[1];
type DateTimeOptions = NonNullable<Parameters<IntlShape['formatDate']>[1]>;

export interface Translator {
  readonly language: UiLanguage;
  readonly dir: TextDirection;
  /** A message in the UI's language with its arguments filled in. */
  text(key: MessageKey, values?: MessageValues): string;
  /** An ICU message from a table outside the catalog (already in the UI's language), filled in. */
  format(message: string, values?: MessageValues): string;
  number(value: number, options?: NumberOptions): string;
  dateTime(value: Date | number, options: DateTimeOptions): string;
}

/** Unicode's first-strong isolate and pop-directional isolate: <bdi> for text inside a string. */
const FSI = '\u2068';
const PDI = '\u2069';

/**
 * In a right-to-left sentence an id, path or file name (left-to-right runs, often ending in digits
 * or punctuation) would otherwise be reordered with the words around it, so each string argument
 * is isolated. Left-to-right sentences leave them as they are: the values read the same way.
 */
function isolated(values: MessageValues | undefined, dir: TextDirection): MessageValues | undefined {
  if (!values || dir === 'ltr') return values;
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [
      name,
      typeof value === 'string' ? `${FSI}${value}${PDI}` : value,
    ]),
  );
}

const cache = createIntlCache();
const intls = new Map<UiLanguage, IntlShape>();

/** react-intl's formatter for a language: one per language, shared by every translator. */
export function intlFor(language: UiLanguage): IntlShape {
  let intl = intls.get(language);
  if (!intl) {
    intl = createIntl({ locale: language, defaultLocale: 'en', messages: MESSAGES[language] }, cache);
    intls.set(language, intl);
  }
  return intl;
}

const translators = new Map<UiLanguage, Translator>();

export function translatorFor(language: UiLanguage): Translator {
  const known = translators.get(language);
  if (known) return known;
  const intl = intlFor(language);
  const dir = TEXT_DIRECTION[language];
  const translator: Translator = {
    language,
    dir,
    text: (key, values) => intl.formatMessage({ id: key }, isolated(values, dir)),
    format: (message, values) =>
      String(intl.formatters.getMessageFormat(message, language).format(isolated(values, dir))),
    number: (value, options) => intl.formatNumber(value, options),
    dateTime: (value, options) => intl.formatDate(value, options),
  };
  translators.set(language, translator);
  return translator;
}
