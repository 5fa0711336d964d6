// Words and numbers for a copy to a drive: the phase as a technician says it, the bar's value, speed
// and time left, and the verdicts of the read-back and of "Verify a package", in the UI's language.
// Pure: no React.
import type {
  ExportPhase,
  ExportProgressEvent,
  ExportSummary,
  ExportedFileResult,
  PackageCheck,
  PackageState,
} from '../../electron/shared/ipc-contract.js';
import { packageStatus, type StatusText } from '../format/status.js';
import { describeEta, formatBytes, formatEta, formatSpeed, percentOf } from '../format/units.js';
import type { MessageKey } from '../i18n/messages.js';
import { packageStateText } from '../i18n/shared-texts.js';
import type { Translator } from '../i18n/translator.js';

/** The three steps shown above the bar, in order. */
export const EXPORT_STEPS: readonly { readonly phase: ExportPhase; readonly label: MessageKey }[] = [
  { phase: 'preflight', label: 'history.step.preflight' },
  { phase: 'copy', label: 'history.step.copy' },
  { phase: 'readBack', label: 'history.step.readBack' },
];

const PHASE_TEXT: Readonly<Record<ExportPhase, MessageKey>> = {
  preflight: 'history.phase.preflight',
  copy: 'history.phase.copy',
  readBack: 'history.phase.readBack',
  done: 'history.phase.done',
  failed: 'history.copyStopped',
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

export function exportProgressModel(
  tr: Translator,
  progress: ExportProgressEvent | null,
): ExportProgressModel {
  if (!progress)
    return {
      phaseText: tr.text('history.waitingForFolder'),
      step: -1,
      percent: null,
      doneText: '—',
      valueText: tr.text('history.notStarted'),
      speedText: '—',
      etaText: '—',
      etaWords: tr.text('status.etaUnknown'),
    };
  const { phase, bytesDone, bytesTotal } = progress;
  const step = phase === 'done' ? EXPORT_STEPS.length : EXPORT_STEPS.findIndex((s) => s.phase === phase);
  const percent = phase === 'done' ? 100 : percentOf(bytesDone, bytesTotal);
  const doneText = tr.text('history.bytesOf', {
    done: formatBytes(bytesDone),
    total: formatBytes(bytesTotal),
  });
  const phaseText = tr.text(PHASE_TEXT[phase]);
  const moving = phase !== 'done' && phase !== 'failed';
  return {
    phaseText,
    step,
    percent,
    doneText,
    valueText:
      percent === null
        ? tr.text('history.progressValueNoPercent', { phase: phaseText, done: doneText })
        : tr.text('history.progressValue', { phase: phaseText, percent, done: doneText }),
    speedText: moving ? formatSpeed(progress.speed) : '—',
    etaText: moving ? formatEta(progress.etaMs) : '—',
    etaWords: moving ? describeEta(tr, progress.etaMs) : tr.text('history.nothingLeft'),
  };
}

/** Green only when every file read back and the package itself is verified. */
export function exportVerdict(tr: Translator, summary: ExportSummary): StatusText {
  const files = summary.files.length;
  if (!summary.verified)
    return { label: tr.text('history.verdictReadBackBad'), tone: 'danger', icon: 'cross' };
  if (summary.packageState === 'verified')
    return { label: tr.text('history.verdictVerified', { files }), tone: 'success', icon: 'check' };
  const state = packageStateText(tr, summary.packageState).label;
  return {
    ...packageStatus(tr, summary.packageState),
    label: tr.text('history.verdictState', { state, files }),
  };
}

/** For a package that is not verified: what is on the drive and how it is labelled there. */
export function exportedAsText(tr: Translator, summary: ExportSummary): string | null {
  if (summary.packageState === 'verified') return null;
  const { label, meaning } = packageStateText(tr, summary.packageState);
  return tr.text('history.exportedAs', { files: summary.files.length, label, meaning });
}

/** The question asked before a package that is not verified is copied. */
export function confirmText(tr: Translator, state: PackageState): string {
  const { label, meaning } = packageStateText(tr, state);
  return tr.text('history.confirm', { label, meaning });
}

/** The state that decides whether and how a package is copied: a check that found damage wins. */
export function copyState(recorded: PackageState, check: PackageCheck | null): PackageState {
  return check && (check.state === 'changed' || check.state === 'missing') ? check.state : recorded;
}

/** Files, size, how many were copied now or already there, and the drive's file system. */
export function exportFacts(tr: Translator, summary: ExportSummary): string {
  return tr.text('history.exportFacts', {
    files: summary.files.length,
    size: formatBytes(summary.bytesTotal),
    copied: summary.filesCopied,
    reused: summary.filesReused,
    fileSystem: summary.fileSystem,
  });
}

export function howText(tr: Translator, how: ExportedFileResult['how']): string {
  return tr.text(how === 'copied' ? 'history.howCopied' : 'history.howReused');
}

/** Every file in a result read back and matched (a failed read-back is an error, not a result). */
export const readBackStatus = (tr: Translator): StatusText => ({
  label: tr.text('history.readBackMatches'),
  tone: 'success',
  icon: 'check',
});

export const extraFileStatus = (tr: Translator): StatusText => ({
  label: tr.text('history.notInManifest'),
  tone: 'warning',
  icon: 'alert',
});
