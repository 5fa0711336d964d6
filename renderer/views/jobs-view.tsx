// The list of deliveries, newest first, each as a JobRow that subscribes to its own snapshot, so a
// progress tick of one delivery re-renders that card only.
import { ErrorPanel } from '../components/error-panel.js';
import { Icon } from '../components/icon.js';
import { ViewPage } from '../components/view-page.js';
import { selectActiveCount } from '../store/selectors.js';
import { useCourier } from '../store/store-context.js';
import { JobRow } from './job-row.js';

export function JobsView() {
  const order = useCourier((s) => s.jobOrder);
  const loaded = useCourier((s) => s.jobsLoaded);
  const error = useCourier((s) => s.jobsError);
  const active = useCourier(selectActiveCount);
  const navigate = useCourier((s) => s.navigate);
  return (
    <ViewPage
      view="jobs"
      sub={
        order.length === 0
          ? 'Nothing staged in this session yet.'
          : `${order.length} in the list · ${active} running`
      }
      actions={
        <button type="button" className="button button-primary" onClick={() => navigate('get')}>
          <Icon name="plus" /> Get a delivery
        </button>
      }
    >
      {error ? <ErrorPanel error={error} context="Courier could not list the deliveries." /> : null}
      {order.length > 0 ? (
        <ul className="job-list" aria-label="Deliveries">
          {order.map((jobId) => (
            <JobRow key={jobId} jobId={jobId} />
          ))}
        </ul>
      ) : loaded ? (
        <div className="empty-state">
          <Icon name="download" className="empty-icon" />
          <h2>No deliveries yet</h2>
          <p>
            Paste a catalog id or pick an offering. Courier prepares the delivery on the server, downloads
            every file, checks its SHA-256 and signature, and leaves a verified package folder for the USB
            drive.
          </p>
          <button type="button" className="button button-primary" onClick={() => navigate('get')}>
            Get a delivery
          </button>
        </div>
      ) : (
        <p className="muted" role="status">
          Loading deliveries…
        </p>
      )}
    </ViewPage>
  );
}
