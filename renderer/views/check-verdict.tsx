// One line of verdict for an offline check of a package (verify again, Verify a package): the package
// state as a badge, what the files showed, when, and for anything less than verified what it means.
import { memo } from 'react';
import type { PackageCheck } from '../../electron/shared/ipc-contract.js';
import { StatusBadge } from '../components/status-badge.js';
import { formatDateTime } from '../format/units.js';
import { useTranslator } from '../i18n/i18n-provider.js';
import { packageCheckSummary } from './check-status.js';

export const CheckVerdict = memo(function CheckVerdict({ check, at }: { check: PackageCheck; at: string }) {
  const tr = useTranslator();
  const summary = packageCheckSummary(tr, check);
  return (
    <>
      <StatusBadge status={summary.status} />
      <span className="recheck-detail">{summary.detail}</span>
      <span className="muted"> {tr.text('deliveries.checkedAt', { time: formatDateTime(tr, at) })}</span>
      {summary.meaning ? <p className="recheck-meaning">{summary.meaning}</p> : null}
    </>
  );
});
