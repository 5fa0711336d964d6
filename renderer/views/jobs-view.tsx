// The list of deliveries, newest first, each as a JobRow that subscribes to its own snapshot, so a
// progress tick of one delivery re-renders that card only.
import { ErrorPanel } from '../components/error-panel.js';
import { Icon } from '../components/icon.js';
import { ViewPage } from '../components/view-page.js';
import { useTranslator } from '../i18n/i18n-provider.js';
import { selectActiveCount } from '../store/selectors.js';
import { useCourier } from '../store/store-context.js';
import { JobRow } from './job-row.js';

export function JobsView() {
  const tr = useTranslator();
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
          ? tr.text('deliveries.list.subEmpty')
          : tr.text('deliveries.list.sub', { count: order.length, active })
      }
      actions={
        <button type="button" className="button button-primary" onClick={() => navigate('get')}>
          <Icon name="plus" /> {tr.text('deliveries.getDelivery')}
        </button>
      }
    >
      {error ? <ErrorPanel error={error} context={tr.text('deliveries.list.error')} /> : null}
      {order.length > 0 ? (
        <ul className="job-list" aria-label={tr.text('deliveries.list.label')}>
          {order.map((jobId) => (
            <JobRow key={jobId} jobId={jobId} />
          ))}
        </ul>
      ) : loaded ? (
        <div className="empty-state">
          <Icon name="download" className="empty-icon" />
          <h2>{tr.text('deliveries.empty.title')}</h2>
          <p>{tr.text('deliveries.empty.text')}</p>
          <button type="button" className="button button-primary" onClick={() => navigate('get')}>
            {tr.text('deliveries.getDelivery')}
          </button>
        </div>
      ) : (
        <p className="muted" role="status">
          {tr.text('deliveries.list.loading')}
        </p>
      )}
    </ViewPage>
  );
}
