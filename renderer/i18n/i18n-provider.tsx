// Gives every view the translator for the UI's language (the Language setting, else the system's
// preferred languages) and turns the whole page that way: html[lang] for screen readers and fonts,
// html[dir] so the layout (written with logical CSS properties) mirrors for Hebrew.
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { RawIntlProvider } from 'react-intl';
import { useCourier } from '../store/store-context.js';
import { resolveLanguage } from './language.js';
import { intlFor, translatorFor, type Translator } from './translator.js';

const TranslatorContext = createContext<Translator | null>(null);

/** The system's preferred languages; none outside a browser (English then). */
function systemLanguages(): readonly string[] {
  return (typeof navigator === 'undefined' ? undefined : navigator.languages) ?? [];
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const setting = useCourier((s) => s.settings?.language ?? 'system');
  const language = resolveLanguage(setting, systemLanguages());
  const translator = translatorFor(language);
  useEffect(() => {
    const root = document.documentElement;
    root.lang = language;
    root.dir = translator.dir;
  }, [language, translator]);
  return (
    <RawIntlProvider value={intlFor(language)}>
      <TranslatorContext.Provider value={translator}>{children}</TranslatorContext.Provider>
    </RawIntlProvider>
  );
}

export function useTranslator(): Translator {
  const translator = useContext(TranslatorContext);
  if (!translator) throw new Error('useTranslator() needs an I18nProvider above it.');
  return translator;
}
