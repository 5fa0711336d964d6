// "Settings": how hard Courier pulls (parallel downloads, bandwidth, polling), what it accepts
// (unverified files, signing key) and how it trusts the server (CA bundle, client certificate).
import { useState, type FormEvent } from 'react';
import type { AppError } from '../../electron/shared/app-error.js';
import type { SettingsView as Settings } from '../../electron/shared/ipc-contract.js';
import { ErrorPanel } from '../components/error-panel.js';
import { Icon } from '../components/icon.js';
import { useCourier } from '../store/store-context.js';
import { FileSetting } from './file-setting.js';
import { TuneFields, draftToUpdate, type TuneDraft } from './tune-fields.js';

export function SettingsView() {
  const settings = useCourier((s) => s.settings);
  const settingsError = useCourier((s) => s.settingsError);
  if (!settings) {
    return (
      <section className="view" aria-labelledby="settings-heading">
        <h1 id="settings-heading">Settings</h1>
        {settingsError ? <ErrorPanel error={settingsError} /> : <p role="status">Loading…</p>}
      </section>
    );
  }
  return <SettingsForm settings={settings} />;
}

/** "ab12cd34…" → "AB12 CD34 …": a fingerprint a person can compare aloud. */
function groupFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/.{1,4}/g) ?? []).join(' ');
}

function SettingsForm({ settings }: { settings: Settings }) {
  const update = useCourier((s) => s.updateSettings);
  const [draft, setDraft] = useState<TuneDraft>({});
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  const change = draftToUpdate(draft, settings);
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
    <section className="view" aria-labelledby="settings-heading">
      <header className="page-head">
        <div>
          <h1 id="settings-heading">Settings</h1>
          <p className="page-sub">Download limits, verification policy and trust.</p>
        </div>
      </header>
      <form className="panel form" noValidate onSubmit={(event) => void submit(event)}>
        <h2>Downloads</h2>
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
            Save settings
          </button>
          {!change.ok ? (
            <span className="field-error" role="alert">
              {change.message}
            </span>
          ) : saved && !dirty ? (
            <span className="saved" role="status">
              <Icon name="check" /> Saved
            </span>
          ) : null}
        </div>
        {error ? <ErrorPanel error={error} context="The settings were not saved." /> : null}
      </form>
      <section className="panel" aria-labelledby="trust-heading">
        <h2 id="trust-heading">Signatures and trust</h2>
        <FileSetting
          purpose="publicKey"
          title="Signing public key (cosign.pub)"
          loaded={settings.publicKey?.fileName ?? null}
          emptyText={
            settings.mode === 'demo'
              ? 'None chosen: the built-in demo server’s own key is used.'
              : 'None: signatures cannot be checked.'
          }
        >
          {settings.publicKey ? (
            <span className="fingerprint">
              SHA-256 fingerprint <code>{groupFingerprint(settings.publicKey.fingerprint)}</code>
            </span>
          ) : null}
        </FileSetting>
        <FileSetting
          purpose="caBundle"
          title="Server CA bundle"
          loaded={settings.caBundle?.fileName ?? null}
          emptyText="None: the system's certificate authorities are trusted."
        />
        <FileSetting
          purpose="clientCertificate"
          title="Client certificate"
          loaded={settings.clientCertificate?.fileName ?? null}
          emptyText="None."
        />
        {settings.clientCertificate ? (
          <FileSetting
            purpose="clientKey"
            title="Client certificate key"
            loaded={settings.clientKey?.fileName ?? null}
            emptyText="Choose the key that goes with the certificate."
          />
        ) : null}
      </section>
    </section>
  );
}
