// Every table of the UI in one frame: a wrapper that scrolls only as a last resort, an optional
// caption for assistive technology, and the column headers from a list. Rows are the caller's.
import type { ReactNode } from 'react';
import type { StatusText } from '../format/status.js';
import { StatusBadge } from './status-badge.js';

export interface Column {
  readonly label: string;
  readonly className?: string;
  /** Named for assistive technology only (an action or details column). */
  readonly hidden?: boolean;
}

export function DataTable({
  className,
  caption,
  columns,
  children,
  after,
  wrapClassName,
}: {
  className: string;
  /** Read by screen readers, not shown: the view's heading already says what the table is. */
  caption?: ReactNode;
  columns: readonly Column[];
  /** The <tbody> element(s). */
  children: ReactNode;
  /** Shown under the table inside the same frame (an empty-table note). */
  after?: ReactNode;
  wrapClassName?: string;
}) {
  return (
    <div className={wrapClassName ? `table-wrap ${wrapClassName}` : 'table-wrap'}>
      <table className={className}>
        {caption ? <caption className="visually-hidden">{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col" className={column.className}>
                {column.hidden ? <span className="visually-hidden">{column.label}</span> : column.label}
              </th>
            ))}
          </tr>
        </thead>
        {children}
      </table>
      {after}
    </div>
  );
}

/** A row's verdict as a badge, in a column no wider than its words. */
export function VerdictCell({ status }: { status: StatusText }) {
  return (
    <td className="col-verdict">
      <StatusBadge status={status} />
    </td>
  );
}
