// The question before a package that is not verified is copied to a drive: its state in words and
// what that means, then "Copy anyway" (the request then carries acceptUnverified) or "Don't copy".
import { memo } from 'react';
import type { PackageState } from '../../electron/shared/ipc-contract.js';
import { Icon } from '../components/icon.js';
import { useTranslator } from '../i18n/i18n-provider.js';
import { confirmText } from './export-model.js';

export const ConfirmBody = memo(function ConfirmBody({
  state,
  catalogId,
  onAccept,
  onDecline,
}: {
  state: PackageState;
  catalogId: string;
  onAccept: () => void;
  onDecline: () => void;
}) {
  const tr = useTranslator();
  return (
    <div className="export-confirm">
      <p className="note note-warning" role="alert">
        <Icon name="alert" />
        <span>{confirmText(tr, state)}</span>
      </p>
      <div className="button-row">
        <button type="button" className="button" onClick={onAccept}>
          <Icon name="drive" /> {tr.text('history.copyAnyway')}{' '}
          <span className="visually-hidden">{catalogId}</span>
        </button>
        <button type="button" className="button" onClick={onDecline}>
          {tr.text('history.dontCopy')} <span className="visually-hidden">{catalogId}</span>
        </button>
      </div>
    </div>
  );
});
