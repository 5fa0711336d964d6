// What a CLI command may touch of its process: streams, environment and a stop signal. Injected so
// commands run in tests without spawning a process.
import type { Readable, Writable } from 'node:stream';

export interface CliIo {
  readonly stdout: Writable & { isTTY?: boolean };
  readonly stderr: Writable;
  readonly stdin: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => void };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Resolves when the user asks the command to stop (SIGINT/SIGTERM). */
  readonly stopRequested: Promise<void>;
}

export function writeLine(stream: Writable, text = ''): void {
  stream.write(`${text}\n`);
}
