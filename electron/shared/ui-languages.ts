// The languages Courier's UI is written in. The settings schema offers these (plus "system"), the
// renderer keeps one message catalog per language, and a test holds the catalogs to this list.

/** English and Hebrew: GetApp's technicians read both. */
export const UI_LANGUAGES = ['en', 'he'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
