// The app's navigation: five places, as real buttons with the current one marked for assistive
// technology (aria-current) and by more than colour (a bar and bold text).
import { memo } from 'react';
import { selectActiveCount } from '../store/selectors.js';
import { useCourier } from '../store/store-context.js';
import { viewTitle, type PlaceName } from '../format/view-titles.js';
import { useTranslator } from '../i18n/i18n-provider.js';
import { Icon, type IconName } from './icon.js';

const PLACES: readonly { view: PlaceName; icon: IconName }[] = [
  { view: 'jobs', icon: 'list' },
  { view: 'get', icon: 'plus' },
  { view: 'history', icon: 'history' },
  { view: 'connect', icon: 'plug' },
  { view: 'settings', icon: 'sliders' },
];

export const SideNav = memo(function SideNav() {
  const tr = useTranslator();
  const view = useCourier((s) => s.view);
  const navigate = useCourier((s) => s.navigate);
  const active = useCourier(selectActiveCount);
  const mode = useCourier((s) => s.settings?.mode);
  const current = view === 'job' ? 'jobs' : view;
  return (
    <nav className="side-nav" aria-label="Courier">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          <Icon name="shield" />
        </span>
        <span className="brand-text">
          <span className="brand-name">Courier</span>
          <span className="brand-sub">{tr.text('common.brandSub')}</span>
        </span>
      </div>
      <ul>
        {PLACES.map((place) => (
          <li key={place.view}>
            <button
              type="button"
              className="nav-item"
              aria-current={current === place.view ? 'page' : undefined}
              onClick={() => navigate(place.view)}
            >
              <Icon name={place.icon} />
              <span>{viewTitle(tr, place.view)}</span>
              {place.view === 'jobs' && active > 0 ? (
                <span className="nav-count num">
                  <bdi>{active}</bdi> <span className="visually-hidden">{tr.text('common.navRunning')}</span>
                </span>
              ) : null}
            </button>
          </li>
        ))}
      </ul>
      <p className="nav-foot">
        <Icon name="server" />
        {tr.text(
          mode === 'demo'
            ? 'common.navDemoServer'
            : mode === 'server'
              ? 'common.navRealServer'
              : 'common.navConnecting',
        )}
      </p>
    </nav>
  );
});
