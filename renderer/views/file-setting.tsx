// One file-backed setting (signing key, CA bundle, client certificate or key): what is loaded, and
// buttons to choose, paste or remove it. A file is picked in main, or its PEM text pasted here (the
// only way in browser mode, which has no file picker); main checks either the same way, and the UI
// only ever sees the name.
import { useState, type ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import type { AppError } from '../../electron/shared/app-error.js';
import { FILE_PURPOSE_FLAGS, type FilePurpose } from '../../electron/shared/ipc-contract.js';
import type { Result } from '../../electron/shared/result.js';
import { ErrorPanel } from '../components/error-panel.js';
import { Icon } from '../components/icon.js';
import { useTranslator } from '../i18n/i18n-provider.js';
import type { MessageKey } from '../i18n/messages.js';
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
  const tr = useTranslator();
  const choose = useCourier((s) => s.chooseFile);
  const paste = useCourier((s) => s.pastePem);
  const clear = useCourier((s) => s.clearFile);
  const nativePickers = useCourier((s) => s.settings?.nativePickers ?? true);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  /** The pasted text while the paste box is open; null when it is closed. */
  const [pem, setPem] = useState<string | null>(null);
  const run = async (call: () => Promise<Result<unknown>>): Promise<boolean> => {
    setBusy(true);
    const result = await call();
    setBusy(false);
    setError(result.ok ? null : result.error);
    return result.ok;
  };
  const submitPasted = async () => {
    if (pem === null || pem.trim() === '') return;
    // Closed (and the text dropped) only once main took it: a refused key stays to be corrected.
    if (await run(() => paste(purpose, pem))) setPem(null);
  };
  const id = `file-${purpose}`;
  const pasteId = `${id}-pem`;
  return (
    <div className="file-setting" role="group" aria-labelledby={id}>
      <div className="file-setting-main">
        <span className="label" id={id}>
          {title}
        </span>
        {loaded !== null ? (
          <span className="file-name">
            <Icon name="file" />
            <code dir="ltr">{loaded}</code>
          </span>
        ) : (
          <span className="muted">{emptyText}</span>
        )}
        {children}
        {!nativePickers && loaded === null ? (
          <span className="help">
            <FormattedMessage
              id={'settings.file.pasteHelp' satisfies MessageKey}
              values={{
                command: <code dir="ltr">npm run web</code>,
                option: <code dir="ltr">{FILE_PURPOSE_FLAGS[purpose]} FILE</code>,
              }}
            />
          </span>
        ) : null}
      </div>
      <div className="button-row">
        {nativePickers ? (
          <button
            type="button"
            className="button"
            disabled={busy}
            aria-label={tr.text(
              loaded !== null ? 'settings.file.replaceNamed' : 'settings.file.chooseNamed',
              { title },
            )}
            onClick={() => void run(() => choose(purpose))}
          >
            <Icon name="folder" />{' '}
            {loaded !== null ? tr.text('settings.file.replace') : tr.text('settings.choose')}
          </button>
        ) : null}
        <button
          type="button"
          className="button"
          disabled={busy}
          aria-expanded={pem !== null}
          aria-controls={pem !== null ? pasteId : undefined}
          aria-label={tr.text('settings.file.pasteNamed', { title })}
          onClick={() => setPem(pem === null ? '' : null)}
        >
          <Icon name="file" /> {tr.text('settings.file.paste')}
        </button>
        {loaded !== null ? (
          <button
            type="button"
            className="button"
            disabled={busy}
            aria-label={tr.text('settings.file.removeNamed', { title })}
            onClick={() => void run(() => clear(purpose))}
          >
            <Icon name="trash" /> {tr.text('settings.file.remove')}
          </button>
        ) : null}
      </div>
      {pem !== null ? (
        <div className="pem-paste" id={pasteId}>
          <label htmlFor={`${pasteId}-text`}>{tr.text('settings.file.pemLabel', { title })}</label>
          <textarea
            id={`${pasteId}-text`}
            rows={6}
            dir="ltr"
            value={pem}
            spellCheck={false}
            autoComplete="off"
            autoCapitalize="off"
            placeholder="-----BEGIN …-----"
            onChange={(event) => setPem(event.target.value)}
          />
          <div className="button-row">
            <button
              type="button"
              className="button button-primary"
              disabled={busy || pem.trim() === ''}
              aria-label={tr.text('settings.file.useTextNamed', { title })}
              onClick={() => void submitPasted()}
            >
              {tr.text('settings.file.useText')}
            </button>
            <button
              type="button"
              className="button"
              disabled={busy}
              aria-label={tr.text('settings.file.cancelNamed', { title })}
              onClick={() => setPem(null)}
            >
              {tr.text('settings.file.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {error ? <ErrorPanel error={error} compact /> : null}
    </div>
  );
}
