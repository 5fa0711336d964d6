// A status as icon + words on a tinted background: the words carry the meaning, colour only helps.
import { memo } from 'react';
import type { StatusText } from '../format/status.js';
import { Icon } from './icon.js';

export const StatusBadge = memo(function StatusBadge({
  status,
  size = 'normal',
}: {
  status: StatusText;
  size?: 'normal' | 'large';
}) {
  return (
    <span className={`badge badge-${status.tone}${size === 'large' ? ' badge-large' : ''}`}>
      <Icon name={status.icon} />
      <span>{status.label}</span>
    </span>
  );
});
