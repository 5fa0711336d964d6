// The three numbers of any transfer (done, speed, time left), laid out the same for downloads and
// copies to a drive. Presentational only.
import { useTranslator } from '../i18n/i18n-provider.js';

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
  const tr = useTranslator();
  return (
    <dl className="stats num">
      <div>
        <dt>{doneLabel}</dt>
        <dd>
          <bdi>{doneText}</bdi>
        </dd>
      </div>
      <div>
        <dt>{tr.text('common.speed')}</dt>
        <dd>
          <bdi>{speedText}</bdi>
        </dd>
      </div>
      <div>
        <dt>{tr.text('common.timeLeft')}</dt>
        <dd aria-label={etaWords}>
          <bdi>{etaText}</bdi>
        </dd>
      </div>
    </dl>
  );
}
