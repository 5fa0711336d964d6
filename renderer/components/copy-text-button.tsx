// Copies a piece of text (a folder path) to the clipboard, and says whether it did. Where the
// clipboard is refused, it says how to copy by hand instead of failing silently.
import { useState } from 'react';
import { Icon } from './icon.js';
import { useTranslator } from '../i18n/i18n-provider.js';

type CopyState = 'idle' | 'copied' | 'failed';

export function CopyTextButton({ text, label, what }: { text: string; label: string; what: string }) {
  const tr = useTranslator();
  const [state, setState] = useState<CopyState>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <>
      <button type="button" className="button" onClick={() => void copy()}>
        <Icon name={state === 'copied' ? 'check' : 'file'} /> {label}{' '}
        <span className="visually-hidden">{what}</span>
      </button>
      <span className="muted" role="status">
        {state === 'copied'
          ? tr.text('common.copied')
          : state === 'failed'
            ? tr.text('common.copyByHand')
            : ''}
      </span>
    </>
  );
}
