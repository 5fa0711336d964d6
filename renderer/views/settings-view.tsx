// "Settings": how hard Courier pulls (parallel downloads, bandwidth, polling), what it accepts
// (unverified files, signing key), how it trusts the server (CA bundle, client certificate) and how
// it looks (light or dark) and which language it speaks.
import { useState, type FormEvent } from 'react';
import type { AppError } from '../../electron/shared/app-error.js';
import type { SettingsView as Settings } from '../../electron/shared/ipc-contract.js';
import { ErrorPanel } from '../components/error-panel.js';
import { SavedNote } from '../components/saved-note.js';
import { ViewPage } from '../components/view-page.js';
import { useTranslator } from '../i18n/i18n-provider.js';
import { useCourier } from '../store/store-context.js';
import { AppearanceFields } from './appearance-fields.js';
import { FileSetting } from './file-setting.js';
import { SettingsGate } from './settings-gate.js';
import { TuneFields, draftToUpdate, type TuneDraft } from './tune-fields.js';

export function SettingsView() {
  return <SettingsGate view="settings">{(settings) => <SettingsForm settings={settings} />}</SettingsGate>;
}

/** "ab12cd34…" → "AB12 CD34 …": a fingerprint a person can compare aloud. */
function groupFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/.{1,4}/g) ?? []).join(' ');
}

function SettingsForm({ settings }: { settings: Settings }) {
  const tr = useTranslator();
  const update = useCourier((s) => s.updateSettings);
  const [draft, setDraft] = useState<TuneDraft>({});
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  const change = draftToUpdate(tr, draft, settings);
  const dirty = change.ok && Object.keys(change.value).length > 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!change.ok || !dirty) return;
    const result = await update(change.value);
    setError(result.ok ? null : result.error);
    if (result.ok) {
      setDraft({});
      setSaved(true);
    }
  };

  return (
    <ViewPage view="settings" sub={tr.text('settings.sub')}>
      <form className="panel form" noValidate onSubmit={(event) => void submit(event)}>
        <h2>{tr.text('settings.downloads')}</h2>
        <TuneFields
          settings={settings}
          draft={draft}
          onDraft={(next) => {
            setSaved(false);
            setDraft({ ...draft, ...next });
          }}
        />
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={!dirty}>
            {tr.text('settings.save')}
          </button>
          {!change.ok ? (
            <span className="field-error" role="alert">
              {change.message}
            </span>
          ) : saved && !dirty ? (
            <SavedNote />
          ) : null}
        </div>
        {error ? <ErrorPanel error={error} context={tr.text('settings.notSaved')} /> : null}
      </form>
      <section className="panel" aria-labelledby="trust-heading">
        <h2 id="trust-heading">{tr.text('settings.trust')}</h2>
        <FileSetting
          purpose="publicKey"
          title={tr.text('settings.publicKey.title', { file: 'cosign.pub' })}
          loaded={settings.publicKey?.fileName ?? null}
          emptyText={
            settings.mode === 'demo'
              ? tr.text('settings.publicKey.emptyDemo')
              : tr.text('settings.publicKey.empty')
          }
        >
          {settings.publicKey ? (
            <span className="fingerprint">
              {tr.text('settings.publicKey.fingerprint')}{' '}
              <code dir="ltr">{groupFingerprint(settings.publicKey.fingerprint)}</code>
            </span>
          ) : null}
        </FileSetting>
        <FileSetting
          purpose="caBundle"
          title={tr.text('settings.caBundle.title')}
          loaded={settings.caBundle?.fileName ?? null}
          emptyText={tr.text('settings.caBundle.empty')}
        />
        <FileSetting
          purpose="clientCertificate"
          title={tr.text('settings.clientCertificate.title')}
          loaded={settings.clientCertificate?.fileName ?? null}
          emptyText={tr.text('settings.clientCertificate.empty')}
        />
        {settings.clientCertificate ? (
          <FileSetting
            purpose="clientKey"
            title={tr.text('settings.clientKey.title')}
            loaded={settings.clientKey?.fileName ?? null}
            emptyText={tr.text('settings.clientKey.emptyChoose')}
          />
        ) : null}
      </section>
      <AppearanceFields settings={settings} />
    </ViewPage>
  );
}
