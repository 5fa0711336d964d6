// The UI's whole message catalog: every area's messages merged into one table per language. A key
// is defined once, in its area's file; merging refuses a key two areas both define.
import { UI_LANGUAGES, type UiLanguage } from '../../electron/shared/ui-languages.js';
import { COMMON_MESSAGES } from './areas/common-messages.js';
import { DELIVERIES_MESSAGES } from './areas/deliveries-messages.js';
import { GET_MESSAGES } from './areas/get-messages.js';
import { HISTORY_MESSAGES } from './areas/history-messages.js';
import { SETTINGS_MESSAGES } from './areas/settings-messages.js';
import { STATUS_MESSAGES } from './areas/status-messages.js';
import type { MessageArea } from './message-area.js';

const AREAS = [
  COMMON_MESSAGES,
  STATUS_MESSAGES,
  DELIVERIES_MESSAGES,
  GET_MESSAGES,
  HISTORY_MESSAGES,
  SETTINGS_MESSAGES,
] as const;

type KeyOf<A> = A extends MessageArea<infer K> ? K : never;
/** Every message the UI can show, by key. */
export type MessageKey = KeyOf<(typeof AREAS)[number]>;

function merge(language: UiLanguage): Readonly<Record<MessageKey, string>> {
  const merged: Record<string, string> = {};
  for (const area of AREAS) {
    for (const [key, text] of Object.entries(area[language])) {
      if (Object.hasOwn(merged, key)) throw new Error(`Message "${key}" is defined twice.`);
      merged[key] = text;
    }
  }
  return merged as Record<MessageKey, string>;
}

export const MESSAGES: Readonly<Record<UiLanguage, Readonly<Record<MessageKey, string>>>> =
  Object.fromEntries(UI_LANGUAGES.map((language) => [language, merge(language)])) as Record<
    UiLanguage,
    Record<MessageKey, string>
  >;
