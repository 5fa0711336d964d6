// "Verify a package" in browser mode, which cannot open a folder picker: the packages found on the
// export target (read from their manifests), one button each to check it. The folder is shown only;
// the choice goes back as the package's folder name, never a path.
import { FormattedMessage } from 'react-intl';
import type { PackageChoice } from '../../electron/shared/ipc-contract.js';
import { Icon } from '../components/icon.js';
import { StatusBadge } from '../components/status-badge.js';
import { packageStatus } from '../format/status.js';
import { formatBytes, formatDateTime } from '../format/units.js';
import { useTranslator } from '../i18n/i18n-provider.js';
import type { MessageKey } from '../i18n/messages.js';
import { packageStateText } from '../i18n/shared-texts.js';
import { useCourier } from '../store/store-context.js';

// Sentences with the folder set in as a left-to-right <code> element (react-intl fills it in).
const NONE_FOUND: MessageKey = 'history.noPackageFound';
const PACKAGES_IN: MessageKey = 'history.packagesIn';

export function DrivePackageChoice({ choice }: { choice: PackageChoice }) {
  const tr = useTranslator();
  const verify = useCourier((s) => s.verifyDrivePackage);
  const folder = <code dir="ltr">{choice.folder}</code>;
  if (choice.packages.length === 0)
    return (
      <p className="folder-line" role="status">
        <Icon name="drive" /> <FormattedMessage id={NONE_FOUND} values={{ folder }} />
      </p>
    );
  const count = choice.packages.length;
  return (
    <>
      <p className="folder-line" id="drive-choice-heading">
        <Icon name="drive" /> <FormattedMessage id={PACKAGES_IN} values={{ count, folder }} />
      </p>
      <ul className="drive-choice" aria-labelledby="drive-choice-heading">
        {choice.packages.map((pkg) => (
          <li key={pkg.packageId}>
            <span className="drive-choice-name">
              <span className="item-name mono-title">
                <bdi dir="ltr">{pkg.catalogId}</bdi>
              </span>
              <span className="item-meta">
                {tr.text('history.choiceMeta', {
                  files: pkg.fileCount,
                  size: formatBytes(pkg.totalBytes),
                  stagedAt: formatDateTime(tr, pkg.stagedAt),
                })}
              </span>
            </span>
            <span className="drive-choice-state">
              <StatusBadge status={packageStatus(tr, pkg.state)} />
              {pkg.state !== 'verified' ? (
                <span className="item-meta">{packageStateText(tr, pkg.state).meaning}</span>
              ) : null}
            </span>
            <button type="button" className="button" onClick={() => void verify(pkg.packageId)}>
              <Icon name="shield" /> {tr.text('history.verify')}{' '}
              <span className="visually-hidden">{pkg.catalogId}</span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
