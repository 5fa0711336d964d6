// Which language the UI speaks and which way it runs. Pure: the caller supplies the system's
// preferred languages (navigator.languages), so the rule is testable without a browser.
import { UI_LANGUAGES, type UiLanguage } from '../../electron/shared/ui-languages.js';
import type { SettingsView } from '../../electron/shared/ipc-contract.js';

export type LanguageSetting = SettingsView['language'];
export type TextDirection = 'ltr' | 'rtl';

export const TEXT_DIRECTION: Readonly<Record<UiLanguage, TextDirection>> = { en: 'ltr', he: 'rtl' };

/** Each language named in itself, so a technician finds their own even in a UI they cannot read. */
export const LANGUAGE_NAME: Readonly<Record<UiLanguage, string>> = { en: 'English', he: 'עברית' };

/** The UI language a BCP 47 tag asks for, if Courier has it ('iw' is Hebrew's pre-1989 code). */
function uiLanguageOf(tag: string): UiLanguage | null {
  const primary = tag.toLowerCase().split(/[-_]/)[0];
  const language = primary === 'iw' ? 'he' : primary;
  return (UI_LANGUAGES as readonly string[]).includes(language ?? '') ? (language as UiLanguage) : null;
}

/**
 * The setting wins when it names a language; "system" takes the first of the system's preferred
 * languages Courier has, and English when it has none of them.
 */
export function resolveLanguage(setting: LanguageSetting, preferred: readonly string[]): UiLanguage {
  if (setting !== 'system') return setting;
  for (const tag of preferred) {
    const language = uiLanguageOf(tag);
    if (language) return language;
  }
  return 'en';
}
