// `courier` run in-process on a pretend terminal: stdout says it is a TTY of a given width, every
// write is replayed on a TerminalScreen, and the window can be resized mid-run.
import type { CapturedIo } from './cli-io.js';
import { captureIo } from './cli-io.js';
import { TerminalScreen } from './terminal-screen.js';

export interface TtyIo extends CapturedIo {
  readonly screen: TerminalScreen;
  /** Every chunk written to stdout, in order: the live view writes one frame per chunk. */
  readonly writes: readonly string[];
  /** The window becomes `columns` wide: the screen reflows, then the command hears 'resize'. */
  resize(columns: number): void;
  /** Resolves at the first write for which `seen` holds (what a person waits to see). */
  waitFor(seen: (write: string) => boolean): Promise<string>;
}

export function captureTty(columns: number, env: Record<string, string | undefined> = {}): TtyIo {
  const io = captureIo(env);
  const screen = new TerminalScreen(columns);
  const writes: string[] = [];
  const waiters: { seen: (write: string) => boolean; resolve: (write: string) => void }[] = [];
  const stdout = Object.assign(io.stdout, { isTTY: true, columns });
  stdout.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    writes.push(text);
    screen.write(text);
    for (const waiter of [...waiters]) {
      if (!waiter.seen(text)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(text);
    }
  });
  return {
    ...io,
    stdout,
    screen,
    writes,
    resize(to) {
      screen.resize(to);
      stdout.columns = to;
      stdout.emit('resize');
    },
    waitFor(seen) {
      const already = writes.find(seen);
      if (already !== undefined) return Promise.resolve(already);
      return new Promise((resolve) => waiters.push({ seen, resolve }));
    },
  };
}
