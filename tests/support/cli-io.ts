// Runs `courier` commands in-process with captured output and a stop button, as a terminal would.
import { PassThrough } from 'node:stream';
import type { CliIo } from '../../electron/cli/io.js';

export interface CapturedIo extends CliIo {
  out(): string;
  err(): string;
  /** Resolves with the first stdout line. */
  firstLine(): Promise<string>;
  stop(): void;
}

export function captureIo(env: Record<string, string | undefined> = {}): CapturedIo {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let outText = '';
  let errText = '';
  const lineWaiters: ((line: string) => void)[] = [];
  stdout.on('data', (chunk: Buffer) => {
    outText += chunk.toString('utf8');
    const newline = outText.indexOf('\n');
    if (newline >= 0) lineWaiters.splice(0).forEach((resolve) => resolve(outText.slice(0, newline)));
  });
  stderr.on('data', (chunk: Buffer) => (errText += chunk.toString('utf8')));
  let stop!: () => void;
  const stopRequested = new Promise<void>((resolve) => (stop = resolve));
  return {
    stdout,
    stderr,
    stdin: new PassThrough(),
    env,
    stopRequested,
    out: () => outText,
    err: () => errText,
    firstLine: () =>
      new Promise((resolve) => {
        const newline = outText.indexOf('\n');
        if (newline >= 0) resolve(outText.slice(0, newline));
        else lineWaiters.push(resolve);
      }),
    stop,
  };
}
