// Runs an exported drive's own check the way an install site without Courier would: Debian's dash on
// verify.sh (sha256sum and openssl from PATH), and openssl on one detached signature. Test support only.
import { spawnSync } from 'node:child_process';
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';

export interface ScriptRun {
  readonly status: number | null;
  readonly output: string;
  /** The last line: the result a technician reads. */
  readonly verdict: string;
}

/**
 * `dash <folder>/verify.sh` from another working directory (the script must find its own folder).
 * `path` replaces PATH, to take tools away.
 */
export function runVerifySh(folder: string, options: { cwd?: string; path?: string } = {}): ScriptRun {
  const run = spawnSync('/usr/bin/dash', [join(folder, 'verify.sh')], {
    cwd: options.cwd ?? '/',
    encoding: 'utf8',
    env: { PATH: options.path ?? process.env.PATH ?? '/usr/bin:/bin' },
  });
  const output = `${run.stdout}${run.stderr}`;
  return { status: run.status, output, verdict: output.trimEnd().split('\n').at(-1) ?? '' };
}

/** The command README.txt gives for checking one file by hand. */
export function opensslVerify(folder: string, file: string): { status: number | null; output: string } {
  const run = spawnSync(
    'openssl',
    ['dgst', '-sha256', '-verify', 'cosign.pub', '-signature', `${file}.sig`, file],
    { cwd: folder, encoding: 'utf8' },
  );
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** A PATH of links to the tools verify.sh may use, minus `without` (a Mac has no sha256sum...). */
export async function pathWithout(dir: string, without: readonly string[]): Promise<string> {
  const tools = ['sha256sum', 'shasum', 'perl', 'openssl', 'grep', 'sed'];
  await mkdir(dir, { recursive: true });
  for (const tool of tools.filter((t) => !without.includes(t)))
    await symlink(`/usr/bin/${tool}`, join(dir, tool));
  return dir;
}
