// "3 verified · 1 failed · 2 not files" for a delivery, each count with its word and icon.
import { memo } from 'react';
import { Icon, type IconName } from '../components/icon.js';
import type { Tone } from '../format/status.js';
import type { ItemCounts } from '../store/selectors.js';

/** The counts shown with an icon, in this order, each only when it is not zero. */
const COUNTS: readonly {
  readonly key: 'verified' | 'unverified' | 'failed' | 'notDownloadable';
  readonly word: string;
  readonly icon: IconName;
  readonly tone?: Tone;
}[] = [
  { key: 'verified', word: 'verified', icon: 'check', tone: 'success' },
  { key: 'unverified', word: 'unverified', icon: 'alert', tone: 'warning' },
  { key: 'failed', word: 'failed', icon: 'cross', tone: 'danger' },
  { key: 'notDownloadable', word: 'not downloadable', icon: 'link' },
];

export const CountsLine = memo(function CountsLine({
  counts,
  running,
}: {
  counts: ItemCounts;
  running: boolean;
}) {
  if (counts.total === 0)
    return <p className="counts muted">{running ? 'Waiting for the file list' : 'No file list'}</p>;
  const shown = COUNTS.filter(({ key }) => counts[key] > 0);
  return (
    <p className="counts num">
      <span className="count">
        {counts.total} file{counts.total === 1 ? '' : 's'}
      </span>
      {shown.map(({ key, word, icon, tone }) => (
        <span key={key} className={tone ? `count count-${tone}` : 'count'}>
          <Icon name={icon} />
          {counts[key]} {word}
        </span>
      ))}
      {counts.inProgress > 0 && running ? (
        <span className="count muted">{counts.inProgress} in progress</span>
      ) : null}
    </p>
  );
});
