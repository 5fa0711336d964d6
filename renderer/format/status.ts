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
      return { label: 'Downloading', tone: 'info', icon: 'download' };
    case 'verifying':
      return { label: 'Verifying', tone: 'info', icon: 'shield' };
    case 'staged':
      return stagedStatus(job);
    case 'paused':
      return { label: 'Paused', tone: 'neutral', icon: 'pause' };
    case 'cancelled':
      return { label: 'Cancelled', tone: 'neutral', icon: 'stop' };
    case 'failed':
      return { label: 'Failed', tone: 'danger', icon: 'cross' };
  }
}

export function itemStatus(item: ItemSnapshot): StatusText {
  switch (item.outcome) {
    case 'verified':
      return { label: 'Verified', tone: 'success', icon: 'check' };
    case 'unverified':
      return { label: 'Unverified', tone: 'warning', icon: 'alert' };
    case 'notDownloadable':
      return { label: 'Not a file', tone: 'neutral', icon: 'link' };
    case 'failed':
      return { label: 'Failed', tone: 'danger', icon: 'cross' };
    case 'rejected':
      return { label: 'Refused', tone: 'danger', icon: 'cross' };
    case null:
      break;
  }
  switch (item.phase) {
    case 'pending':
      return { label: 'Waiting', tone: 'neutral', icon: 'clock' };
    case 'downloading':
      return { label: 'Downloading', tone: 'info', icon: 'download' };
    case 'verifying':
      return { label: 'Verifying', tone: 'info', icon: 'shield' };
    case 'paused':
      return { label: 'Paused', tone: 'neutral', icon: 'pause' };
    case 'done':
      return { label: 'Done', tone: 'success', icon: 'check' };
    case 'failed':
      return { label: 'Failed', tone: 'danger', icon: 'cross' };
    case 'notDownloadable':
      return { label: 'Not a file', tone: 'neutral', icon: 'link' };
    case 'rejected':
      return { label: 'Refused', tone: 'danger', icon: 'cross' };
  }
}

export function hashStatus(item: ItemSnapshot): StatusText {
  const check: HashCheck | 'pending' = item.hashCheck;
  switch (check) {
    case 'verified':
      return { label: 'Hash matches', tone: 'success', icon: 'check' };
    case 'mismatch':
      return { label: 'Hash mismatch', tone: 'danger', icon: 'cross' };
    case 'none':
      return item.boundTo
        ? { label: 'Bound to package', tone: 'success', icon: 'link' }
        : { label: 'No hash published', tone: 'neutral', icon: 'minus' };
    case 'pending':
      return { label: 'Not checked yet', tone: 'neutral', icon: 'clock' };
  }
}

export function signatureStatus(check: SignatureCheck | 'pending'): StatusText {
  switch (check) {
    case 'verified':
      return { label: 'Signature valid', tone: 'success', icon: 'check' };
    case 'invalid':
      return { label: 'Signature invalid', tone: 'danger', icon: 'cross' };
    case 'absent':
      return { label: 'Not signed', tone: 'neutral', icon: 'minus' };
    case 'noKey':
      return { label: 'No key to check', tone: 'warning', icon: 'alert' };
    case 'pending':
      return { label: 'Not checked yet', tone: 'neutral', icon: 'clock' };
  }
}

export const ARTIFACT_TYPE_LABEL: Readonly<Record<ItemSnapshot['artifactType'], string>> = {
  software: 'File',
  map: 'Map',
  docker_image: 'Container image',
  rpm: 'RPM package',
  deb: 'DEB package',
};
