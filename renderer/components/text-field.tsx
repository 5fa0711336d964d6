// A labelled text input with its help line under it (the help is also its description for screen
// readers: `<id>-help`). Any other input attribute passes through.
import type { InputHTMLAttributes, ReactNode } from 'react';

export function TextField({
  id,
  label,
  help,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & {
  id: string;
  label: string;
  help?: ReactNode;
}) {
  const helpId = help ? `${id}-help` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-describedby={helpId} {...input} />
      {help ? (
        <p id={helpId} className="help">
          {help}
        </p>
      ) : null}
    </div>
  );
}
