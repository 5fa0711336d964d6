// One file-backed setting (signing key, CA bundle, client certificate or key): what is loaded, and
// buttons to choose or remove it. The file is picked in main; the UI only ever sees its name.
import { useState, type ReactNode } from 'react';
import type { AppError } from '../../electron/shared/app-error.js';
import type { FilePurpose } from '../../electron/shared/ipc-contract.js';
import { ErrorPanel } from '../components/error-panel.js';
import { Icon } from '../components/icon.js';
import { useCourier } from '../store/store-context.js';

export function FileSetting({
  purpose,
  title,
  loaded,
  emptyText,
  children,
}: {
  purpose: FilePurpose;
  title: string;
  /** The loaded file's name, or null. */
  loaded: string | null;
  emptyText: string;
  /** Extra facts about the loaded file (the key fingerprint). */
  children?: ReactNode;
}) {
  const choose = useCourier((s) => s.chooseFile);
  const clear = useCourier((s) => s.clearFile);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (call: (purpose: FilePurpose) => ReturnType<typeof choose>) => {
    setBusy(true);
    const result = await call(purpose);
    setBusy(false);
    setError(result.ok ? null : result.error);
  };
  const id = `file-${purpose}`;
  return (
    <div className="file-setting" role="group" aria-labelledby={id}>
      <div className="file-setting-main">
        <span className="label" id={id}>
          {title}
        </span>
        {loaded !== null ? (
          <span className="file-name">
            <Icon name="file" />
            <code>{loaded}</code>
          </span>
        ) : (
          <span className="muted">{emptyText}</span>
        )}
        {children}
      </div>
      <div className="button-row">
        <button type="button" className="button" disabled={busy} onClick={() => void run(choose)}>
          <Icon name="folder" /> {loaded !== null ? 'Replace…' : 'Choose…'}{' '}
          <span className="visually-hidden">{title}</span>
        </button>
        {loaded !== null ? (
          <button type="button" className="button" disabled={busy} onClick={() => void run(clear)}>
            <Icon name="trash" /> Remove <span className="visually-hidden">{title}</span>
          </button>
        ) : null}
      </div>
      {error ? <ErrorPanel error={error} compact /> : null}
    </div>
  );
}
