// One term and its value in a description list (<dl>): facts of an artifact, numbers of a transfer,
// details of an error.
import type { ReactNode } from 'react';

export function Fact({
  term,
  children,
  className,
}: {
  term: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div>
      <dt>{term}</dt>
      <dd className={className}>{children}</dd>
    </div>
  );
}
