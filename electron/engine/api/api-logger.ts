// The logger the API layer writes to. Fields are small scalars chosen by the caller: never headers,
// tokens, passwords or full URLs (A4, S2). Types only.

export type LogFields = Readonly<Record<string, string | number | boolean>>;

export interface ApiLogger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
}

export const silentLogger: ApiLogger = {
  info: () => {},
  warn: () => {},
};
