// Renders untrusted server strings (itemKey, catalogId, URLs) for error messages and logs.
// Pure: no node:*, no I/O.

const MAX_SHOWN = 120;

/**
 * A quoted, escaped, length-capped rendering. Server strings can hold control characters, ANSI escapes
 * or bidi overrides that would corrupt a terminal or a log line, or megabytes that would flood it.
 */
export function quoted(value: string): string {
  const cut = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
  // JSON.stringify escapes C0 controls; the explicit pass also covers DEL, C1 and format characters.
  return JSON.stringify(cut).replace(
    /[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
