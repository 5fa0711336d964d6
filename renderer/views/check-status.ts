// Words for a verify-again (offline re-check) result, file by file and as a whole. Pure.
import type { FileCheck, PackageCheck, StagedOutcome } from '../../electron/shared/ipc-contract.js';
import { PACKAGE_STATE_TEXT } from '../../electron/shared/package-verdict.js';
import { packageStatus, type StatusText } from '../format/status.js';

/** An intact file staged without checks stays as unverified as it was staged: never green. */
export const INTACT_UNVERIFIED: StatusText = { label: 'Intact, unverified', tone: 'warning', icon: 'alert' };

export function fileCheckStatus(check: FileCheck, outcome: StagedOutcome = 'verified'): StatusText {
  switch (check) {
    case 'verified':
      return outcome === 'verified'
        ? { label: 'Still intact', tone: 'success', icon: 'check' }
        : INTACT_UNVERIFIED;
    case 'missing':
      return { label: 'Missing', tone: 'danger', icon: 'cross' };
    case 'changed':
      return { label: 'Changed on disk', tone: 'danger', icon: 'cross' };
    case 'signatureInvalid':
      return { label: 'Signature invalid', tone: 'danger', icon: 'cross' };
  }
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
