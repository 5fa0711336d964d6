// The mTLS sign-in's files on the Connection page: the client certificate and its key, the same
// settings the Settings page shows. Files are picked and stored by main at once (not on Save).
import type { SettingsView } from '../../electron/shared/ipc-contract.js';
import { useTranslator } from '../i18n/i18n-provider.js';
import { FileSetting } from './file-setting.js';

export const CLIENT_CERTIFICATE_HELP_ID = 'client-certificate-help';

export function ClientCertificateFields({ settings }: { settings: SettingsView }) {
  const tr = useTranslator();
  return (
    <div className="field">
      <p id={CLIENT_CERTIFICATE_HELP_ID} className="help">
        {tr.text('settings.clientCertificate.help')}
      </p>
      <FileSetting
        purpose="clientCertificate"
        title={tr.text('settings.clientCertificate.title')}
        loaded={settings.clientCertificate?.fileName ?? null}
        emptyText={tr.text('settings.clientCertificate.emptyChoose')}
      />
      {/* Shown even before a certificate is chosen: in this mode both are needed to sign in. */}
      <FileSetting
        purpose="clientKey"
        title={tr.text('settings.clientKey.title')}
        loaded={settings.clientKey?.fileName ?? null}
        emptyText={tr.text('settings.clientKey.emptyNone')}
      />
    </div>
  );
}
