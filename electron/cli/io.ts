// What a CLI command may touch of its process: streams, environment and a stop signal. Injected so
// commands run in tests without spawning a process.
import type { Readable, Writable } from 'node:stream';

export interface CliIo {
  /** On a terminal: isTTY, its width in columns, and 'resize' events (tty.WriteStream). */
  readonly stdout: Writable & { isTTY?: boolean; readonly columns?: number };
  readonly stderr: Writable;
  readonly stdin: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => void };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Resolves when the user asks the command to stop (SIGINT/SIGTERM). */
  readonly stopRequested: Promise<void>;
  /**
   * How a person runs this same courier again, for the command lines it prints: ['courier'] when
   * it is on the PATH (the default), else e.g. ['node', '/opt/courier/bin/courier.js'].
   */
  readonly program?: readonly string[];
}

export function writeLine(stream: Writable, text = ''): void {
  stream.write(`${text}\n`);
}
