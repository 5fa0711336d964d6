// One delivery in the list: status in words, overall progress with speed and time left, counts of
// verified / failed files, its controls and its error. Subscribes to its own snapshot only.
import { memo } from 'react';
import { ErrorPanel } from '../components/error-panel.js';
import { Icon } from '../components/icon.js';
import { ProgressMeter } from '../components/progress-meter.js';
import { StatusBadge } from '../components/status-badge.js';
import { jobStatus, meterTone } from '../format/status.js';
import { describeEta, formatEta, formatSpeed } from '../format/units.js';
import { useTranslator } from '../i18n/i18n-provider.js';
import { countItems, isActive, jobPercent } from '../store/selectors.js';
import { useCourier } from '../store/store-context.js';
import { JobControls } from './job-controls.js';
import { itemTypeLabel, jobProgressText } from './job-detail-model.js';
import { CountsLine } from './counts-line.js';

export const JobRow = memo(function JobRow({ jobId }: { jobId: string }) {
  const tr = useTranslator();
  const job = useCourier((s) => s.jobs[jobId]);
  const actionError = useCourier((s) => s.actionErrors[jobId]);
  const openJob = useCourier((s) => s.openJob);
  if (!job) return null;
  const status = jobStatus(tr, job);
  const percent = jobPercent(job);
  const moving = job.phase === 'downloading' || job.phase === 'verifying';
  const progressText = jobProgressText(tr, job);
  const headingId = `job-${job.jobId}`;
  // A delivery that stopped before any byte arrived has no progress worth a bar: its error says it all.
  const showProgress = !((job.phase === 'failed' || job.phase === 'cancelled') && job.bytesDone === 0);
  return (
    <li className={`job-card job-${status.tone}`} aria-labelledby={headingId}>
      <div className="job-card-head">
        <div className="job-title">
          <h2 id={headingId}>
            <button type="button" className="link-button" dir="ltr" onClick={() => openJob(job.jobId)}>
              {job.catalogId}
            </button>
          </h2>
          <span className="job-type">{itemTypeLabel(tr, job.itemType)}</span>
        </div>
        <StatusBadge status={status} />
      </div>
      {showProgress ? (
        <div className="job-progress">
          <ProgressMeter
            label={tr.text('deliveries.progressOf', { name: job.catalogId })}
            percent={percent}
            valueText={
              percent === null
                ? progressText
                : tr.text('deliveries.percentAndProgress', { percent, progress: progressText })
            }
            tone={meterTone(status)}
            size="large"
            showPercent
          />
          <div className="job-stats num">
            <span>{progressText}</span>
            {moving ? (
              <>
                <span>
                  <span className="visually-hidden">{tr.text('common.speed')} </span>
                  <bdi>{formatSpeed(job.speed)}</bdi>
                </span>
                <span title={describeEta(tr, job.etaMs)}>
                  <Icon name="clock" />
                  {tr.text('deliveries.etaLeft', { eta: formatEta(job.etaMs) })}
                </span>
              </>
            ) : null}
          </div>
        </div>
      ) : null}
      <div className="job-card-foot">
        <CountsLine counts={countItems(job.items)} running={isActive(job)} />
        <div className="button-row">
          <JobControls job={job} />
          {/* The name says which delivery; it starts with the word shown, so voice control finds it. */}
          <button
            type="button"
            className="button"
            aria-label={tr.text('deliveries.detailsOf', { name: job.catalogId })}
            onClick={() => openJob(job.jobId)}
          >
            {tr.text('deliveries.details')}
            <Icon name="next" />
          </button>
        </div>
      </div>
      {job.error ? <ErrorPanel error={job.error} compact /> : null}
      {actionError ? (
        <ErrorPanel error={actionError} compact context={tr.text('deliveries.actionFailed')} />
      ) : null}
    </li>
  );
});
