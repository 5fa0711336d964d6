// "3 verified · 1 failed · 2 not files" for a delivery, each count with its word and icon.
import { memo } from 'react';
import { Icon, type IconName } from '../components/icon.js';
import type { Tone } from '../format/status.js';
import { useTranslator } from '../i18n/i18n-provider.js';
import type { MessageKey } from '../i18n/messages.js';
import type { ItemCounts } from '../store/selectors.js';

/** The counts shown with an icon, in this order, each only when it is not zero. */
const COUNTS: readonly {
  readonly key: 'verified' | 'unverified' | 'failed' | 'notDownloadable';
  readonly words: MessageKey;
  readonly icon: IconName;
  readonly tone?: Tone;
}[] = [
  { key: 'verified', words: 'deliveries.counts.verified', icon: 'check', tone: 'success' },
  { key: 'unverified', words: 'deliveries.counts.unverified', icon: 'alert', tone: 'warning' },
  { key: 'failed', words: 'deliveries.counts.failed', icon: 'cross', tone: 'danger' },
  { key: 'notDownloadable', words: 'deliveries.counts.notDownloadable', icon: 'link' },
];

export const CountsLine = memo(function CountsLine({
  counts,
  running,
}: {
  counts: ItemCounts;
  running: boolean;
}) {
  const tr = useTranslator();
  if (counts.total === 0)
    return (
      <p className="counts muted">
        {tr.text(running ? 'deliveries.counts.waiting' : 'deliveries.counts.none')}
      </p>
    );
  const shown = COUNTS.filter(({ key }) => counts[key] > 0);
  return (
    <p className="counts num">
      <span className="count">{tr.text('deliveries.counts.files', { count: counts.total })}</span>
      {shown.map(({ key, words, icon, tone }) => (
        <span key={key} className={tone ? `count count-${tone}` : 'count'}>
          <Icon name={icon} />
          {tr.text(words, { count: counts[key] })}
        </span>
      ))}
      {counts.inProgress > 0 && running ? (
        <span className="count muted">
          {tr.text('deliveries.counts.inProgress', { count: counts.inProgress })}
        </span>
      ) : null}
    </p>
  );
});
