// One of the app's places as a page: a section named by its heading (the place's name, as the
// navigation shows it), a line under the heading, the page's actions beside it, then its content.
import type { ReactNode } from 'react';
import { viewTitle, type PlaceName } from '../format/view-titles.js';
import { useTranslator } from '../i18n/i18n-provider.js';
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
  const tr = useTranslator();
  const headingId = `${view}-heading`;
  return (
    <section className="view" aria-labelledby={headingId}>
      <PageHead id={headingId} title={viewTitle(tr, view)} sub={sub}>
        {actions}
      </PageHead>
      {children}
    </section>
  );
}
