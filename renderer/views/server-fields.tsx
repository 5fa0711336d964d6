// The real-server part of the connection form: address, sign-in method and credentials. Password
// and device secret fields start empty every time: the UI never receives a stored secret.
import type { AuthMode, SettingsView } from '../../electron/shared/ipc-contract.js';
import { RadioChoices, type RadioOption } from '../components/choices.js';
import { TextField } from '../components/text-field.js';
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

/** The sign-in choices; once the certificate is chosen, its help (shown then) describes it. */
const authOptions = (current: AuthMode): readonly RadioOption<AuthMode>[] => [
  { value: 'password', label: 'User name and password' },
  { value: 'deviceSecret', label: 'Device secret' },
  {
    value: 'clientCertificate',
    label: 'Client certificate',
    ...(current === 'clientCertificate' ? { describedBy: CLIENT_CERTIFICATE_HELP_ID } : {}),
  },
];

const SECRET = {
  password: { id: 'password', label: 'Password', what: 'password', autoComplete: 'current-password' },
  deviceSecret: { id: 'device-secret', label: 'Device secret', what: 'device secret', autoComplete: 'off' },
} as const;

function secretHelp(settings: SettingsView, kind: keyof typeof SECRET): string {
  const { what } = SECRET[kind];
  const isSet = kind === 'password' ? settings.hasPassword : settings.hasDeviceSecret;
  if (!isSet) return `No ${what} saved yet.`;
  return settings.secretStorage === 'encrypted'
    ? `A ${what} is saved, encrypted by the operating system. Type a new one to replace it.`
    : `A ${what} is kept in memory until Courier closes (this computer cannot encrypt it).`;
}

/** A password or device secret: always empty at first, since the UI never receives a stored one. */
function SecretField({
  settings,
  kind,
  value,
  onDraft,
}: {
  settings: SettingsView;
  kind: keyof typeof SECRET;
  value: string | undefined;
  onDraft: (next: ServerDraft) => void;
}) {
  const { id, label, autoComplete } = SECRET[kind];
  return (
    <TextField
      id={id}
      label={label}
      type="password"
      help={secretHelp(settings, kind)}
      value={value ?? ''}
      autoComplete={autoComplete}
      onChange={(event) => onDraft({ [kind]: event.target.value })}
    />
  );
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
      <TextField
        id="api-url"
        label="Server address"
        type="url"
        required
        value={draft.apiUrl ?? settings.apiUrl}
        placeholder="https://getapp.example.org/api"
        spellCheck={false}
        autoComplete="url"
        onChange={(event) => onDraft({ apiUrl: event.target.value })}
      />
      <RadioChoices
        legend="Sign in with"
        name="auth-mode"
        value={authMode}
        options={authOptions(authMode)}
        onChange={(value) => onDraft({ authMode: value })}
      />
      {authMode === 'clientCertificate' ? <ClientCertificateFields settings={settings} /> : null}
      {authMode === 'password' ? (
        <div className="form-row">
          <TextField
            id="username"
            label="User name"
            value={draft.username ?? settings.username}
            autoComplete="username"
            spellCheck={false}
            onChange={(event) => onDraft({ username: event.target.value })}
          />
          <SecretField settings={settings} kind="password" value={draft.password} onDraft={onDraft} />
        </div>
      ) : null}
      {authMode === 'deviceSecret' ? (
        <SecretField settings={settings} kind="deviceSecret" value={draft.deviceSecret} onDraft={onDraft} />
      ) : null}
    </>
  );
}
