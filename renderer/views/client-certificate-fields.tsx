// The mTLS sign-in's files on the Connection page: the client certificate and its key, the same
// settings the Settings page shows. Files are picked and stored by main at once (not on Save).
import type { SettingsView } from '../../electron/shared/ipc-contract.js';
import { FileSetting } from './file-setting.js';

export const CLIENT_CERTIFICATE_HELP_ID = 'client-certificate-help';

export function ClientCertificateFields({ settings }: { settings: SettingsView }) {
  return (
    <div className="field">
      <p id={CLIENT_CERTIFICATE_HELP_ID} className="help">
        The server must accept this certificate (mTLS); no password is sent.
      </p>
      <FileSetting
        purpose="clientCertificate"
        title="Client certificate"
        loaded={settings.clientCertificate?.fileName ?? null}
        emptyText="None: choose the certificate this laptop signs in with."
      />
      {/* Shown even before a certificate is chosen: in this mode both are needed to sign in. */}
      <FileSetting
        purpose="clientKey"
        title="Client certificate key"
        loaded={settings.clientKey?.fileName ?? null}
        emptyText="None: choose the key that goes with the certificate."
      />
    </div>
  );
}
