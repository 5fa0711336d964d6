// The `courier` command's exit codes, one per kind of outcome a script may want to branch on. This
// table is their one definition: `courier --help` prints it, and a test holds README's table to it.

interface ExitMeaning {
  readonly code: number;
  /** One line for `courier --help`. */
  readonly brief: string;
  /** README's wording. */
  readonly meaning: string;
}

export const EXIT_TABLE = {
  ok: {
    code: 0,
    brief: 'success',
    meaning: 'every delivery staged and every file verified (`verify`/`export`: the package is **verified**)',
  },
  partial: {
    code: 1,
    brief: 'partial or unverified',
    meaning:
      'staged, but partial: unverified files, or items that are not downloadable here (container images, rpm/deb)',
  },
  usage: {
    code: 2,
    brief: 'usage error',
    meaning:
      'usage error, or nothing staged because of a choice an option changes (http, a storage origin, no `--public-key`): the remedy names it',
  },
  verificationFailed: {
    code: 3,
    brief: 'verification failed',
    meaning:
      'verification failed: a hash, size or signature did not match; a signature is missing under a pinned key; `verify`/`export`: files changed, missing or unlisted',
  },
  server: {
    code: 4,
    brief: 'server or authentication error',
    meaning:
      'the server refused: a GetApp error code (`DELIVERY.notFound`, ...) or sign-in failed; or it sent only files Courier refuses (unsafe names or addresses)',
  },
  network: {
    code: 5,
    brief: 'network error',
    meaning: 'network: unreachable, timed out, stalled, or invalid answers',
  },
  disk: { code: 6, brief: 'disk error', meaning: 'disk: full, read-only, or the destination disappeared' },
  notStaged: {
    code: 7,
    brief: 'package failed or empty',
    meaning:
      '`verify`/`export`: the package is failed (some artifacts were not staged) or empty (it lists no file)',
  },
  inUse: {
    code: 8,
    brief: 'in use elsewhere',
    meaning:
      'in use: another `courier` or Courier window is working on the same delivery folder; run again when it has finished',
  },
  interrupted: {
    code: 130,
    brief: 'interrupted (paused)',
    meaning: 'interrupted with Ctrl-C: paused, run the same command to resume',
  },
} as const satisfies Record<string, ExitMeaning>;

type ExitName = keyof typeof EXIT_TABLE;

export const EXIT = Object.fromEntries(
  Object.entries(EXIT_TABLE).map(([name, { code }]) => [name, code]),
) as { readonly [N in ExitName]: (typeof EXIT_TABLE)[N]['code'] };

export type ExitCode = (typeof EXIT)[ExitName];

/** The help text's "Exit codes:" lines, wrapped under 100 columns. */
export function exitCodesHelp(): string {
  const entries = Object.values(EXIT_TABLE).map(({ code, brief }) => `${code} ${brief}`);
  const lines: string[] = [];
  let line = ' ';
  for (const entry of entries) {
    if (line.length + entry.length + 3 > 100) {
      lines.push(line);
      line = ' ';
    }
    line += `  ${entry}`;
  }
  lines.push(line);
  return lines.join('\n');
}
