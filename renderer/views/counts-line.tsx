// "3 verified · 1 failed · 2 not files" for a delivery, each count with its word and icon.
import { memo } from 'react';
import { Icon } from '../components/icon.js';
import type { ItemCounts } from '../store/selectors.js';

export const CountsLine = memo(function CountsLine({
  counts,
  running,
}: {
  counts: ItemCounts;
  running: boolean;
}) {
  if (counts.total === 0)
    return <p className="counts muted">{running ? 'Waiting for the file list' : 'No file list'}</p>;
  return (
    <p className="counts num">
      <span className="count">
        {counts.total} file{counts.total === 1 ? '' : 's'}
      </span>
      {counts.verified > 0 ? (
        <span className="count count-success">
          <Icon name="check" />
          {counts.verified} verified
        </span>
      ) : null}
      {counts.unverified > 0 ? (
        <span className="count count-warning">
          <Icon name="alert" />
          {counts.unverified} unverified
        </span>
      ) : null}
      {counts.failed > 0 ? (
        <span className="count count-danger">
          <Icon name="cross" />
          {counts.failed} failed
        </span>
      ) : null}
      {counts.notDownloadable > 0 ? (
        <span className="count">
          <Icon name="link" />
          {counts.notDownloadable} not downloadable
        </span>
      ) : null}
      {counts.inProgress > 0 && running ? (
        <span className="count muted">{counts.inProgress} in progress</span>
      ) : null}
    </p>
  );
});
