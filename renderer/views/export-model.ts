// Words and numbers for a copy to a drive: the phase as a technician says it, the bar's value, speed
// and time left, and the verdicts of the read-back and of "Verify a package". Pure: no React.
import type {
  ExportPhase,
  ExportProgressEvent,
  ExportSummary,
  ExportedFileResult,
  PackageCheck,
  PackageState,
} from '../../electron/shared/ipc-contract.js';
import { PACKAGE_STATE_TEXT } from '../../electron/shared/package-verdict.js';
import { packageStatus, type StatusText } from '../format/status.js';
import { describeEta, formatBytes, formatEta, formatSpeed, percentOf } from '../format/units.js';

/** The three steps shown above the bar, in order. */
export const EXPORT_STEPS: readonly { readonly phase: ExportPhase; readonly label: string }[] = [
  { phase: 'preflight', label: 'Checking' },
  { phase: 'copy', label: 'Copying' },
  { phase: 'readBack', label: 'Reading back' },
];

const PHASE_TEXT: Readonly<Record<ExportPhase, string>> = {
  preflight: 'Checking the package and the drive',
  copy: 'Copying to the drive',
  readBack: 'Reading back from the drive',
  done: 'Copied and read back',
  failed: 'Copy stopped',
};

export interface ExportProgressModel {
  readonly phaseText: string;
  /** Index into EXPORT_STEPS of the step under way; 3 when all are done, -1 before the first. */
  readonly step: number;
  readonly percent: number | null;
  readonly doneText: string;
  readonly valueText: string;
  readonly speedText: string;
  readonly etaText: string;
  readonly etaWords: string;
}

export function exportProgressModel(progress: ExportProgressEvent | null): ExportProgressModel {
  if (!progress)
    return {
      phaseText: 'Waiting for a folder to copy to…',
      step: -1,
      percent: null,
      doneText: '—',
      valueText: 'Not started',
      speedText: '—',
      etaText: '—',
      etaWords: 'time left unknown',
    };
  const { phase, bytesDone, bytesTotal } = progress;
  const step = phase === 'done' ? EXPORT_STEPS.length : EXPORT_STEPS.findIndex((s) => s.phase === phase);
  const percent = phase === 'done' ? 100 : percentOf(bytesDone, bytesTotal);
  const doneText = `${formatBytes(bytesDone)} of ${formatBytes(bytesTotal)}`;
  const moving = phase !== 'done' && phase !== 'failed';
  return {
    phaseText: PHASE_TEXT[phase],
    step,
    percent,
    doneText,
    valueText: `${PHASE_TEXT[phase]}: ${percent === null ? '' : `${percent}% · `}${doneText}`,
    speedText: moving ? formatSpeed(progress.speed) : '—',
    etaText: moving ? formatEta(progress.etaMs) : '—',
    etaWords: moving ? describeEta(progress.etaMs) : 'nothing left',
  };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Green only when every file read back and the package itself is verified. */
export function exportVerdict(summary: ExportSummary): StatusText {
  const n = summary.files.length;
  const match = n === 0 ? 'no file to read back' : n === 1 ? 'the file matches' : `all ${n} files match`;
  if (!summary.verified)
    return { label: `Copied, but not every file read back correctly`, tone: 'danger', icon: 'cross' };
  if (summary.packageState === 'verified')
    return { label: `Copied and read back · ${match}`, tone: 'success', icon: 'check' };
  const { label } = PACKAGE_STATE_TEXT[summary.packageState];
  return { ...packageStatus(summary.packageState), label: `${label} package copied · ${match}` };
}

/** For a package that is not verified: what is on the drive and how it is labelled there. */
export function exportedAsText(summary: ExportSummary): string | null {
  if (summary.packageState === 'verified') return null;
  const { label, meaning } = PACKAGE_STATE_TEXT[summary.packageState];
  const n = summary.files.length;
  const what =
    n === 0
      ? 'No file was copied'
      : n === 1
        ? 'The one file this package lists was copied'
        : `The ${n} files this package lists were copied`;
  return `${what}, and the package is labelled “${label}” on the drive: ${meaning}`;
}

/** The question asked before a package that is not verified is copied. */
export function confirmText(state: PackageState): string {
  const { label, meaning } = PACKAGE_STATE_TEXT[state];
  return `This package is ${label}: ${meaning} Copy it anyway? It will be labelled as such on the drive.`;
}

/** The state that decides whether and how a package is copied: a check that found damage wins. */
export function copyState(recorded: PackageState, check: PackageCheck | null): PackageState {
  return check && (check.state === 'changed' || check.state === 'missing') ? check.state : recorded;
}

export function exportCounts(summary: ExportSummary): string {
  return `${plural(summary.files.length, 'file')}, ${formatBytes(summary.bytesTotal)}: ${summary.filesCopied} copied now, ${summary.filesReused} already on the drive`;
}

export function howText(how: ExportedFileResult['how']): string {
  return how === 'copied' ? 'Copied now' : 'Already there';
}

/** Every file in a result read back and matched (a failed read-back is an error, not a result). */
export const readBackStatus: StatusText = { label: 'Matches manifest', tone: 'success', icon: 'check' };

export const extraFileStatus: StatusText = { label: 'Not in manifest', tone: 'warning', icon: 'alert' };
