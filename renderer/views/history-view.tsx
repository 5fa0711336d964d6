// "History": every package in the staging folder (read from its manifest), what it is worth (its
// package state, from the manifest), "verify again" to re-check it offline now, "copy to drive", and
// "Verify a package" for any folder (a package on a USB drive) picked in main.
import { Fragment, useEffect } from 'react';
import { DataTable, type Column } from '../components/data-table.js';
import { ErrorPanel } from '../components/error-panel.js';
import { Icon } from '../components/icon.js';
import { ViewPage } from '../components/view-page.js';
import { StatusBadge } from '../components/status-badge.js';
import { packageStatus } from '../format/status.js';
import { formatBytes, formatDateTime } from '../format/units.js';
import { useTranslator } from '../i18n/i18n-provider.js';
import { packageStateText } from '../i18n/shared-texts.js';
import type { Translator } from '../i18n/translator.js';
import { exportKey } from '../store/export-slice.js';
import { useCourier } from '../store/store-context.js';
import { CopyToDriveButton } from './copy-button.js';
import { DriveCheckPanel } from './drive-check-panel.js';
import { copyState } from './export-model.js';
import { ExportPanel } from './export-panel.js';
import { RecheckSummary } from './recheck-summary.js';

const columns = (tr: Translator): readonly Column[] => [
  { label: tr.text('history.col.package') },
  { label: tr.text('history.col.staged') },
  { label: tr.text('history.col.files'), className: 'num' },
  { label: tr.text('history.col.size'), className: 'num' },
  { label: tr.text('history.col.verification') },
  { label: tr.text('history.col.action'), className: 'col-action', hidden: true },
];

export function HistoryView() {
  const tr = useTranslator();
  const packages = useCourier((s) => s.packages);
  const loading = useCourier((s) => s.historyLoading);
  const error = useCourier((s) => s.historyError);
  const checks = useCourier((s) => s.packageChecks);
  const loadHistory = useCourier((s) => s.loadHistory);
  const verify = useCourier((s) => s.verifyPackage);
  const copies = useCourier((s) => s.exports);
  const driveCheckRunning = useCourier((s) => s.driveCheck?.state === 'running');
  const verifyPicked = useCourier((s) => s.verifyPickedFolder);
  // Each visit re-reads the folder: packages may have been staged or copied since.
  useEffect(() => {
    void loadHistory();
  }, [loadHistory]);
  return (
    <ViewPage
      view="history"
      sub={tr.text('history.sub')}
      actions={
        <div className="button-row">
          <button
            type="button"
            className="button"
            aria-disabled={driveCheckRunning || undefined}
            onClick={() => {
              if (!driveCheckRunning) void verifyPicked();
            }}
          >
            <Icon name="shield" />{' '}
            {tr.text(driveCheckRunning ? 'history.verifying' : 'history.verifyPackage')}
          </button>
          <button type="button" className="button" disabled={loading} onClick={() => void loadHistory()}>
            <Icon name="refresh" /> {tr.text(loading ? 'history.reading' : 'history.refresh')}
          </button>
        </div>
      }
    >
      <DriveCheckPanel />
      {error ? <ErrorPanel error={error} context={tr.text('history.readFailed')} /> : null}
      {packages && packages.length > 0 ? (
        <DataTable className="history" columns={columns(tr)} wrapClassName="panel panel-flush">
          <tbody>
            {packages.map((pkg) => {
              const check = checks[pkg.packageId];
              const target = { packageId: pkg.packageId };
              const copy = copies[exportKey(target)];
              return (
                <Fragment key={pkg.packageId}>
                  <tr>
                    <th scope="row">
                      <span className="item-name mono-title">
                        <bdi dir="ltr">{pkg.catalogId}</bdi>
                      </span>
                      <span className="item-meta">
                        {tr.text('history.fromServer', { server: pkg.server })}
                      </span>
                    </th>
                    <td className="date">{formatDateTime(tr, pkg.stagedAt)}</td>
                    <td className="num">{pkg.fileCount}</td>
                    <td className="num">
                      <bdi>{formatBytes(pkg.totalBytes)}</bdi>
                    </td>
                    <td>
                      <StatusBadge status={packageStatus(tr, pkg.state)} />
                      {pkg.state !== 'verified' ? (
                        <span className="item-meta">{packageStateText(tr, pkg.state).meaning}</span>
                      ) : null}
                    </td>
                    <td className="col-action">
                      <span className="row-actions">
                        <CopyToDriveButton
                          target={target}
                          catalogId={pkg.catalogId}
                          state={copyState(pkg.state, check?.state === 'done' ? check.check : null)}
                        />
                        <button
                          type="button"
                          className="button"
                          disabled={check?.state === 'running'}
                          onClick={() => void verify(pkg.packageId)}
                        >
                          <Icon name="shield" />{' '}
                          {tr.text(check?.state === 'running' ? 'history.verifying' : 'history.verifyAgain')}{' '}
                          <span className="visually-hidden">{pkg.catalogId}</span>
                        </button>
                      </span>
                    </td>
                  </tr>
                  {check || copy ? (
                    <tr className="history-check">
                      <td colSpan={6}>
                        <div className="history-extras">
                          {check ? <RecheckSummary outcome={check} listFiles /> : null}
                          {copy ? <ExportPanel target={target} catalogId={pkg.catalogId} inset /> : null}
                        </div>
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </DataTable>
      ) : packages ? (
        <div className="empty-state">
          <Icon name="history" className="empty-icon" />
          <h2>{tr.text('history.emptyTitle')}</h2>
          <p>{tr.text('history.emptyText')}</p>
        </div>
      ) : (
        <p className="muted" role="status">
          {loading ? tr.text('history.readingFolder') : ''}
        </p>
      )}
    </ViewPage>
  );
}
