// The exit codes a script branches on: one table, printed by `courier --help`, matched by README's
// table, and the job outcomes that map to them (C4: a delivery in use is "in use", not a disk error).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { EXIT, EXIT_TABLE, exitCodesHelp } from '../../../electron/cli/exit-codes.js';
import { exitCodeForError, exitCodeForJobs, exitCodeForRefusal } from '../../../electron/cli/exit-status.js';
import { appError, type AppError } from '../../../electron/shared/app-error.js';
import type { ErrorCode } from '../../../electron/shared/error-codes.js';
import type { JobSnapshot } from '../../../electron/shared/snapshots.js';
import { repoRoot } from '../../support/paths.js';

/** README's "Exit codes:" table as code → meaning. */
function readmeExitTable(): Map<number, string> {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const start = readme.indexOf('Exit codes:');
  const after = readme.slice(start).split('\n');
  const first = after.findIndex((line) => line.startsWith('|'));
  const end = after.findIndex((line, i) => i > first && !line.startsWith('|'));
  const rows = after.slice(first, end);
  const table = new Map<number, string>();
  for (const row of rows) {
    const cells = row.split('|').map((cell) => cell.trim());
    const code = Number(cells[1]);
    if (cells[1] !== '' && Number.isInteger(code)) table.set(code, cells[2]!);
  }
  return table;
}

describe('exit codes', () => {
  test("README's table lists every code with the table's meaning, and nothing else", () => {
    const expected = new Map(Object.values(EXIT_TABLE).map(({ code, meaning }) => [code, meaning]));
    expect(readmeExitTable()).toEqual(expected);
  });

  test('`courier --help` names every code', () => {
    const help = exitCodesHelp();
    for (const { code, brief } of Object.values(EXIT_TABLE)) expect(help).toContain(`${code} ${brief}`);
    for (const line of help.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });

  test('C4: a delivery locked by another process exits "in use", not "disk"', () => {
    expect(exitCodeForError('CLIENT.locked')).toBe(EXIT.inUse);
    expect(EXIT_TABLE.inUse.meaning).toMatch(/^in use/);
    const locked = {
      phase: 'failed',
      items: [],
      error: appError({ code: 'CLIENT.locked', message: 'in use', retryable: true }),
    } as unknown as JobSnapshot;
    const staged = { phase: 'staged', verified: true, items: [] } as unknown as JobSnapshot;
    expect(exitCodeForJobs([staged, locked])).toBe(EXIT.inUse);
  });

  describe('a job that staged nothing exits with its cause\'s class, never 1 ("staged, but partial")', () => {
    const refused = (detail: Record<string, string | boolean>, code: ErrorCode = 'CLIENT.urlRejected') =>
      appError({ code, message: 'refused', retryable: false, itemKey: 'k', detail });
    const job = (outcomes: readonly (AppError | 'verified')[]) =>
      ({
        phase: 'failed',
        items: outcomes.map((o) =>
          o === 'verified' ? { outcome: 'verified', error: null } : { outcome: 'failed', error: o },
        ),
        // The job's own error only sums its items up (the first code): it has no cause of its own.
        error: appError({ code: 'CLIENT.urlRejected', message: 'Nothing was staged', retryable: false }),
      }) as unknown as JobSnapshot;

    test('a refusal an option lifts (http, a storage origin, no public key) is a usage error', () => {
      const http = refused({ cause: 'http', origin: 'http://s:9000', originAllowed: false });
      const origin = refused({ cause: 'origin', origin: 'https://s:9000', originAllowed: false });
      const noKey = refused({ reason: 'noKey' }, 'CLIENT.unverified');
      const noChecks = refused({ reason: 'noChecks' }, 'CLIENT.unverified');
      for (const reason of [http, origin, noKey, noChecks]) {
        expect(exitCodeForRefusal(reason)).toBe(EXIT.usage);
        expect(exitCodeForJobs([job([reason, reason])])).toBe(EXIT.usage);
      }
    });

    test('a refusal only the server can lift is the server class; real failures keep theirs', () => {
      expect(exitCodeForJobs([job([refused({ cause: 'credentials' })])])).toBe(EXIT.server);
      expect(exitCodeForJobs([job([refused({}, 'CLIENT.unsafeName')])])).toBe(EXIT.server);
      const mismatch = appError({ code: 'CLIENT.hashMismatch', message: 'x', retryable: true });
      expect(exitCodeForJobs([job([mismatch, refused({ cause: 'http' })])])).toBe(EXIT.verificationFailed);
    });

    test('a job that paused itself for a full disk (F1) exits "disk"', () => {
      const full = appError({ code: 'CLIENT.diskFull', message: 'full', retryable: true });
      expect(exitCodeForJobs([{ phase: 'paused', items: [], error: full } as unknown as JobSnapshot])).toBe(
        EXIT.disk,
      );
    });

    test('with some files staged, the same refusal still means "staged, but partial"', () => {
      expect(exitCodeForJobs([job(['verified', refused({ cause: 'http' })])])).toBe(EXIT.partial);
    });
  });
});
