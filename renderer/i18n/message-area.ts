// One part of the UI's message catalog: its English messages and their Hebrew counterparts, side by
// side in one file so a change to one is seen next to the other. The Hebrew table must have every
// key the English one has (the type says so); tests check that both parse as ICU MessageFormat and
// use the same arguments.
import type { UiLanguage } from '../../electron/shared/ui-languages.js';

export type MessageArea<K extends string> = { readonly [L in UiLanguage]: Readonly<Record<K, string>> };

export function messageArea<const E extends Readonly<Record<string, string>>>(
  en: E,
  he: { readonly [K in keyof E]: string },
): MessageArea<keyof E & string> {
  return { en, he };
}
