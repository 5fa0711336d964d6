// The app's navigation: five places, as real buttons with the current one marked for assistive
// technology (aria-current) and by more than colour (a bar and bold text).
import { memo } from 'react';
import { selectActiveCount } from '../store/selectors.js';
import { useCourier } from '../store/store-context.js';
import type { ViewName } from '../store/store-types.js';
import { Icon, type IconName } from './icon.js';

const PLACES: readonly { view: ViewName; label: string; icon: IconName }[] = [
  { view: 'jobs', label: 'Deliveries', icon: 'list' },
  { view: 'get', label: 'Get a delivery', icon: 'plus' },
  { view: 'history', label: 'History', icon: 'history' },
  { view: 'connect', label: 'Connection', icon: 'plug' },
  { view: 'settings', label: 'Settings', icon: 'sliders' },
];

export const SideNav = memo(function SideNav() {
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
          <span className="brand-sub">GetApp deliveries</span>
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
              <span>{place.label}</span>
              {place.view === 'jobs' && active > 0 ? (
                <span className="nav-count num">
                  {active} <span className="visually-hidden">running</span>
                </span>
              ) : null}
            </button>
          </li>
        ))}
      </ul>
      <p className="nav-foot">
        <Icon name="server" />
        {mode === 'demo' ? 'Demo server' : mode === 'server' ? 'GetApp server' : 'Connecting…'}
      </p>
    </nav>
  );
});
