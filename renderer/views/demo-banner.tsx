// Says plainly when Courier is talking to its own built-in demo server, and offers the way out.
import { useState } from 'react';
import type { AppError } from '../../electron/shared/app-error.js';
import { ErrorPanel } from '../components/error-panel.js';
import { Icon } from '../components/icon.js';
import { useTranslator } from '../i18n/i18n-provider.js';
import { useCourier } from '../store/store-context.js';

export function DemoBanner({ compact = false }: { compact?: boolean }) {
  const tr = useTranslator();
  const update = useCourier((s) => s.updateSettings);
  const navigate = useCourier((s) => s.navigate);
  const [error, setError] = useState<AppError | null>(null);
  const useRealServer = async () => {
    const result = await update({ mode: 'server' });
    if (!result.ok) setError(result.error);
    else navigate('connect');
  };
  return (
    <div
      className={`banner banner-demo${compact ? ' banner-compact' : ''}`}
      role="note"
      aria-label={tr.text('get.demoMode')}
    >
      <Icon name="server" />
      <div className="banner-text">
        <strong>{tr.text('get.demoTitle')}</strong>
        {compact ? null : <span>{tr.text('get.demoText')}</span>}
      </div>
      <button type="button" className="button" onClick={() => void useRealServer()}>
        {tr.text('get.useRealServer')}
      </button>
      {error ? <ErrorPanel error={error} compact /> : null}
    </div>
  );
}
