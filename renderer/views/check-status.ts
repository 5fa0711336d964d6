// Words for a verify-again (offline re-check) result, file by file and as a whole. Pure.
import type { FileCheck, PackageCheck, StagedOutcome } from '../../electron/shared/ipc-contract.js';
import { PACKAGE_STATE_TEXT } from '../../electron/shared/package-verdict.js';
import { packageStatus, statusText, type StatusText } from '../format/status.js';

/** An intact file staged without checks stays as unverified as it was staged: never green. */
export const INTACT_UNVERIFIED: StatusText = statusText('Intact, unverified', 'warning', 'alert');

const FILE_PROBLEM: Readonly<Record<Exclude<FileCheck, 'verified'>, StatusText>> = {
  missing: statusText('Missing', 'danger', 'cross'),
  changed: statusText('Changed on disk', 'danger', 'cross'),
  signatureInvalid: statusText('Signature invalid', 'danger', 'cross'),
};

export function fileCheckStatus(check: FileCheck, outcome: StagedOutcome = 'verified'): StatusText {
  if (check !== 'verified') return FILE_PROBLEM[check];
  return outcome === 'verified' ? statusText('Still intact', 'success', 'check') : INTACT_UNVERIFIED;
}

export interface CheckSummary {
  /** The package verdict: green only when the check says 'verified'. */
  readonly status: StatusText;
  /** What the files showed, in numbers. */
  readonly detail: string;
  /** Why the package is less than verified and what to do; null when it is verified. */
  readonly meaning: string | null;
}

const plural = (n: number): string => `${n} file${n === 1 ? '' : 's'}`;

export function packageCheckSummary(check: PackageCheck): CheckSummary {
  const total = check.files.length;
  const bad = check.files.filter((file) => file.status !== 'verified').length;
  const how = check.signaturesChecked ? 'checksums and signatures' : 'checksums';
  let detail: string;
  if (total === 0) detail = 'No file to check';
  else if (bad > 0) detail = `${bad} of ${plural(total)} failed the re-check`;
  else if (check.state === 'verified') detail = `All ${plural(total)} intact (${how} re-checked)`;
  else detail = `${plural(total)} re-checked and intact (${how})`;
  return {
    status: packageStatus(check.state),
    detail,
    meaning: check.state === 'verified' ? null : PACKAGE_STATE_TEXT[check.state].meaning,
  };
}

/** The status of each file by itemKey, for the job detail's re-check column. */
export function checksByItem(check: PackageCheck | null): ReadonlyMap<string, FileCheck> {
  return new Map((check?.files ?? []).map((file) => [file.itemKey, file.status]));
}
