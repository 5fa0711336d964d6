// The outcome of "Test connection": reachable and signed in, each as a yes/no with words, plus the
// service's own message and, on failure, the error explained.
import { ErrorPanel } from '../components/error-panel.js';
import { StatusBadge } from '../components/status-badge.js';
import { formatDateTime } from '../format/units.js';
import { useCourier } from '../store/store-context.js';

export function ConnectionResult() {
  const connection = useCourier((s) => s.connection);
  if (connection.state === 'idle') return null;
  if (connection.state === 'testing') {
    return (
      <p className="connection-result muted" role="status">
        Testing the connection…
      </p>
    );
  }
  if (connection.state === 'error') {
    return <ErrorPanel error={connection.error} context="The connection test could not run." />;
  }
  const { result } = connection;
  const good = result.reachable && result.signedIn;
  return (
    <div
      className={`connection-result panel-inset ${good ? 'ok' : 'bad'}`}
      role="status"
      aria-label="Connection test result"
    >
      <p className="connection-verdict">
        <StatusBadge
          status={
            result.reachable
              ? { label: 'Server reachable', tone: 'success', icon: 'check' }
              : { label: 'Server not reachable', tone: 'danger', icon: 'cross' }
          }
        />
        <StatusBadge
          status={
            result.signedIn
              ? { label: 'Signed in', tone: 'success', icon: 'check' }
              : { label: 'Not signed in', tone: result.reachable ? 'danger' : 'neutral', icon: 'cross' }
          }
        />
        <span className="muted">tested {formatDateTime(connection.at)}</span>
      </p>
      <p>{result.message}</p>
      {result.error ? <ErrorPanel error={result.error} compact /> : null}
    </div>
  );
}
