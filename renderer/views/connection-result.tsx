// The outcome of "Test connection": reachable and signed in, each as a yes/no with words, plus the
// service's own message and, on failure, the error explained.
import { ErrorPanel } from '../components/error-panel.js';
import { StatusBadge } from '../components/status-badge.js';
import { formatDateTime } from '../format/units.js';
import { useTranslator } from '../i18n/i18n-provider.js';
import { useCourier } from '../store/store-context.js';

export function ConnectionResult() {
  const tr = useTranslator();
  const connection = useCourier((s) => s.connection);
  if (connection.state === 'idle') return null;
  if (connection.state === 'testing') {
    return (
      <p className="connection-result muted" role="status">
        {tr.text('settings.result.testing')}
      </p>
    );
  }
  if (connection.state === 'error') {
    return <ErrorPanel error={connection.error} context={tr.text('settings.result.couldNotRun')} />;
  }
  const { result } = connection;
  const good = result.reachable && result.signedIn;
  return (
    <div
      className={`connection-result panel-inset ${good ? 'ok' : 'bad'}`}
      role="status"
      aria-label={tr.text('settings.result.label')}
    >
      <p className="connection-verdict">
        <StatusBadge
          status={
            result.reachable
              ? { label: tr.text('settings.result.reachable'), tone: 'success', icon: 'check' }
              : { label: tr.text('settings.result.unreachable'), tone: 'danger', icon: 'cross' }
          }
        />
        <StatusBadge
          status={
            result.signedIn
              ? { label: tr.text('settings.result.signedIn'), tone: 'success', icon: 'check' }
              : {
                  label: tr.text('settings.result.notSignedIn'),
                  tone: result.reachable ? 'danger' : 'neutral',
                  icon: 'cross',
                }
          }
        />
        <span className="muted">
          {tr.text('settings.result.tested', { time: formatDateTime(tr, connection.at) })}
        </span>
      </p>
      {/* The service words this in English (as the CLI does): marked so, for direction and voice. */}
      <p lang="en" dir="ltr">
        {result.message}
      </p>
      {result.error ? <ErrorPanel error={result.error} compact /> : null}
    </div>
  );
}
