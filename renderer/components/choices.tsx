// A checkbox or a group of radio buttons with their words as the label, so the whole line is the
// click target and the name screen readers read.
import type { ReactNode } from 'react';

export function CheckChoice({
  checked,
  onChange,
  describedBy,
  children,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** The id of the help text under it. */
  describedBy?: string;
  children: ReactNode;
}) {
  return (
    <label className="choice">
      <input
        type="checkbox"
        checked={checked}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.checked)}
      />
      {children}
    </label>
  );
}

export interface RadioOption<V extends string> {
  readonly value: V;
  readonly label: string;
  readonly describedBy?: string;
  /** The label's language when it is not the page's (a language named in itself). */
  readonly lang?: string;
}

/** A fieldset of radio buttons: arrow keys move between them, as in any native radio group. */
export function RadioChoices<V extends string>({
  legend,
  name,
  value,
  options,
  onChange,
  className = 'field',
}: {
  legend: string;
  name: string;
  value: V;
  options: readonly RadioOption<V>[];
  onChange: (value: V) => void;
  className?: string;
}) {
  return (
    <fieldset className={className}>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="choice" lang={option.lang}>
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            aria-describedby={option.describedBy}
            onChange={() => onChange(option.value)}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
