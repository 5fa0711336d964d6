// "History": every package in the staging folder (read from its manifest), whether it was fully
// verified when staged, and "verify again" to re-check it offline now.
import { Fragment, useEffect } from 'react';
import { ErrorPanel } from '../components/error-panel.js';
import { Icon } from '../components/icon.js';
import { StatusBadge } from '../components/status-badge.js';
import { formatBytes, formatDateTime } from '../format/units.js';
import { useCourier } from '../store/store-context.js';
import { RecheckSummary } from './recheck-summary.js';

export function HistoryView() {
  const packages = useCourier((s) => s.packages);
  const loading = useCourier((s) => s.historyLoading);
  const error = useCourier((s) => s.historyError);
  const checks = useCourier((s) => s.packageChecks);
  const loadHistory = useCourier((s) => s.loadHistory);
  const verify = useCourier((s) => s.verifyPackage);
  // Each visit re-reads the folder: packages may have been staged or copied since.
  useEffect(() => {
    void loadHistory();
  }, [loadHistory]);
  return (
    <section className="view" aria-labelledby="history-heading">
      <header className="page-head">
        <div>
          <h1 id="history-heading">History</h1>
          <p className="page-sub">Packages in the staging folder, ready to copy to a USB drive.</p>
        </div>
        <button type="button" className="button" disabled={loading} onClick={() => void loadHistory()}>
          <Icon name="refresh" /> {loading ? 'Reading…' : 'Refresh'}
        </button>
      </header>
      {error ? <ErrorPanel error={error} context="The staging folder could not be read." /> : null}
      {packages && packages.length > 0 ? (
        <div className="table-wrap panel panel-flush">
          <table className="history">
            <thead>
              <tr>
                <th scope="col">Package</th>
                <th scope="col">Staged</th>
                <th scope="col" className="num">
                  Files
                </th>
                <th scope="col" className="num">
                  Size
                </th>
                <th scope="col">Verification</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {packages.map((pkg) => {
                const check = checks[pkg.packageId];
                return (
                  <Fragment key={pkg.packageId}>
                    <tr>
                      <th scope="row">
                        <span className="item-name mono-title">{pkg.catalogId}</span>
                        <span className="item-meta">from {pkg.server}</span>
                      </th>
                      <td className="date">{formatDateTime(pkg.stagedAt)}</td>
                      <td className="num">{pkg.fileCount}</td>
                      <td className="num">{formatBytes(pkg.totalBytes)}</td>
                      <td>
                        <StatusBadge
                          status={
                            pkg.verified
                              ? { label: 'All verified', tone: 'success', icon: 'check' }
                              : { label: 'Not all verified', tone: 'warning', icon: 'alert' }
                          }
                        />
                      </td>
                      <td className="col-action">
                        <button
                          type="button"
                          className="button"
                          disabled={check?.state === 'running'}
                          onClick={() => void verify(pkg.packageId)}
                        >
                          <Icon name="shield" /> {check?.state === 'running' ? 'Verifying…' : 'Verify again'}{' '}
                          <span className="visually-hidden">{pkg.catalogId}</span>
                        </button>
                      </td>
                    </tr>
                    {check ? (
                      <tr className="history-check">
                        <td colSpan={6}>
                          <RecheckSummary outcome={check} listFiles />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : packages ? (
        <div className="empty-state">
          <Icon name="history" className="empty-icon" />
          <h2>No packages staged yet</h2>
          <p>Staged deliveries appear here, with their verification state.</p>
        </div>
      ) : (
        <p className="muted" role="status">
          {loading ? 'Reading the staging folder…' : ''}
        </p>
      )}
    </section>
  );
}
