// One term and its value in a description list (<dl>): facts of an artifact, numbers of a transfer,
// details of an error.
import type { ReactNode } from 'react';

export function Fact({
  term,
  children,
  className,
  dir,
}: {
  term: string;
  children: ReactNode;
  className?: string;
  /** 'ltr' for values that are codes, paths or hashes, so a Hebrew page never reorders them. */
  dir?: 'ltr';
}) {
  return (
    <div>
      <dt>{term}</dt>
      <dd className={className} dir={dir}>
        {children}
      </dd>
    </div>
  );
}
