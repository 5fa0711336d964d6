// One of the app's places as a page: a section named by its heading (the place's name, as the
// navigation shows it), a line under the heading, the page's actions beside it, then its content.
import type { ReactNode } from 'react';
import { VIEW_TITLE, type PlaceName } from '../format/view-titles.js';
import { PageHead } from './page-head.js';

export function ViewPage({
  view,
  sub,
  actions,
  children,
}: {
  view: PlaceName;
  sub?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const headingId = `${view}-heading`;
  return (
    <section className="view" aria-labelledby={headingId}>
      <PageHead id={headingId} title={VIEW_TITLE[view]} sub={sub}>
        {actions}
      </PageHead>
      {children}
    </section>
  );
}
