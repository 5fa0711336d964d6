// "Verify a package": the offline check of a folder picked in main (a package on a USB drive), one
// row per file (verified, missing, changed, signature invalid) plus files the manifest does not list.
import type { FileCheck, PickedPackageCheck, StagedOutcome } from '../../electron/shared/ipc-contract.js';
import { DataTable, VerdictCell, type Column } from '../components/data-table.js';
import { ErrorPanel } from '../components/error-panel.js';
import { Icon } from '../components/icon.js';
import type { StatusText } from '../format/status.js';
import { useCourier } from '../store/store-context.js';
import { fileCheckStatus } from './check-status.js';
import { CheckVerdict } from './check-verdict.js';
import { DrivePackageChoice } from './drive-package-choice.js';
import { extraFileStatus } from './export-model.js';

/** On a drive, "still intact" would presume an earlier check: a file simply verifies or not. */
const driveFileStatus = (status: FileCheck, outcome: StagedOutcome): StatusText =>
  status === 'verified' && outcome === 'verified'
    ? { label: 'Verified', tone: 'success', icon: 'check' }
    : fileCheckStatus(status, outcome);

const COLUMNS: readonly Column[] = [{ label: 'File' }, { label: 'Result' }];

function DriveCheckTable({ check }: { check: PickedPackageCheck }) {
  return (
    <DataTable
      className="results"
      caption={`Files of ${check.catalogId} in the chosen folder`}
      columns={COLUMNS}
    >
      <tbody>
        {check.files.map((file) => {
          const differs = file.actualSha256 !== null && file.actualSha256 !== file.expectedSha256;
          return (
            <tr key={file.itemKey} className={file.status === 'verified' ? undefined : 'row-bad'}>
              <th scope="row" className="col-name">
                <span className="item-name">{file.file}</span>
                <span className="item-meta">
                  {differs ? 'expected' : 'SHA-256'}{' '}
                  <code className="hash-inline">{file.expectedSha256}</code>
                </span>
                {differs ? (
                  <span className="item-meta">
                    actual <code className="hash-inline hash-bad">{file.actualSha256}</code>
                  </span>
                ) : null}
              </th>
              <VerdictCell status={driveFileStatus(file.status, file.outcome)} />
            </tr>
          );
        })}
        {check.extra.map((name) => (
          <tr key={`extra:${name}`}>
            <th scope="row" className="col-name">
              <span className="item-name">{name}</span>
              <span className="item-meta">Not checked: the manifest does not list it.</span>
            </th>
            <VerdictCell status={extraFileStatus} />
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

export function DriveCheckPanel() {
  const outcome = useCourier((s) => s.driveCheck);
  const dismiss = useCourier((s) => s.dismissDriveCheck);
  if (!outcome) return null;
  return (
    <section className="panel export-panel" aria-labelledby="drive-check-heading">
      <div className="panel-head">
        <h2 id="drive-check-heading">
          <Icon name="shield" /> Verify a package
        </h2>
        {outcome.state !== 'running' ? (
          <button type="button" className="button-quiet" onClick={dismiss}>
            <Icon name="cross" /> Close <span className="visually-hidden">the package check</span>
          </button>
        ) : null}
      </div>
      {outcome.state === 'running' ? (
        <p className="recheck recheck-running" role="status">
          Checking every file of the chosen package against its manifest…
        </p>
      ) : outcome.state === 'choose' ? (
        <DrivePackageChoice choice={outcome.choice} />
      ) : outcome.state === 'error' ? (
        <ErrorPanel error={outcome.error} compact context="Verify a package could not run." />
      ) : (
        <>
          <div className="recheck" role="status">
            <CheckVerdict check={outcome.check} at={outcome.at} />
          </div>
          <p className="folder-line">
            <Icon name="drive" />
            <span className="visually-hidden">Checked folder: </span>
            <code>{outcome.check.folder}</code>
            <span className="mono-title">{outcome.check.catalogId}</span>
          </p>
          <DriveCheckTable check={outcome.check} />
        </>
      )}
    </section>
  );
}
