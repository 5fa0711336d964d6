// "Appearance" on the Settings page: light, dark, or whichever the system uses. Saved and applied
// at once (no Save button): the choice shapes no engine, so nothing running is disturbed.
import { useState } from 'react';
import type { AppError } from '../../electron/shared/app-error.js';
import type { SettingsView } from '../../electron/shared/ipc-contract.js';
import { RadioChoices, type RadioOption } from '../components/choices.js';
import { ErrorPanel } from '../components/error-panel.js';
import { useCourier } from '../store/store-context.js';

type Theme = SettingsView['theme'];

const THEME_OPTIONS: readonly RadioOption<Theme>[] = [
  { value: 'system', label: 'Same as the system (light or dark)' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function AppearanceFields({ settings }: { settings: SettingsView }) {
  const update = useCourier((s) => s.updateSettings);
  const [error, setError] = useState<AppError | null>(null);
  const choose = async (theme: Theme) => {
    const result = await update({ theme });
    setError(result.ok ? null : result.error);
  };
  return (
    <section className="panel" aria-labelledby="appearance-heading">
      <h2 id="appearance-heading">Appearance</h2>
      <RadioChoices
        legend="Colours"
        name="theme"
        value={settings.theme}
        options={THEME_OPTIONS}
        onChange={(theme) => void choose(theme)}
      />
      {error ? <ErrorPanel error={error} compact context="The colours were not changed." /> : null}
    </section>
  );
}
