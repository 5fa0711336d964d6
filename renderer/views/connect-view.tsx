// "Connection": which GetApp server, how to sign in, the device id and the staging folder, and a
// connection test. Secrets are sent once through setSecret and never kept or shown by the UI.
import { useState, type FormEvent } from 'react';
import type { AppError } from '../../electron/shared/app-error.js';
import type { SettingsUpdate, SettingsView } from '../../electron/shared/ipc-contract.js';
import { ErrorPanel } from '../components/error-panel.js';
import { Icon } from '../components/icon.js';
import { SavedNote } from '../components/saved-note.js';
import { ViewPage } from '../components/view-page.js';
import { TextField } from '../components/text-field.js';
import { useTranslator } from '../i18n/i18n-provider.js';
import { useCourier } from '../store/store-context.js';
import { ConnectionResult } from './connection-result.js';
import { DemoBanner } from './demo-banner.js';
import { ServerFields, type ServerDraft } from './server-fields.js';
import { SettingsGate } from './settings-gate.js';

export function ConnectView() {
  return <SettingsGate view="connect">{(settings) => <ConnectForm settings={settings} />}</SettingsGate>;
}

function ConnectForm({ settings }: { settings: SettingsView }) {
  const tr = useTranslator();
  const update = useCourier((s) => s.updateSettings);
  const setSecret = useCourier((s) => s.setSecret);
  const chooseFolder = useCourier((s) => s.chooseStagingFolder);
  const testConnection = useCourier((s) => s.testConnection);
  const testing = useCourier((s) => s.connection.state === 'testing');
  const [draft, setDraft] = useState<ServerDraft>({});
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const dirty = Object.values(draft).some((value) => value !== undefined);

  const save = async (): Promise<boolean> => {
    const { password, deviceSecret, ...fields } = draft;
    const changes: SettingsUpdate = Object.fromEntries(
      Object.entries(fields).filter(([, v]) => v !== undefined),
    );
    const steps = [
      ...(Object.keys(changes).length > 0 ? [() => update(changes)] : []),
      ...(password ? [() => setSecret('password', password)] : []),
      ...(deviceSecret ? [() => setSecret('deviceSecret', deviceSecret)] : []),
    ];
    for (const step of steps) {
      const result = await step();
      if (!result.ok) {
        setError(result.error);
        return false;
      }
    }
    setDraft({});
    setError(null);
    setSaved(steps.length > 0);
    return true;
  };

  const run = async (withTest: boolean) => {
    setBusy(true);
    const ok = dirty ? await save() : true;
    setBusy(false);
    if (ok && withTest) await testConnection();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(false);
  };

  return (
    <ViewPage view="connect" sub={tr.text('settings.connect.sub')}>
      {settings.mode === 'demo' ? <DemoBanner /> : null}
      <form className="form form-stack" onSubmit={submit} onChange={() => setSaved(false)}>
        {settings.mode === 'server' ? (
          <section className="panel" aria-labelledby="server-heading">
            <ServerFields
              settings={settings}
              draft={draft}
              onDraft={(next) => setDraft({ ...draft, ...next })}
            />
          </section>
        ) : null}
        <section className="panel" aria-labelledby="laptop-heading">
          <h2 id="laptop-heading">{tr.text('settings.connect.laptop')}</h2>
          <TextField
            id="device-id"
            label={tr.text('settings.connect.deviceId')}
            help={tr.text('settings.connect.deviceIdHelp')}
            value={draft.deviceId ?? settings.deviceId}
            dir="ltr"
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setDraft({ ...draft, deviceId: event.target.value })}
          />
          <div className="field">
            <span className="label" id="staging-label">
              {tr.text('settings.connect.stagingFolder')}
            </span>
            <div className="folder-picker">
              {settings.stagingFolder ? (
                <code aria-labelledby="staging-label" dir="ltr">
                  {settings.stagingFolder}
                </code>
              ) : (
                <code aria-labelledby="staging-label">{tr.text('settings.connect.notChosen')}</code>
              )}
              <button
                type="button"
                className="button"
                onClick={() =>
                  void chooseFolder().then((result) => setError(result.ok ? null : result.error))
                }
              >
                <Icon name="folder" /> {tr.text('settings.choose')}
              </button>
            </div>
            <p className="help">{tr.text('settings.connect.stagingHelp')}</p>
          </div>
        </section>
        <div className="panel">
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={busy || !dirty}>
              {busy && !testing ? tr.text('settings.connect.saving') : tr.text('settings.connect.save')}
            </button>
            <button
              type="button"
              className="button"
              disabled={busy || testing}
              onClick={() => void run(true)}
            >
              <Icon name="plug" />{' '}
              {testing ? tr.text('settings.connect.testing') : tr.text('settings.connect.test')}
            </button>
            {saved && !dirty ? <SavedNote /> : null}
          </div>
          {error ? <ErrorPanel error={error} context={tr.text('settings.notSaved')} /> : null}
          <ConnectionResult />
        </div>
      </form>
    </ViewPage>
  );
}
