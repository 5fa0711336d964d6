// "Appearance" on the Settings page: the colours (light, dark, or whichever the system uses) and
// the language. Each is saved and applied at once (no Save button): neither shapes an engine, so
// nothing running is disturbed.
import { useState } from 'react';
import type { AppError } from '../../electron/shared/app-error.js';
import type { SettingsView } from '../../electron/shared/ipc-contract.js';
import { UI_LANGUAGES } from '../../electron/shared/ui-languages.js';
import { RadioChoices, type RadioOption } from '../components/choices.js';
import { ErrorPanel } from '../components/error-panel.js';
import { useTranslator } from '../i18n/i18n-provider.js';
import { LANGUAGE_NAME, type LanguageSetting } from '../i18n/language.js';
import type { Translator } from '../i18n/translator.js';
import { useCourier } from '../store/store-context.js';

type Theme = SettingsView['theme'];

const themeOptions = (tr: Translator): readonly RadioOption<Theme>[] => [
  { value: 'system', label: tr.text('settings.appearance.themeSystem') },
  { value: 'light', label: tr.text('settings.appearance.light') },
  { value: 'dark', label: tr.text('settings.appearance.dark') },
];

/** Each language in itself (and marked so), so it can be found from a page one cannot read. */
const languageOptions = (tr: Translator): readonly RadioOption<LanguageSetting>[] => [
  { value: 'system', label: tr.text('settings.appearance.languageSystem') },
  ...UI_LANGUAGES.map((language) => ({ value: language, label: LANGUAGE_NAME[language], lang: language })),
];

/** Which choice was refused last, so its own words say so under the panel. */
type Refused = { readonly what: 'colours' | 'language'; readonly error: AppError };

export function AppearanceFields({ settings }: { settings: SettingsView }) {
  const tr = useTranslator();
  const update = useCourier((s) => s.updateSettings);
  const [refused, setRefused] = useState<Refused | null>(null);
  const save = async (what: Refused['what'], change: Parameters<typeof update>[0]) => {
    const result = await update(change);
    setRefused(result.ok ? null : { what, error: result.error });
  };
  return (
    <section className="panel" aria-labelledby="appearance-heading">
      <h2 id="appearance-heading">{tr.text('settings.appearance.heading')}</h2>
      <RadioChoices
        legend={tr.text('settings.appearance.colours')}
        name="theme"
        value={settings.theme}
        options={themeOptions(tr)}
        onChange={(theme) => void save('colours', { theme })}
      />
      <RadioChoices
        legend={tr.text('settings.appearance.language')}
        name="language"
        value={settings.language}
        options={languageOptions(tr)}
        onChange={(language) => void save('language', { language })}
      />
      {refused ? (
        <ErrorPanel
          error={refused.error}
          compact
          context={tr.text(
            refused.what === 'colours'
              ? 'settings.appearance.coloursNotChanged'
              : 'settings.appearance.languageNotChanged',
          )}
        />
      ) : null}
    </section>
  );
}
