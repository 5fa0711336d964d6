// The real-server part of the connection form: address, sign-in method and credentials. Password
// and device secret fields start empty every time: the UI never receives a stored secret.
import type { AuthMode, SettingsView } from '../../electron/shared/ipc-contract.js';
import { RadioChoices, type RadioOption } from '../components/choices.js';
import { TextField } from '../components/text-field.js';
import { useTranslator } from '../i18n/i18n-provider.js';
import type { MessageKey } from '../i18n/messages.js';
import type { Translator } from '../i18n/translator.js';
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
const authOptions = (tr: Translator, current: AuthMode): readonly RadioOption<AuthMode>[] => [
  { value: 'password', label: tr.text('settings.server.authPassword') },
  { value: 'deviceSecret', label: tr.text('settings.server.deviceSecret') },
  {
    value: 'clientCertificate',
    label: tr.text('settings.clientCertificate.title'),
    ...(current === 'clientCertificate' ? { describedBy: CLIENT_CERTIFICATE_HELP_ID } : {}),
  },
];

interface SecretWords {
  readonly id: string;
  readonly label: MessageKey;
  readonly none: MessageKey;
  readonly encrypted: MessageKey;
  readonly inMemory: MessageKey;
  readonly autoComplete: string;
}

/** Each secret's words are whole sentences: in Hebrew a password and a device secret differ in gender. */
const SECRET = {
  password: {
    id: 'password',
    label: 'settings.server.password',
    none: 'settings.secret.password.none',
    encrypted: 'settings.secret.password.encrypted',
    inMemory: 'settings.secret.password.memory',
    autoComplete: 'current-password',
  },
  deviceSecret: {
    id: 'device-secret',
    label: 'settings.server.deviceSecret',
    none: 'settings.secret.deviceSecret.none',
    encrypted: 'settings.secret.deviceSecret.encrypted',
    inMemory: 'settings.secret.deviceSecret.memory',
    autoComplete: 'off',
  },
} as const satisfies Record<string, SecretWords>;

function secretHelp(tr: Translator, settings: SettingsView, kind: keyof typeof SECRET): string {
  const words = SECRET[kind];
  const isSet = kind === 'password' ? settings.hasPassword : settings.hasDeviceSecret;
  if (!isSet) return tr.text(words.none);
  return tr.text(settings.secretStorage === 'encrypted' ? words.encrypted : words.inMemory);
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
  const tr = useTranslator();
  const { id, label, autoComplete } = SECRET[kind];
  return (
    <TextField
      id={id}
      label={tr.text(label)}
      type="password"
      help={secretHelp(tr, settings, kind)}
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
  const tr = useTranslator();
  const update = useCourier((s) => s.updateSettings);
  const authMode = draft.authMode ?? settings.authMode;
  return (
    <>
      <div className="panel-head">
        <h2 id="server-heading">{tr.text('settings.server.heading')}</h2>
        <button type="button" className="link-button" onClick={() => void update({ mode: 'demo' })}>
          {tr.text('settings.server.useDemo')}
        </button>
      </div>
      <TextField
        id="api-url"
        label={tr.text('settings.server.address')}
        type="url"
        dir="ltr"
        required
        value={draft.apiUrl ?? settings.apiUrl}
        placeholder="https://getapp.example.org/api"
        spellCheck={false}
        autoComplete="url"
        onChange={(event) => onDraft({ apiUrl: event.target.value })}
      />
      <RadioChoices
        legend={tr.text('settings.server.signInWith')}
        name="auth-mode"
        value={authMode}
        options={authOptions(tr, authMode)}
        onChange={(value) => onDraft({ authMode: value })}
      />
      {authMode === 'clientCertificate' ? <ClientCertificateFields settings={settings} /> : null}
      {authMode === 'password' ? (
        <div className="form-row">
          <TextField
            id="username"
            label={tr.text('settings.server.userName')}
            dir="auto"
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
