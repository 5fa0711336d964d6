// The application shell: navigation, the demo-mode banner, notices, and the current view.
// Reads the store only; never the bridge.
import { useEffect, useRef, type JSX } from 'react';
import { useDocumentTheme } from './app-theme.js';
import { DemoBanner } from './views/demo-banner.js';
import { Notices } from './components/notices.js';
import { SideNav } from './components/side-nav.js';
import { useCourier } from './store/store-context.js';
import type { ViewName } from './store/store-types.js';
import { ConnectView } from './views/connect-view.js';
import { GetView } from './views/get-view.js';
import { HistoryView } from './views/history-view.js';
import { JobDetailView } from './views/job-detail-view.js';
import { JobsView } from './views/jobs-view.js';
import { SettingsView } from './views/settings-view.js';

const VIEWS: Readonly<Record<ViewName, () => JSX.Element>> = {
  jobs: JobsView,
  job: JobDetailView,
  get: GetView,
  history: HistoryView,
  connect: ConnectView,
  settings: SettingsView,
};

export function App() {
  const view = useCourier((s) => s.view);
  const demo = useCourier((s) => s.settings?.mode === 'demo');
  const Current = VIEWS[view];
  useDocumentTheme();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // A new view replaces the button that led to it: move focus to the top of the new view, so
  // keyboard and screen-reader users continue from there instead of from the page start.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (!main.current) return;
    main.current.scrollTop = 0;
    main.current.focus({ preventScroll: true });
  }, [view]);
  return (
    <div className="app">
      <SideNav />
      <main className="main" id="main" ref={main} tabIndex={-1}>
        {demo && view !== 'connect' ? <DemoBanner compact /> : null}
        <Notices />
        <Current key={view} />
      </main>
    </div>
  );
}
