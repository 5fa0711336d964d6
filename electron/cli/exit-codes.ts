// The `courier` command's exit codes, one per kind of outcome a script may want to branch on.
// Documented in README and `courier --help`; keep the three in step.

export const EXIT = {
  ok: 0,
  /** Staged, but some artifacts are unverified or not downloadable here. */
  partial: 1,
  usage: 2,
  /** A hash, size or signature check failed. */
  verificationFailed: 3,
  /** The server refused: GetApp error code, or authentication failed. */
  server: 4,
  network: 5,
  disk: 6,
  /** The package is failed or empty: some artifacts were not staged, or it lists no file. */
  notStaged: 7,
  /** Stopped with Ctrl-C: paused, resumable. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
