// Words for a verify-again (offline re-check) result, file by file and as a whole. Pure.
import type { FileCheck, PackageCheck } from '../../electron/shared/ipc-contract.js';
import type { StatusText } from '../format/status.js';

export function fileCheckStatus(check: FileCheck): StatusText {
  switch (check) {
    case 'verified':
      return { label: 'Still intact', tone: 'success', icon: 'check' };
    case 'missing':
      return { label: 'Missing', tone: 'danger', icon: 'cross' };
    case 'changed':
      return { label: 'Changed on disk', tone: 'danger', icon: 'cross' };
    case 'signatureInvalid':
      return { label: 'Signature invalid', tone: 'danger', icon: 'cross' };
  }
}

export function packageCheckSummary(check: PackageCheck): StatusText {
  const bad = check.files.filter((file) => file.status !== 'verified').length;
  const files = `${check.files.length} file${check.files.length === 1 ? '' : 's'}`;
  if (check.ok && bad === 0) {
    const how = check.signaturesChecked ? 'checksums and signatures' : 'checksums';
    return { label: `All ${files} intact (${how} re-checked)`, tone: 'success', icon: 'check' };
  }
  return { label: `${bad} of ${files} failed the re-check`, tone: 'danger', icon: 'cross' };
}

/** The status of each file by itemKey, for the job detail's re-check column. */
export function checksByItem(check: PackageCheck | null): ReadonlyMap<string, FileCheck> {
  return new Map((check?.files ?? []).map((file) => [file.itemKey, file.status]));
}
