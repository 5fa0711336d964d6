// "Verify a package" in browser mode, which cannot open a folder picker: the packages found on the
// export target (read from their manifests), one button each to check it. The folder is shown only;
// the choice goes back as the package's folder name, never a path.
import type { PackageChoice } from '../../electron/shared/ipc-contract.js';
import { PACKAGE_STATE_TEXT } from '../../electron/shared/package-verdict.js';
import { Icon } from '../components/icon.js';
import { StatusBadge } from '../components/status-badge.js';
import { packageStatus } from '../format/status.js';
import { formatBytes, formatDateTime } from '../format/units.js';
import { useCourier } from '../store/store-context.js';

export function DrivePackageChoice({ choice }: { choice: PackageChoice }) {
  const verify = useCourier((s) => s.verifyDrivePackage);
  const folder = <code>{choice.folder}</code>;
  if (choice.packages.length === 0)
    return (
      <p className="folder-line" role="status">
        <Icon name="drive" /> No Courier package found in {folder}. Copy one there with Copy to drive first.
      </p>
    );
  const count = choice.packages.length;
  return (
    <>
      <p className="folder-line" id="drive-choice-heading">
        <Icon name="drive" /> {count === 1 ? '1 package' : `${count} packages`} in {folder}. Choose the one to
        verify:
      </p>
      <ul className="drive-choice" aria-labelledby="drive-choice-heading">
        {choice.packages.map((pkg) => (
          <li key={pkg.packageId}>
            <span className="drive-choice-name">
              <span className="item-name mono-title">{pkg.catalogId}</span>
              <span className="item-meta">
                {pkg.fileCount === 1 ? '1 file' : `${pkg.fileCount} files`} · {formatBytes(pkg.totalBytes)} ·
                staged {formatDateTime(pkg.stagedAt)}
              </span>
            </span>
            <span className="drive-choice-state">
              <StatusBadge status={packageStatus(pkg.state)} />
              {pkg.state !== 'verified' ? (
                <span className="item-meta">{PACKAGE_STATE_TEXT[pkg.state].meaning}</span>
              ) : null}
            </span>
            <button type="button" className="button" onClick={() => void verify(pkg.packageId)}>
              <Icon name="shield" /> Verify <span className="visually-hidden">{pkg.catalogId}</span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
