// A progress bar with an accessible name and value: a native <progress> (no inline styles, so the
// strict CSP holds), indeterminate while the total is unknown, with its value also as text.
import { memo } from 'react';
import type { Tone } from '../format/status.js';

export interface ProgressMeterProps {
  /** The accessible name, e.g. "Download progress of field-nav-setup.msi". */
  readonly label: string;
  /** 0..100, or null while unknown (an indeterminate bar). */
  readonly percent: number | null;
  /** What a screen reader says instead of the bare number, e.g. "45% · 12 MiB of 27 MiB". */
  readonly valueText: string;
  readonly tone?: Tone;
  readonly size?: 'small' | 'large';
  /** Show the percentage next to the bar (job rows do; item rows put it in their own column). */
  readonly showPercent?: boolean;
}

export const ProgressMeter = memo(function ProgressMeter({
  label,
  percent,
  valueText,
  tone = 'info',
  size = 'small',
  showPercent = false,
}: ProgressMeterProps) {
  return (
    <span className={`meter meter-${size} meter-${tone}`}>
      <progress
        max={100}
        {...(percent === null ? {} : { value: percent })}
        aria-label={label}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={valueText}
      />
      {showPercent ? (
        <span className="meter-percent num">{percent === null ? '—' : `${percent}%`}</span>
      ) : null}
    </span>
  );
});
