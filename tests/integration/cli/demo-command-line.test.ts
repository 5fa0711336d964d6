// `courier demo` in one terminal, and its printed `courier fetch` line pasted into a second: two
// real processes, as a new user runs them. The line needs nothing added to work the first time:
// the server, the account, the object store's origin, plain http and the signing key as a file.
// Needs the built CLI (npm run build), as bin/courier.js does.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, test } from 'vitest';
import { EXIT } from '../../../electron/cli/exit-codes.js';
import { BUILTIN_IDS } from '../../../electron/demo-server/index.js';
import { verifyFolder } from '../../../electron/engine/index.js';
import { repoRoot } from '../../support/paths.js';
import { useTempDirs } from '../../support/temp-dir.js';

const tempDir = useTempDirs();
const COURIER = join(repoRoot, 'bin', 'courier.js');

/** The first stdout line of `child` that `wanted` accepts (what a person reads off the screen). */
async function lineOf(child: ChildProcess, wanted: (line: string) => boolean): Promise<string> {
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) if (wanted(line)) return line;
  throw new Error('the command ended without printing the line');
}

/** Runs `line` in a POSIX shell, as pasted into a terminal; resolves with its exit code and output. */
async function runInShell(line: string, cwd: string) {
  // A fresh terminal: no COURIER_* variables of ours, only what a shell has.
  const child = spawn('sh', ['-c', line], {
    cwd,
    env: { PATH: process.env.PATH, HOME: cwd },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output };
}

describe('courier demo prints a command line that works as printed', () => {
  test('a second process following it stages a verified package on the first try', async () => {
    const demo = spawn(process.execPath, [COURIER, 'demo', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const line = (await lineOf(demo, (l) => l.includes(' fetch '))).trim();
      const words = line.split(' ');
      for (const option of ['--server', '--username', '--storage-origin', '--allow-http', '--public-key'])
        expect(words).toContain(option);
      expect(words).not.toContain('--password');
      const keyFile = words[words.indexOf('--public-key') + 1]!;

      const cwd = await tempDir();
      const run = await runInShell(line, cwd);
      expect(run.code, run.output).toBe(EXIT.ok);
      expect(run.output).toContain(`${BUILTIN_IDS.fieldNav}  staged, verified`);

      const checked = await verifyFolder(join(cwd, 'courier-packages', BUILTIN_IDS.fieldNav), {
        publicKeyPem: await readFile(keyFile, 'utf8'),
      });
      expect(checked.ok && checked.value.state).toBe('verified');
      expect(checked.ok && checked.value.signaturesChecked).toBe(true);

      demo.kill('SIGINT');
      const [code] = (await once(demo, 'exit')) as [number | null];
      expect(code).toBe(EXIT.ok);
      // The key file lived as long as the server it belongs to.
      expect(existsSync(keyFile)).toBe(false);
    } finally {
      if (demo.exitCode === null) demo.kill('SIGKILL');
    }
  }, 120_000); // two real processes, on a machine that may be busy
});
