// A copy to a drive as it happens (export-running.tsx) and as it ended: the read-back results per
// file with the cache note, a plain "stopped", or what went wrong. One panel per job or package.
import { memo, useEffect, useRef } from 'react';
import { FormattedMessage } from 'react-intl';
import type { ExportSummary } from '../../electron/shared/ipc-contract.js';
import { ErrorPanel } from '../components/error-panel.js';
import { Icon } from '../components/icon.js';
import { StatusBadge } from '../components/status-badge.js';
import { formatDateTime } from '../format/units.js';
import { useTranslator } from '../i18n/i18n-provider.js';
import type { MessageKey } from '../i18n/messages.js';
import { exportKey } from '../store/export-slice.js';
import { useCourier } from '../store/store-context.js';
import type { ExportTarget } from '../store/store-types.js';
import { ConfirmBody } from './export-confirm.js';
import { exportFacts, exportVerdict, exportedAsText } from './export-model.js';
import { ExportResults } from './export-results.js';
import { RunningBody, TargetLine } from './export-running.js';

/** The cache note's sentence, with its two emphasised parts set in by react-intl as elements. */
const CACHE_NOTE: MessageKey = 'history.cacheNote';

function DoneBody({ summary, at }: { summary: ExportSummary; at: string }) {
  const tr = useTranslator();
  const exportedAs = exportedAsText(tr, summary);
  return (
    <>
      <div className="recheck" role="status">
        <StatusBadge status={exportVerdict(tr, summary)} />
        <span className="muted"> {tr.text('history.finishedAt', { time: formatDateTime(tr, at) })}</span>
      </div>
      <TargetLine folder={summary.targetFolder} facts={exportFacts(tr, summary)} />
      {summary.readBackMayBeCached ? (
        <p className="note" role="note">
          <Icon name="alert" />
          <span>
            <FormattedMessage
              id={CACHE_NOTE}
              values={{
                cache: <strong>{tr.text('history.cacheNoteLead')}</strong>,
                verify: <strong>{tr.text('history.verifyPackage')}</strong>,
              }}
            />
          </span>
        </p>
      ) : null}
      {exportedAs ? (
        <p className="note note-warning" role="note">
          <Icon name="alert" />
          <span>{exportedAs}</span>
        </p>
      ) : null}
      <ExportResults summary={summary} />
    </>
  );
}

export const ExportPanel = memo(function ExportPanel({
  target,
  catalogId,
  inset = false,
}: {
  target: ExportTarget;
  catalogId: string;
  /** Inside a History row: no card of its own. */
  inset?: boolean;
}) {
  const tr = useTranslator();
  const outcome = useCourier((s) => s.exports[exportKey(target)]);
  const cancel = useCourier((s) => s.cancelExport);
  const start = useCourier((s) => s.startExport);
  const dismiss = useCourier((s) => s.dismissExport);
  const heading = useRef<HTMLHeadingElement>(null);
  const wasRunning = useRef(outcome?.state === 'running');
  const state = outcome?.state;
  // The Stop button goes away when the copy ends: a keyboard user who was on it continues from the
  // panel's heading (the results) instead of from the top of the page. A question to answer takes
  // focus too, so it is read before anything else.
  useEffect(() => {
    const active = document.activeElement;
    if (state === 'confirm') heading.current?.focus();
    else if (wasRunning.current && state !== 'running' && (!active || active === document.body))
      heading.current?.focus();
    wasRunning.current = state === 'running';
  }, [state]);
  if (!outcome) return null;
  const stopped = outcome.state === 'error' && outcome.error.code === 'CLIENT.cancelled';
  const title = tr.text(
    outcome.state === 'confirm'
      ? 'history.title.confirm'
      : outcome.state === 'running'
        ? 'history.title.running'
        : outcome.state === 'done'
          ? 'history.title.done'
          : 'history.copyToDrive',
  );
  const headingId = `export-${exportKey(target).replace(/[^A-Za-z0-9-]/g, '-')}`;
  return (
    <section
      className={inset ? 'export-panel export-panel-inset' : 'panel export-panel'}
      aria-labelledby={headingId}
    >
      <div className="panel-head">
        <h2 id={headingId} ref={heading} tabIndex={-1}>
          <Icon name="drive" /> {title}
          <span className="visually-hidden"> · {catalogId}</span>
        </h2>
        {outcome.state !== 'running' && outcome.state !== 'confirm' ? (
          <button
            type="button"
            className="button-quiet"
            aria-label={tr.text('history.closeCopyResults', { catalogId })}
            onClick={() => dismiss(target)}
          >
            <Icon name="cross" /> {tr.text('history.close')}
          </button>
        ) : null}
      </div>
      {outcome.state === 'confirm' ? (
        <ConfirmBody
          state={outcome.packageState}
          catalogId={catalogId}
          onAccept={() => void start(target, { acceptUnverified: true })}
          onDecline={() => dismiss(target)}
        />
      ) : outcome.state === 'running' ? (
        <RunningBody outcome={outcome} catalogId={catalogId} onStop={() => void cancel(target)} />
      ) : outcome.state === 'done' ? (
        <DoneBody summary={outcome.summary} at={outcome.at} />
      ) : stopped ? (
        <div className="recheck" role="status">
          <StatusBadge status={{ label: tr.text('history.copyStopped'), tone: 'neutral', icon: 'stop' }} />
          {/* The engine's own words, in English (as its logs): marked so for a Hebrew page. */}
          <span className="muted" lang="en" dir="ltr">
            {outcome.error.message}
          </span>
        </div>
      ) : (
        <ErrorPanel error={outcome.error} compact context={tr.text('history.copyNotFinished')} />
      )}
    </section>
  );
});
