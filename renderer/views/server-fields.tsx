// The real-server part of the connection form: address, sign-in method and credentials. Password
// and device secret fields start empty every time: the UI never receives a stored secret.
import type { AuthMode, SettingsView } from '../../electron/shared/ipc-contract.js';
import { useCourier } from '../store/store-context.js';
import { CLIENT_CERTIFICATE_HELP_ID, ClientCertificateFields } from './client-certificate-fields.js';

export interface ServerDraft {
  readonly apiUrl?: string;
  readonly authMode?: AuthMode;
  readonly username?: string;
  readonly deviceId?: string;
  readonly password?: string;
  readonly deviceSecret?: string;
}

function secretHelp(settings: SettingsView, isSet: boolean, what: string): string {
  if (!isSet) return `No ${what} saved yet.`;
  return settings.secretStorage === 'encrypted'
    ? `A ${what} is saved, encrypted by the operating system. Type a new one to replace it.`
    : `A ${what} is kept in memory until Courier closes (this computer cannot encrypt it).`;
}

export function ServerFields({
  settings,
  draft,
  onDraft,
}: {
  settings: SettingsView;
  draft: ServerDraft;
  onDraft: (next: ServerDraft) => void;
}) {
  const update = useCourier((s) => s.updateSettings);
  const authMode = draft.authMode ?? settings.authMode;
  return (
    <>
      <div className="panel-head">
        <h2 id="server-heading">GetApp server</h2>
        <button type="button" className="link-button" onClick={() => void update({ mode: 'demo' })}>
          Use the built-in demo server instead
        </button>
      </div>
      <div className="field">
        <label htmlFor="api-url">Server address</label>
        <input
          id="api-url"
          type="url"
          required
          value={draft.apiUrl ?? settings.apiUrl}
          placeholder="https://getapp.example.org/api"
          spellCheck={false}
          autoComplete="url"
          onChange={(event) => onDraft({ apiUrl: event.target.value })}
        />
      </div>
      <fieldset className="field">
        <legend>Sign in with</legend>
        <label className="choice">
          <input
            type="radio"
            name="auth-mode"
            value="password"
            checked={authMode === 'password'}
            onChange={() => onDraft({ authMode: 'password' })}
          />
          User name and password
        </label>
        <label className="choice">
          <input
            type="radio"
            name="auth-mode"
            value="deviceSecret"
            checked={authMode === 'deviceSecret'}
            onChange={() => onDraft({ authMode: 'deviceSecret' })}
          />
          Device secret
        </label>
        <label className="choice">
          <input
            type="radio"
            name="auth-mode"
            value="clientCertificate"
            checked={authMode === 'clientCertificate'}
            aria-describedby={authMode === 'clientCertificate' ? CLIENT_CERTIFICATE_HELP_ID : undefined}
            onChange={() => onDraft({ authMode: 'clientCertificate' })}
          />
          Client certificate
        </label>
      </fieldset>
      {authMode === 'clientCertificate' ? <ClientCertificateFields settings={settings} /> : null}
      {authMode === 'password' ? (
        <div className="form-row">
          <div className="field">
            <label htmlFor="username">User name</label>
            <input
              id="username"
              value={draft.username ?? settings.username}
              autoComplete="username"
              spellCheck={false}
              onChange={(event) => onDraft({ username: event.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor="password">Password</label>
            <input
              id="password"
              type="password"
              value={draft.password ?? ''}
              autoComplete="current-password"
              aria-describedby="password-help"
              onChange={(event) => onDraft({ password: event.target.value })}
            />
            <p id="password-help" className="help">
              {secretHelp(settings, settings.hasPassword, 'password')}
            </p>
          </div>
        </div>
      ) : null}
      {authMode === 'deviceSecret' ? (
        <div className="field">
          <label htmlFor="device-secret">Device secret</label>
          <input
            id="device-secret"
            type="password"
            value={draft.deviceSecret ?? ''}
            autoComplete="off"
            aria-describedby="device-secret-help"
            onChange={(event) => onDraft({ deviceSecret: event.target.value })}
          />
          <p id="device-secret-help" className="help">
            {secretHelp(settings, settings.hasDeviceSecret, 'device secret')}
          </p>
        </div>
      ) : null}
    </>
  );
}
