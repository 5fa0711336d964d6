// Courier's notices (pushed by the service or raised by the bridge) in a polite live region; info
// fades after a while, warnings and errors stay until dismissed.
import { useEffect } from 'react';
import { useCourier } from '../store/store-context.js';
import type { NoticeEntry } from '../store/store-types.js';
import { Icon } from './icon.js';
import { useTranslator } from '../i18n/i18n-provider.js';
import { noticeText } from '../i18n/notice-texts.js';

const INFO_MS = 8_000;

function NoticeItem({ notice }: { notice: NoticeEntry }) {
  const tr = useTranslator();
  const dismiss = useCourier((s) => s.dismissNotice);
  useEffect(() => {
    if (notice.level !== 'info') return;
    const timer = setTimeout(() => dismiss(notice.id), INFO_MS);
    return () => clearTimeout(timer);
  }, [notice, dismiss]);
  const icon = notice.level === 'error' ? 'cross' : notice.level === 'warn' ? 'alert' : 'check';
  const word = tr.text(
    notice.level === 'error'
      ? 'common.noticeError'
      : notice.level === 'warn'
        ? 'common.noticeWarning'
        : 'common.noticeNote',
  );
  return (
    <li className={`notice notice-${notice.level}`}>
      <Icon name={icon} />
      <span className="notice-text">
        <span className="visually-hidden">{word}: </span>
        {noticeText(tr, notice)}
      </span>
      <button type="button" className="button-quiet" onClick={() => dismiss(notice.id)}>
        {tr.text('common.dismiss')}
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
