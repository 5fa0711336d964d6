// Lines that fit the terminal. A live view redraws by moving the cursor up one row per line it drew,
// so a line that wraps would leave a stale row behind: every live line is laid out for the width,
// dropping the least useful columns first and shortening the name, and is never wider. Pure.

// Colour codes (SGR) take no room on screen. The capture group keeps them when splitting.
// eslint-disable-next-line no-control-regex -- matching the escape character is the point
const SGR = /(\x1b\[[0-9;]*m)/;
const ELLIPSIS = '…';

/** The text split into plain runs (even indexes) and colour codes (odd indexes). */
const runs = (text: string) => text.split(SGR);

/** Columns the text takes on screen: colour codes take none, every code point one. */
export function visibleLength(text: string): number {
  return runs(text).reduce((sum, run, i) => sum + (i % 2 === 0 ? [...run].length : 0), 0);
}

/** The text cut to `width` columns, ending in an ellipsis when cut; colour codes are kept, and reset. */
export function cut(text: string, width: number): string {
  if (visibleLength(text) <= width) return text;
  if (width <= 0) return '';
  const parts = runs(text);
  const reset = parts.length > 1 ? '\x1b[0m' : '';
  let out = '';
  let shown = 0;
  for (const [i, part] of parts.entries()) {
    if (i % 2 === 1) {
      out += part;
      continue;
    }
    for (const char of part) {
      if (shown === width - 1) return `${out}${ELLIPSIS}${reset}`;
      out += char;
      shown += 1;
    }
  }
  return out;
}

/** A name shortened in the middle, so both its start and its end (extension, version) stay readable. */
export function shorten(name: string, width: number): string {
  const chars = [...name];
  if (chars.length <= width) return name;
  if (width <= 1) return chars.slice(0, Math.max(0, width)).join('');
  const head = Math.ceil((width - 1) / 2);
  const tail = width - 1 - head;
  return `${chars.slice(0, head).join('')}${ELLIPSIS}${tail > 0 ? chars.slice(-tail).join('') : ''}`;
}

export interface Column {
  readonly text: string;
  /** Lower goes first when the line is too narrow. */
  readonly keep: number;
}

export interface RowLayout {
  /** Text before the name (an indent). */
  readonly prefix?: string;
  /** Pad the name to this many columns (when the width allows), so rows align. */
  readonly nameColumn?: number;
  /** The name never gets fewer columns than this while a column could go instead. */
  readonly nameMin?: number;
  /** Columns below this `keep` go before the name is shortened at all; the others only to keep nameMin. */
  readonly nameKeep?: number;
}

const GAP = '  ';

/**
 * `name` then `columns` (in their order) in at most `width` columns. Columns go from the lowest
 * `keep` up: those under `nameKeep` while the whole name does not fit, the others only while the
 * name would get fewer than `nameMin` columns. Then the name is shortened to what is left.
 */
export function fitRow(
  name: string,
  columns: readonly Column[],
  width: number,
  layout: RowLayout = {},
): string {
  const prefix = layout.prefix ?? '';
  const nameMin = layout.nameMin ?? 12;
  const nameKeep = layout.nameKeep ?? 0;
  const wholeName = Math.min(visibleLength(name), layout.nameColumn ?? Infinity);
  const kept = [...columns];
  const rest = () => kept.reduce((sum, c) => sum + GAP.length + visibleLength(c.text), 0);
  const dropLowest = (below: number, nameNeeds: number) => {
    while (kept.length > 0 && prefix.length + nameNeeds + rest() > width) {
      const lowest = kept.reduce((a, b) => (b.keep < a.keep ? b : a));
      if (lowest.keep >= below) return;
      kept.splice(kept.indexOf(lowest), 1);
    }
  };
  dropLowest(nameKeep, Math.max(nameMin, wholeName));
  dropLowest(Infinity, nameMin);
  const room = Math.max(1, width - prefix.length - rest());
  const wanted = Math.max(visibleLength(name), kept.length > 0 ? (layout.nameColumn ?? 0) : 0);
  const nameWidth = Math.min(wanted, room);
  const shown = shorten(name, nameWidth);
  const padded = kept.length > 0 ? shown + ' '.repeat(nameWidth - visibleLength(shown)) : shown;
  return cut(`${prefix}${padded}${kept.map((c) => `${GAP}${c.text}`).join('')}`, width);
}
