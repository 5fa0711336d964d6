// "Verify a package": the offline check of a folder picked in main (a package on a USB drive), one
// row per file (verified, missing, changed, signature invalid) plus files the manifest does not list.
import type { FileCheck, PickedPackageCheck, StagedOutcome } from '../../electron/shared/ipc-contract.js';
import { DataTable, VerdictCell, type Column } from '../components/data-table.js';
import { ErrorPanel } from '../components/error-panel.js';
import { Icon } from '../components/icon.js';
import type { StatusText } from '../format/status.js';
import { useTranslator } from '../i18n/i18n-provider.js';
import type { Translator } from '../i18n/translator.js';
import { useCourier } from '../store/store-context.js';
import { fileCheckStatus } from './check-status.js';
import { CheckVerdict } from './check-verdict.js';
import { DrivePackageChoice } from './drive-package-choice.js';
import { extraFileStatus } from './export-model.js';

/** On a drive, "still intact" would presume an earlier check: a file simply verifies or not. */
const driveFileStatus = (tr: Translator, status: FileCheck, outcome: StagedOutcome): StatusText =>
  status === 'verified' && outcome === 'verified'
    ? { label: tr.text('status.verified'), tone: 'success', icon: 'check' }
    : fileCheckStatus(tr, status, outcome);

const columns = (tr: Translator): readonly Column[] => [
  { label: tr.text('history.col.file') },
  { label: tr.text('history.col.result') },
];

function DriveCheckTable({ check }: { check: PickedPackageCheck }) {
  const tr = useTranslator();
  const extraStatus = extraFileStatus(tr);
  return (
    <DataTable
      className="results"
      caption={tr.text('history.filesInFolderCaption', { catalogId: check.catalogId })}
      columns={columns(tr)}
    >
      <tbody>
        {check.files.map((file) => {
          const differs = file.actualSha256 !== null && file.actualSha256 !== file.expectedSha256;
          return (
            <tr key={file.itemKey} className={file.status === 'verified' ? undefined : 'row-bad'}>
              <th scope="row" className="col-name">
                <span className="item-name">
                  <bdi>{file.file}</bdi>
                </span>
                <span className="item-meta">
                  {differs ? tr.text('history.expected') : 'SHA-256'}{' '}
                  <code className="hash-inline" dir="ltr">
                    {file.expectedSha256}
                  </code>
                </span>
                {differs ? (
                  <span className="item-meta">
                    {tr.text('history.actual')}{' '}
                    <code className="hash-inline hash-bad" dir="ltr">
                      {file.actualSha256}
                    </code>
                  </span>
                ) : null}
              </th>
              <VerdictCell status={driveFileStatus(tr, file.status, file.outcome)} />
            </tr>
          );
        })}
        {check.extra.map((name) => (
          <tr key={`extra:${name}`}>
            <th scope="row" className="col-name">
              <span className="item-name">
                <bdi>{name}</bdi>
              </span>
              <span className="item-meta">{tr.text('history.notCheckedUnlisted')}</span>
            </th>
            <VerdictCell status={extraStatus} />
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

export function DriveCheckPanel() {
  const tr = useTranslator();
  const outcome = useCourier((s) => s.driveCheck);
  const dismiss = useCourier((s) => s.dismissDriveCheck);
  if (!outcome) return null;
  return (
    <section className="panel export-panel" aria-labelledby="drive-check-heading">
      <div className="panel-head">
        <h2 id="drive-check-heading">
          <Icon name="shield" /> {tr.text('history.verifyPackage')}
        </h2>
        {outcome.state !== 'running' ? (
          <button
            type="button"
            className="button-quiet"
            aria-label={tr.text('history.closePackageCheck')}
            onClick={dismiss}
          >
            <Icon name="cross" /> {tr.text('history.close')}
          </button>
        ) : null}
      </div>
      {outcome.state === 'running' ? (
        <p className="recheck recheck-running" role="status">
          {tr.text('history.checkingPicked')}
        </p>
      ) : outcome.state === 'choose' ? (
        <DrivePackageChoice choice={outcome.choice} />
      ) : outcome.state === 'error' ? (
        <ErrorPanel error={outcome.error} compact context={tr.text('history.verifyCouldNotRun')} />
      ) : (
        <>
          <div className="recheck" role="status">
            <CheckVerdict check={outcome.check} at={outcome.at} />
          </div>
          <p className="folder-line">
            <Icon name="drive" />
            <span className="visually-hidden">{tr.text('history.checkedFolder')} </span>
            <code dir="ltr">{outcome.check.folder}</code>
            <span className="mono-title" dir="ltr">
              {outcome.check.catalogId}
            </span>
          </p>
          <DriveCheckTable check={outcome.check} />
        </>
      )}
    </section>
  );
}
