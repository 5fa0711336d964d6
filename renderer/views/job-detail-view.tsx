// One delivery in full: status, overall progress, actions (pause/resume, open folder, verify again,
// open report, copy to drive) and every artifact with its checks. Re-check results join the same
// table; a copy to a drive shows its own panel above it.
import { useMemo } from 'react';
import { DataTable, type Column } from '../components/data-table.js';
import { ErrorPanel } from '../components/error-panel.js';
import { Icon } from '../components/icon.js';
import { PageHead } from '../components/page-head.js';
import { StatusBadge } from '../components/status-badge.js';
import { TransferProgress } from '../components/transfer-progress.js';
import { jobPackageState, meterTone } from '../format/status.js';
import { formatBytes, formatDateTime } from '../format/units.js';
import { useTranslator } from '../i18n/i18n-provider.js';
import type { Translator } from '../i18n/translator.js';
import { selectSelectedJob } from '../store/selectors.js';
import { useCourier } from '../store/store-context.js';
import { checksByItem } from './check-status.js';
import { CopyToDriveButton } from './copy-button.js';
import { CountsLine } from './counts-line.js';
import { copyState } from './export-model.js';
import { ExportPanel } from './export-panel.js';
import { ActionButton, JobControls } from './job-controls.js';
import { itemTypeLabel, jobDetailModel } from './job-detail-model.js';
import { JobOpeningNote } from './job-opening-note.js';
import { ItemRow } from './item-row.js';
import { RecheckSummary } from './recheck-summary.js';

/** The artifact table's columns; after a verify again, the result column also shows each re-check. */
function itemColumns(tr: Translator, recheck: boolean): readonly Column[] {
  return [
    { label: tr.text('deliveries.col.artifact') },
    { label: tr.text('deliveries.col.size'), className: 'num' },
    { label: tr.text('deliveries.col.progress') },
    { label: tr.text('deliveries.col.checks') },
    { label: tr.text(recheck ? 'deliveries.col.resultRecheck' : 'deliveries.col.result') },
    { label: tr.text('deliveries.details'), className: 'col-toggle', hidden: true },
  ];
}

export function JobDetailView() {
  const tr = useTranslator();
  const job = useCourier(selectSelectedJob);
  const navigate = useCourier((s) => s.navigate);
  const check = useCourier((s) => (s.selectedJobId ? s.jobChecks[s.selectedJobId] : undefined));
  const actionError = useCourier((s) => (s.selectedJobId ? s.actionErrors[s.selectedJobId] : undefined));
  const finished = check?.state === 'done' ? check.check : null;
  const recheck = useMemo(() => checksByItem(finished), [finished]);
  const jobId = job?.jobId;
  const exportTarget = useMemo(() => (jobId ? { jobId } : null), [jobId]);
  const back = (
    <button type="button" className="button-quiet back" onClick={() => navigate('jobs')}>
      <Icon name="back" /> {tr.text('deliveries.back')}
    </button>
  );
  if (!job) {
    return (
      <section className="view" aria-labelledby="job-missing">
        {back}
        <h1 id="job-missing">{tr.text('deliveries.gone')}</h1>
      </section>
    );
  }
  const model = jobDetailModel(tr, job);
  const staged = job.phase === 'staged';
  const showRecheck = finished !== null;
  return (
    <section className="view view-wide" aria-labelledby="job-heading">
      {back}
      <PageHead
        id="job-heading"
        title={<span dir="ltr">{job.catalogId}</span>}
        titleClassName="mono-title"
        sub={
          <>
            {itemTypeLabel(tr, job.itemType)} ·{' '}
            {tr.text('deliveries.startedAt', { time: formatDateTime(tr, job.startedAt) })}
            {job.bytesTotal !== null ? (
              <>
                {' · '}
                <bdi>{formatBytes(job.bytesTotal)}</bdi>
              </>
            ) : null}
          </>
        }
      >
        <StatusBadge status={model.status} size="large" />
      </PageHead>

      <div className="panel job-summary">
        <TransferProgress
          label={tr.text('deliveries.progressOf', { name: job.catalogId })}
          percent={model.percent}
          valueText={
            model.percent === null
              ? model.progressText
              : tr.text('deliveries.percentAndProgress', {
                  percent: model.percent,
                  progress: model.progressText,
                })
          }
          tone={meterTone(model.status)}
          stats={{ ...model, doneLabel: tr.text('deliveries.transferred'), doneText: model.progressText }}
        />
        <CountsLine counts={model.counts} running={job.phase !== 'staged' && job.phase !== 'failed'} />
        <div className="button-row">
          <JobControls job={job} />
          <span className="spacer" />
          <ActionButton job={job} action="folder" />
          {staged ? <ActionButton job={job} action="verify" /> : null}
          {staged ? <ActionButton job={job} action="report" /> : null}
          {staged && exportTarget ? (
            <CopyToDriveButton
              target={exportTarget}
              catalogId={job.catalogId}
              state={copyState(jobPackageState(job), finished)}
              primary
            />
          ) : null}
        </div>
        {job.folder ? (
          <p className="folder-line">
            <Icon name="folder" />
            <span className="visually-hidden">{tr.text('deliveries.folderLabel')} </span>
            <code dir="ltr">{job.folder}</code>
          </p>
        ) : null}
        <JobOpeningNote jobId={job.jobId} />
      </div>

      {exportTarget ? <ExportPanel target={exportTarget} catalogId={job.catalogId} /> : null}
      {job.error ? (
        <ErrorPanel error={job.error} context={tr.text('deliveries.stopped', { catalogId: job.catalogId })} />
      ) : null}
      {actionError ? <ErrorPanel error={actionError} context={tr.text('deliveries.actionFailed')} /> : null}
      {check ? <RecheckSummary outcome={check} /> : null}

      <DataTable
        className="items"
        caption={tr.text('deliveries.artifactsOf', { catalogId: job.catalogId })}
        columns={itemColumns(tr, showRecheck)}
        after={
          job.items.length === 0 ? (
            <p className="empty">
              {job.phase === 'preparing' || job.phase === 'queued'
                ? tr.text('deliveries.filesComing')
                : tr.text('deliveries.noFiles')}
            </p>
          ) : null
        }
      >
        {job.items.map((item) => (
          <ItemRow
            key={item.itemKey}
            item={item}
            catalogId={job.catalogId}
            recheck={recheck.get(item.itemKey) ?? null}
            showRecheck={showRecheck}
          />
        ))}
      </DataTable>
    </section>
  );
}
