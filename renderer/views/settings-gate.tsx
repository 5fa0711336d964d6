// Connection and Settings both edit the settings: until those have loaded, either page shows its
// heading and "Loading…", or why the settings could not be read.
import type { ReactNode } from 'react';
import type { SettingsView } from '../../electron/shared/ipc-contract.js';
import { ErrorPanel } from '../components/error-panel.js';
import { ViewPage } from '../components/view-page.js';
import { useTranslator } from '../i18n/i18n-provider.js';
import { useCourier } from '../store/store-context.js';

export interface SettingsGateProps {
  readonly view: 'connect' | 'settings';
  readonly children: (settings: SettingsView) => ReactNode;
}

export function SettingsGate({ view, children }: SettingsGateProps) {
  const tr = useTranslator();
  const settings = useCourier((s) => s.settings);
  const settingsError = useCourier((s) => s.settingsError);
  if (settings) return children(settings);
  return (
    <ViewPage view={view}>
      {settingsError ? (
        <ErrorPanel error={settingsError} context={tr.text('settings.readError')} />
      ) : (
        <p role="status">{tr.text('settings.loading')}</p>
      )}
    </ViewPage>
  );
}
