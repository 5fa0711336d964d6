// Words, tones and icons for every phase and check result, so a status is never colour alone and
// the same state reads the same everywhere. Pure tables.
import type { HashCheck, SignatureCheck } from '../../electron/shared/manifest.js';
import {
  PACKAGE_STATE_TEXT,
  recordedState,
  type PackageState,
} from '../../electron/shared/package-verdict.js';
import type { ItemSnapshot, JobSnapshot } from '../../electron/shared/snapshots.js';

export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';
/** The status icons (a subset of the icon set in components/icon.tsx). */
export type IconName =
  | 'check'
  | 'cross'
  | 'alert'
  | 'pause'
  | 'download'
  | 'clock'
  | 'server'
  | 'shield'
  | 'stop'
  | 'minus'
  | 'link';

export interface StatusText {
  readonly label: string;
  readonly tone: Tone;
  readonly icon: IconName;
}

/** A progress bar's colour for a status: red when it failed, green when done, blue otherwise. */
export function meterTone(status: StatusText): Tone {
  return status.tone === 'danger' || status.tone === 'success' ? status.tone : 'info';
}

/** Success only for 'verified'; anything a person must act on is danger, anything less is warning. */
const PACKAGE_LOOK: Readonly<Record<PackageState, Pick<StatusText, 'tone' | 'icon'>>> = {
  verified: { tone: 'success', icon: 'check' },
  changed: { tone: 'danger', icon: 'cross' },
  missing: { tone: 'danger', icon: 'cross' },
  failed: { tone: 'danger', icon: 'cross' },
  unlisted: { tone: 'warning', icon: 'alert' },
  unverified: { tone: 'warning', icon: 'alert' },
  incomplete: { tone: 'warning', icon: 'alert' },
  empty: { tone: 'warning', icon: 'alert' },
};

/** The one badge for a package verdict, worded as in every other face (PACKAGE_STATE_TEXT). */
export function packageStatus(state: PackageState): StatusText {
  return { label: PACKAGE_STATE_TEXT[state].label, ...PACKAGE_LOOK[state] };
}

/** What a job's package is worth from its items alone, as its manifest records it. */
export function jobPackageState(job: JobSnapshot): PackageState {
  return recordedState(job.items.map((item) => ({ file: item.fileName, outcome: item.outcome ?? 'failed' })));
}

function stagedStatus(job: JobSnapshot): StatusText {
  const state = jobPackageState(job);
  if (state !== 'verified')
    return { ...packageStatus(state), label: `Staged · ${PACKAGE_STATE_TEXT[state].label}` };
  return job.verified
    ? { label: 'Staged · all verified', tone: 'success', icon: 'check' }
    : { label: 'Staged · not all verified', tone: 'warning', icon: 'alert' };
}

/** A status in one line: what it says, its tone and its icon. */
export const statusText = (label: string, tone: Tone, icon: IconName): StatusText => ({ label, tone, icon });

/** Phases and outcomes that jobs and items share, worded once. */
const SHARED_STATUS = {
  downloading: statusText('Downloading', 'info', 'download'),
  verifying: statusText('Verifying', 'info', 'shield'),
  paused: statusText('Paused', 'neutral', 'pause'),
  failed: statusText('Failed', 'danger', 'cross'),
  notDownloadable: statusText('Not a file', 'neutral', 'link'),
  rejected: statusText('Refused', 'danger', 'cross'),
} as const;

const NOT_CHECKED_YET = statusText('Not checked yet', 'neutral', 'clock');

export function jobStatus(job: JobSnapshot): StatusText {
  switch (job.phase) {
    case 'queued':
      return { label: 'Queued', tone: 'neutral', icon: 'clock' };
    case 'preparing':
      return {
        label:
          job.serverProgress === null
            ? 'Preparing on the server'
            : `Preparing on the server ${job.serverProgress}%`,
        tone: 'info',
        icon: 'server',
      };
    case 'downloading':
    case 'verifying':
    case 'paused':
    case 'failed':
      return SHARED_STATUS[job.phase];
    case 'staged':
      return stagedStatus(job);
    case 'cancelled':
      return { label: 'Cancelled', tone: 'neutral', icon: 'stop' };
  }
}

export function itemStatus(item: ItemSnapshot): StatusText {
  switch (item.outcome) {
    case 'verified':
      return { label: 'Verified', tone: 'success', icon: 'check' };
    case 'unverified':
      return { label: 'Unverified', tone: 'warning', icon: 'alert' };
    case 'notDownloadable':
    case 'failed':
    case 'rejected':
      return SHARED_STATUS[item.outcome];
    case null:
      break;
  }
  switch (item.phase) {
    case 'pending':
      return { label: 'Waiting', tone: 'neutral', icon: 'clock' };
    case 'done':
      return { label: 'Done', tone: 'success', icon: 'check' };
    default:
      return SHARED_STATUS[item.phase];
  }
}

const HASH_STATUS: Readonly<Record<Exclude<HashCheck, 'none'> | 'pending', StatusText>> = {
  verified: statusText('Hash matches', 'success', 'check'),
  mismatch: statusText('Hash mismatch', 'danger', 'cross'),
  pending: NOT_CHECKED_YET,
};

export function hashStatus(item: ItemSnapshot): StatusText {
  const check: HashCheck | 'pending' = item.hashCheck;
  if (check !== 'none') return HASH_STATUS[check];
  return item.boundTo
    ? statusText('Bound to package', 'success', 'link')
    : statusText('No hash published', 'neutral', 'minus');
}

const SIGNATURE_STATUS: Readonly<Record<SignatureCheck | 'pending', StatusText>> = {
  verified: statusText('Signature valid', 'success', 'check'),
  invalid: statusText('Signature invalid', 'danger', 'cross'),
  absent: statusText('Not signed', 'neutral', 'minus'),
  noKey: statusText('No key to check', 'warning', 'alert'),
  pending: NOT_CHECKED_YET,
};

export function signatureStatus(check: SignatureCheck | 'pending'): StatusText {
  return SIGNATURE_STATUS[check];
}

export const ARTIFACT_TYPE_LABEL: Readonly<Record<ItemSnapshot['artifactType'], string>> = {
  software: 'File',
  map: 'Map',
  docker_image: 'Container image',
  rpm: 'RPM package',
  deb: 'DEB package',
};
