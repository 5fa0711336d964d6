// Where the password comes from: COURIER_PASSWORD, --password-stdin, or a prompt on the terminal
// that does not echo. Never from an argument (it would show in `ps` and shell history).
import type { Readable, Writable } from 'node:stream';

export interface PasswordSources {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly fromStdin: boolean;
  readonly stdin: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => void };
  readonly prompt: Writable;
}

async function readAll(stream: Readable): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += String(chunk);
  return text.replace(/\r?\n$/, '');
}

function promptHidden(sources: PasswordSources, label: string): Promise<string> {
  const { stdin, prompt } = sources;
  return new Promise((resolve, reject) => {
    prompt.write(label);
    let typed = '';
    stdin.setRawMode?.(true);
    stdin.resume();
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003') return finish(new Error('cancelled'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    const finish = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      prompt.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    stdin.on('data', onData);
  });
}

/** The environment variable a password may come from (never an argument: `ps` would show it). */
export const PASSWORD_ENV = 'COURIER_PASSWORD';

/** A function the engine calls when it needs to log in; the answer is remembered for this run. */
export function passwordProvider(sources: PasswordSources, username: string): () => Promise<string> {
  let cached: Promise<string> | undefined;
  return () => {
    cached ??= (async () => {
      const fromEnv = sources.env[PASSWORD_ENV];
      if (fromEnv !== undefined) return fromEnv;
      if (sources.fromStdin) return readAll(sources.stdin);
      if (!sources.stdin.isTTY) {
        throw new Error(
          'no password: set COURIER_PASSWORD, pass --password-stdin, or run on a terminal to be asked',
        );
      }
      return promptHidden(sources, `Password for ${username}: `);
    })();
    return cached;
  };
}
