// Human units for sizes, speeds, durations and percentages, shown in tabular figures everywhere.
// Pure functions: no React, no DOM, no bridge. Sizes, speeds and clock times read the same in both
// UI languages (English and Hebrew share Western digits and the decimal point, and IEC units stay
// in Latin letters, as Hebrew file managers show them); words and dates come from the translator.
import type { Translator } from '../i18n/translator.js';

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** Sizes in binary units (what file managers on the technicians' laptops show). */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BINARY_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  // Three significant figures at most, so columns stay narrow and aligned.
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${BINARY_UNITS[unit]}`;
}

/** Transfer speed in the same binary units as sizes (MiB/s next to MiB): one unit system everywhere. */
export function formatSpeed(bytesPerSecond: number | null | undefined): string {
  if (bytesPerSecond === null || bytesPerSecond === undefined || !Number.isFinite(bytesPerSecond)) return '—';
  if (bytesPerSecond <= 0) return '—';
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** Bytes in one MiB: the unit of the bandwidth limit the settings show. */
export const MIB = 1024 ** 2;

/** Time left as m:ss (h:mm:ss past an hour); a dash when unknown. */
export function formatEta(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  const total = Math.ceil(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, '0');
  if (hours > 0) return `${hours}:${String(minutes).padStart(2, '0')}:${ss}`;
  return `${String(minutes).padStart(2, '0')}:${ss}`;
}

/** Words for screen readers, where "01:05" would be read as a clock time. */
export function describeEta(tr: Translator, ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return tr.text('status.etaUnknown');
  const total = Math.ceil(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  if (minutes === 0) return tr.text('status.etaSeconds', { seconds });
  return tr.text('status.etaMinutes', { minutes, seconds });
}

/** A whole percentage 0..100 from done/total; null when the total is unknown. */
export function percentOf(done: number, total: number | null | undefined): number | null {
  if (total === null || total === undefined || !Number.isFinite(total) || total <= 0) return null;
  const pct = Math.floor((Math.max(0, done) / total) * 100);
  return Math.min(100, pct);
}

/**
 * A local date and time for history rows: the technician's own clock, in the UI's language (never
 * the system's, which would put a Hebrew month inside an English sentence or the reverse).
 */
export function formatDateTime(tr: Translator, iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return tr.dateTime(date, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}
