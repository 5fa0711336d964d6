// The UI's words for e2e tests, straight from the message catalog, formatted as the page formats
// them (ICU MessageFormat). Not through renderer/i18n/translator.ts: that pulls React's typings into
// this Node-side project, whose stand-in DOM types would then shadow Playwright's.
import { IntlMessageFormat } from 'intl-messageformat';
import type { UiLanguage } from '../../electron/shared/ui-languages.js';
import { MESSAGES, type MessageKey } from '../../renderer/i18n/messages.js';

export type UiText = (key: MessageKey, values?: Record<string, string | number>) => string;

export function uiText(language: UiLanguage): UiText {
  return (key, values) => String(new IntlMessageFormat(MESSAGES[language][key], language).format(values));
}
