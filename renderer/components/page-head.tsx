// The top of every view: its one h1 (the name its section is labelled by), a line under it, and
// the view's own actions beside it, wrapping under it on a narrow window.
import type { ReactNode } from 'react';

export function PageHead({
  id,
  title,
  sub,
  titleClassName,
  children,
}: {
  /** The h1's id, which the view's <section aria-labelledby> points at. */
  id: string;
  title: ReactNode;
  sub?: ReactNode;
  titleClassName?: string;
  /** Actions or a status badge shown beside the title. */
  children?: ReactNode;
}) {
  return (
    <header className="page-head">
      <div className="page-title">
        <h1 id={id} className={titleClassName}>
          {title}
        </h1>
        {sub ? <p className="page-sub">{sub}</p> : null}
      </div>
      {children}
    </header>
  );
}
