// Says plainly when Courier is talking to its own built-in demo server, and offers the way out.
import { useState } from 'react';
import type { AppError } from '../../electron/shared/app-error.js';
import { ErrorPanel } from '../components/error-panel.js';
import { Icon } from '../components/icon.js';
import { useCourier } from '../store/store-context.js';

export function DemoBanner({ compact = false }: { compact?: boolean }) {
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
      aria-label="Demo mode"
    >
      <Icon name="server" />
      <div className="banner-text">
        <strong>Using the built-in demo server</strong>
        {compact ? null : (
          <span>
            Deliveries come from Courier&apos;s own demo catalog on this computer, not from a GetApp server.
          </span>
        )}
      </div>
      <button type="button" className="button" onClick={() => void useRealServer()}>
        Use a real server
      </button>
      {error ? <ErrorPanel error={error} compact /> : null}
    </div>
  );
}
