// The outcome of "verify again" (an offline re-check of the staged folder) above the artifact table
// or under a history row: one line of verdict plus anything missing, changed or extra.
import { memo } from 'react';
import { ErrorPanel } from '../components/error-panel.js';
import { StatusBadge } from '../components/status-badge.js';
import { useTranslator } from '../i18n/i18n-provider.js';
import type { CheckOutcome } from '../store/store-types.js';
import { fileCheckStatus } from './check-status.js';
import { CheckVerdict } from './check-verdict.js';

export const RecheckSummary = memo(function RecheckSummary({
  outcome,
  listFiles = false,
}: {
  outcome: CheckOutcome;
  /** History has no artifact table to show per-file results in, so it lists the problems here. */
  listFiles?: boolean;
}) {
  const tr = useTranslator();
  if (outcome.state === 'running') {
    return (
      <p className="recheck recheck-running" role="status">
        {tr.text('deliveries.recheck.running')}
      </p>
    );
  }
  if (outcome.state === 'error')
    return <ErrorPanel error={outcome.error} compact context={tr.text('deliveries.recheck.error')} />;
  const { check } = outcome;
  const problems = check.files.filter((file) => file.status !== 'verified');
  return (
    <div className="recheck" role="status">
      <CheckVerdict check={check} at={outcome.at} />
      {listFiles && problems.length > 0 ? (
        <ul className="recheck-files">
          {problems.map((file) => (
            <li key={file.itemKey}>
              <StatusBadge status={fileCheckStatus(tr, file.status, file.outcome)} />{' '}
              <code dir="ltr">{file.file}</code>
              <span className="recheck-hashes">
                {tr.text('deliveries.recheck.expected')}{' '}
                <code className="hash" dir="ltr">
                  {file.expectedSha256}
                </code>
                {file.actualSha256 ? (
                  <>
                    {' '}
                    {tr.text('deliveries.recheck.actual')}{' '}
                    <code className="hash hash-bad" dir="ltr">
                      {file.actualSha256}
                    </code>
                  </>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {check.extra.length > 0 ? (
        <p className="recheck-extra">
          {tr.text('deliveries.recheck.extra')} <code dir="ltr">{check.extra.join(', ')}</code>
        </p>
      ) : null}
    </div>
  );
});
