// Words for a verify-again (offline re-check) result, file by file and as a whole. Pure.
import type { FileCheck, PackageCheck, StagedOutcome } from '../../electron/shared/ipc-contract.js';
import { packageStatus, statusText, type StatusText } from '../format/status.js';
import type { MessageKey } from '../i18n/messages.js';
import { packageStateText } from '../i18n/shared-texts.js';
import type { Translator } from '../i18n/translator.js';

const FILE_PROBLEM: Readonly<Record<Exclude<FileCheck, 'verified'>, MessageKey>> = {
  missing: 'deliveries.check.missing',
  changed: 'deliveries.check.changed',
  signatureInvalid: 'status.signatureInvalid',
};

export function fileCheckStatus(
  tr: Translator,
  check: FileCheck,
  outcome: StagedOutcome = 'verified',
): StatusText {
  if (check !== 'verified') return statusText(tr.text(FILE_PROBLEM[check]), 'danger', 'cross');
  // An intact file staged without checks stays as unverified as it was staged: never green.
  return outcome === 'verified'
    ? statusText(tr.text('deliveries.check.stillIntact'), 'success', 'check')
    : statusText(tr.text('deliveries.check.intactUnverified'), 'warning', 'alert');
}

export interface CheckSummary {
  /** The package verdict: green only when the check says 'verified'. */
  readonly status: StatusText;
  /** What the files showed, in numbers. */
  readonly detail: string;
  /** Why the package is less than verified and what to do; null when it is verified. */
  readonly meaning: string | null;
}

/** All files intact: worded by whether the package as a whole is verified and what was re-checked. */
function intactKey(verified: boolean, signaturesChecked: boolean): MessageKey {
  if (verified) return signaturesChecked ? 'deliveries.check.allIntactSigned' : 'deliveries.check.allIntact';
  return signaturesChecked ? 'deliveries.check.intactSigned' : 'deliveries.check.intact';
}

export function packageCheckSummary(tr: Translator, check: PackageCheck): CheckSummary {
  const total = check.files.length;
  const bad = check.files.filter((file) => file.status !== 'verified').length;
  let detail: string;
  if (total === 0) detail = tr.text('deliveries.check.noFile');
  else if (bad > 0) detail = tr.text('deliveries.check.someFailed', { bad, total });
  else detail = tr.text(intactKey(check.state === 'verified', check.signaturesChecked), { total });
  return {
    status: packageStatus(tr, check.state),
    detail,
    meaning: check.state === 'verified' ? null : packageStateText(tr, check.state).meaning,
  };
}

/** The status of each file by itemKey, for the job detail's re-check column. */
export function checksByItem(check: PackageCheck | null): ReadonlyMap<string, FileCheck> {
  return new Map((check?.files ?? []).map((file) => [file.itemKey, file.status]));
}
