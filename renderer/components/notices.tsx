// Courier's notices (pushed by the service or raised by the bridge) in a polite live region; info
// fades after a while, warnings and errors stay until dismissed.
import { useEffect } from 'react';
import { useCourier } from '../store/store-context.js';
import type { NoticeEntry } from '../store/store-types.js';
import { Icon } from './icon.js';

const INFO_MS = 8_000;

function NoticeItem({ notice }: { notice: NoticeEntry }) {
  const dismiss = useCourier((s) => s.dismissNotice);
  useEffect(() => {
    if (notice.level !== 'info') return;
    const timer = setTimeout(() => dismiss(notice.id), INFO_MS);
    return () => clearTimeout(timer);
  }, [notice, dismiss]);
  const icon = notice.level === 'error' ? 'cross' : notice.level === 'warn' ? 'alert' : 'check';
  const word = notice.level === 'error' ? 'Error' : notice.level === 'warn' ? 'Warning' : 'Note';
  return (
    <li className={`notice notice-${notice.level}`}>
      <Icon name={icon} />
      <span className="notice-text">
        <span className="visually-hidden">{word}: </span>
        {notice.message}
      </span>
      <button type="button" className="button-quiet" onClick={() => dismiss(notice.id)}>
        Dismiss
      </button>
    </li>
  );
}

export function Notices() {
  const notices = useCourier((s) => s.notices);
  return (
    <div className="notices" aria-live="polite" aria-relevant="additions">
      {notices.length > 0 ? (
        <ul>
          {notices.map((notice) => (
            <NoticeItem key={notice.id} notice={notice} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}
