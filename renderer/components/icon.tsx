// Small stroke icons drawn inline (no icon font, no network). Always decorative: every icon sits
// next to a text label, so status never rests on an icon or a colour alone. Arrows that point
// forward or back turn round in a right-to-left page.
import { memo } from 'react';

const PATHS = {
  check: ['M5 12.5l4.5 4.5L19 7.5'],
  cross: ['M6.5 6.5l11 11', 'M17.5 6.5l-11 11'],
  alert: ['M12 3.5L2.5 20h19L12 3.5z', 'M12 10v4.5', 'M12 17.5v.01'],
  pause: ['M9 5.5v13', 'M15 5.5v13'],
  play: ['M7.5 5l11 7-11 7V5z'],
  download: ['M12 4v11', 'M7 10.5l5 5 5-5', 'M5 20h14'],
  clock: ['M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z', 'M12 7.5V12l3 2'],
  server: ['M4 4.5h16v6H4z', 'M4 13.5h16v6H4z', 'M8 7.5v.01', 'M8 16.5v.01'],
  shield: ['M12 3l8 3v6c0 4.8-3.4 8-8 9-4.6-1-8-4.2-8-9V6l8-3z', 'M8.5 12l2.5 2.5 4.5-5'],
  stop: ['M6.5 6.5h11v11h-11z'],
  minus: ['M6 12h12'],
  link: [
    'M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1',
    'M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1',
  ],
  folder: [
    'M3 6.5a1.5 1.5 0 0 1 1.5-1.5H9l2 2.5h8.5A1.5 1.5 0 0 1 21 9v9.5a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 18.5v-12z',
  ],
  refresh: ['M20 11a8 8 0 1 0-2.3 5.7', 'M20 4.5V11h-6.5'],
  file: ['M6 3h8l4 4v14H6z', 'M14 3v4h4'],
  back: ['M15 5l-7 7 7 7'],
  next: ['M9 5l7 7-7 7'],
  down: ['M6 9l6 6 6-6'],
  up: ['M6 15l6-6 6 6'],
  search: ['M10.5 4a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13z', 'M15.5 15.5L20 20'],
  list: ['M8 6h12', 'M8 12h12', 'M8 18h12', 'M4 6v.01', 'M4 12v.01', 'M4 18v.01'],
  plus: ['M12 5v14', 'M5 12h14'],
  history: ['M4 12a8 8 0 1 0 2.4-5.7', 'M4 4.5V9h4.5', 'M12 8v4.5l3 1.5'],
  plug: ['M9 3v5', 'M15 3v5', 'M6.5 8h11v3a5.5 5.5 0 0 1-11 0V8z', 'M12 16.5V21'],
  sliders: ['M4 7h10', 'M18 7h2', 'M4 17h4', 'M12 17h8', 'M16 5v4', 'M10 15v4'],
  trash: ['M4.5 7h15', 'M9.5 7V4.5h5V7', 'M6.5 7l1 13h9l1-13'],
  drive: ['M9 3h6v6H9z', 'M7 9h10v10a2 2 0 0 1-2 2H9a2 2 0 0 1-2-2V9z', 'M11 5.5v.01', 'M13 5.5v.01'],
  key: ['M8 11a4 4 0 1 0 0 .01', 'M11.5 12.5H21', 'M17.5 12.5v3', 'M20.5 12.5v2.5'],
} as const;

export type IconName = keyof typeof PATHS;

/** Icons that point along the reading direction: a right-to-left page mirrors them (base.css). */
const DIRECTIONAL: ReadonlySet<IconName> = new Set(['back', 'next']);

export const Icon = memo(function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg
      className={['icon', DIRECTIONAL.has(name) ? 'icon-directional' : null, className]
        .filter(Boolean)
        .join(' ')}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {PATHS[name].map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
});
