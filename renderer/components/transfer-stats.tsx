// The three numbers of any transfer (done, speed, time left), laid out the same for downloads and
// copies to a drive. Presentational only.

export interface TransferStatsProps {
  /** "Transferred" for downloads, "Done" for copies. */
  readonly doneLabel: string;
  readonly doneText: string;
  readonly speedText: string;
  readonly etaText: string;
  /** The time left in words, for screen readers ("about 2 minutes"). */
  readonly etaWords: string;
}

export function TransferStats({ doneLabel, doneText, speedText, etaText, etaWords }: TransferStatsProps) {
  return (
    <dl className="stats num">
      <div>
        <dt>{doneLabel}</dt>
        <dd>{doneText}</dd>
      </div>
      <div>
        <dt>Speed</dt>
        <dd>{speedText}</dd>
      </div>
      <div>
        <dt>Time left</dt>
        <dd aria-label={etaWords}>{etaText}</dd>
      </div>
    </dl>
  );
}
