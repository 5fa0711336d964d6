// Words, tones and icons for every phase and check result, so a status is never colour alone and
// the same state reads the same everywhere, in the UI's language. Pure tables.
import type { HashCheck, SignatureCheck } from '../../electron/shared/manifest.js';
import { recordedState, type PackageState } from '../../electron/shared/package-verdict.js';
import type { ItemSnapshot, JobSnapshot } from '../../electron/shared/snapshots.js';
import type { MessageKey } from '../i18n/messages.js';
import { packageStateText } from '../i18n/shared-texts.js';
import type { Translator } from '../i18n/translator.js';

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
export function packageStatus(tr: Translator, state: PackageState): StatusText {
  return { label: packageStateText(tr, state).label, ...PACKAGE_LOOK[state] };
}

/** What a job's package is worth from its items alone, as its manifest records it. */
export function jobPackageState(job: JobSnapshot): PackageState {
  return recordedState(job.items.map((item) => ({ file: item.fileName, outcome: item.outcome ?? 'failed' })));
}

function stagedStatus(tr: Translator, job: JobSnapshot): StatusText {
  const state = jobPackageState(job);
  if (state !== 'verified') {
    const label = tr.text('status.stagedState', { state: packageStateText(tr, state).label });
    return { ...packageStatus(tr, state), label };
  }
  return job.verified
    ? { label: tr.text('status.stagedAllVerified'), tone: 'success', icon: 'check' }
    : { label: tr.text('status.stagedNotAllVerified'), tone: 'warning', icon: 'alert' };
}

/** A status in one line: what it says, its tone and its icon. */
export const statusText = (label: string, tone: Tone, icon: IconName): StatusText => ({ label, tone, icon });

/** A status whose words come from the catalog: translated when it is shown. */
interface StatusLook {
  readonly key: MessageKey;
  readonly tone: Tone;
  readonly icon: IconName;
}
const look = (key: MessageKey, tone: Tone, icon: IconName): StatusLook => ({ key, tone, icon });
const worded = (tr: Translator, { key, tone, icon }: StatusLook): StatusText => ({
  label: tr.text(key),
  tone,
  icon,
});

/** Phases and outcomes that jobs and items share, worded once. */
const SHARED_STATUS = {
  downloading: look('status.downloading', 'info', 'download'),
  verifying: look('status.verifying', 'info', 'shield'),
  paused: look('status.paused', 'neutral', 'pause'),
  failed: look('status.failed', 'danger', 'cross'),
  notDownloadable: look('status.notDownloadable', 'neutral', 'link'),
  rejected: look('status.rejected', 'danger', 'cross'),
} as const;

const NOT_CHECKED_YET = look('status.notCheckedYet', 'neutral', 'clock');

export function jobStatus(tr: Translator, job: JobSnapshot): StatusText {
  switch (job.phase) {
    case 'queued':
      return worded(tr, look('status.queued', 'neutral', 'clock'));
    case 'preparing':
      return {
        label:
          job.serverProgress === null
            ? tr.text('status.preparing')
            : tr.text('status.preparingPercent', { percent: job.serverProgress }),
        tone: 'info',
        icon: 'server',
      };
    case 'downloading':
    case 'verifying':
    case 'paused':
    case 'failed':
      return worded(tr, SHARED_STATUS[job.phase]);
    case 'staged':
      return stagedStatus(tr, job);
    case 'cancelled':
      return worded(tr, look('status.cancelled', 'neutral', 'stop'));
  }
}

export function itemStatus(tr: Translator, item: ItemSnapshot): StatusText {
  switch (item.outcome) {
    case 'verified':
      return worded(tr, look('status.verified', 'success', 'check'));
    case 'unverified':
      return worded(tr, look('status.unverified', 'warning', 'alert'));
    case 'notDownloadable':
    case 'failed':
    case 'rejected':
      return worded(tr, SHARED_STATUS[item.outcome]);
    case null:
      break;
  }
  switch (item.phase) {
    case 'pending':
      return worded(tr, look('status.waiting', 'neutral', 'clock'));
    case 'done':
      return worded(tr, look('status.done', 'success', 'check'));
    default:
      return worded(tr, SHARED_STATUS[item.phase]);
  }
}

const HASH_STATUS: Readonly<Record<Exclude<HashCheck, 'none'> | 'pending', StatusLook>> = {
  verified: look('status.hashMatches', 'success', 'check'),
  mismatch: look('status.hashMismatch', 'danger', 'cross'),
  pending: NOT_CHECKED_YET,
};

export function hashStatus(tr: Translator, item: ItemSnapshot): StatusText {
  const check: HashCheck | 'pending' = item.hashCheck;
  if (check !== 'none') return worded(tr, HASH_STATUS[check]);
  return item.boundTo
    ? worded(tr, look('status.boundToPackage', 'success', 'link'))
    : worded(tr, look('status.noHashPublished', 'neutral', 'minus'));
}

const SIGNATURE_STATUS: Readonly<Record<SignatureCheck | 'pending', StatusLook>> = {
  verified: look('status.signatureValid', 'success', 'check'),
  invalid: look('status.signatureInvalid', 'danger', 'cross'),
  absent: look('status.notSigned', 'neutral', 'minus'),
  noKey: look('status.noKey', 'warning', 'alert'),
  pending: NOT_CHECKED_YET,
};

export function signatureStatus(tr: Translator, check: SignatureCheck | 'pending'): StatusText {
  return worded(tr, SIGNATURE_STATUS[check]);
}

const ARTIFACT_TYPE_KEY: Readonly<Record<ItemSnapshot['artifactType'], MessageKey>> = {
  software: 'status.type.software',
  map: 'status.type.map',
  docker_image: 'status.type.docker_image',
  rpm: 'status.type.rpm',
  deb: 'status.type.deb',
};

/** An artifact type in words; a type from a newer server is shown as it was sent. */
export function artifactTypeLabel(tr: Translator, type: ItemSnapshot['artifactType']): string {
  return Object.hasOwn(ARTIFACT_TYPE_KEY, type) ? tr.text(ARTIFACT_TYPE_KEY[type]) : type;
}
