// The one logger shape, end to end: the engine and its API layer write to it, the engine's `log`
// events carry it to the faces, and the hosts print it. Fields are small scalars chosen by the
// caller: never headers, tokens, passwords or full URLs (A4, S2). Pure.

export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, string | number | boolean>>;
export type Log = (level: LogLevel, message: string, fields?: LogFields) => void;

/** Writes nothing: for callers that were given no log. */
export const silentLog: Log = () => {};

/** One line of a text log: the message, then each field as key=value. */
export function logLine(message: string, fields?: LogFields): string {
  const pairs = Object.entries(fields ?? {}).map(([key, value]) => `${key}=${String(value)}`);
  return pairs.length > 0 ? `${message} (${pairs.join(', ')})` : message;
}
