// The outcome of "verify again" (an offline re-check of the staged folder) above the artifact table
// or under a history row: one line of verdict plus anything missing, changed or extra.
import { memo } from 'react';
import { ErrorPanel } from '../components/error-panel.js';
import { StatusBadge } from '../components/status-badge.js';
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
  if (outcome.state === 'running') {
    return (
      <p className="recheck recheck-running" role="status">
        Re-checking every file against its recorded checksum…
      </p>
    );
  }
  if (outcome.state === 'error')
    return <ErrorPanel error={outcome.error} compact context="Verify again could not run." />;
  const { check } = outcome;
  const problems = check.files.filter((file) => file.status !== 'verified');
  return (
    <div className="recheck" role="status">
      <CheckVerdict check={check} at={outcome.at} />
      {listFiles && problems.length > 0 ? (
        <ul className="recheck-files">
          {problems.map((file) => (
            <li key={file.itemKey}>
              <StatusBadge status={fileCheckStatus(file.status, file.outcome)} /> <code>{file.file}</code>
              <span className="recheck-hashes">
                expected <code className="hash">{file.expectedSha256}</code>
                {file.actualSha256 ? (
                  <>
                    {' '}
                    actual <code className="hash hash-bad">{file.actualSha256}</code>
                  </>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {check.extra.length > 0 ? (
        <p className="recheck-extra">
          Files in the folder that the manifest does not list: <code>{check.extra.join(', ')}</code>
        </p>
      ) : null}
    </div>
  );
});
