// A transfer's big bar with its percentage, and its numbers under it (done, speed, time left): the
// same block for a download and for a copy to a drive.
import type { Tone } from '../format/status.js';
import { ProgressMeter } from './progress-meter.js';
import { TransferStats, type TransferStatsProps } from './transfer-stats.js';

export function TransferProgress({
  label,
  percent,
  valueText,
  tone,
  stats,
}: {
  /** The bar's accessible name, e.g. "Copy progress of 1.field-nav@2.3.1". */
  label: string;
  percent: number | null;
  valueText: string;
  tone?: Tone;
  stats: TransferStatsProps;
}) {
  return (
    <>
      <ProgressMeter
        label={label}
        percent={percent}
        valueText={valueText}
        tone={tone}
        size="large"
        showPercent
      />
      <TransferStats {...stats} />
    </>
  );
}
