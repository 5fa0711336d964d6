// Maps the end state of a command's jobs to one exit code (README, `courier --help`).
import type { ErrorCode } from '../shared/error-codes.js';
import type { PackageState } from '../shared/package-verdict.js';
import type { JobSnapshot } from '../shared/snapshots.js';
import { EXIT, type ExitCode } from './exit-codes.js';

const VERIFICATION: ReadonlySet<ErrorCode> = new Set([
  'CLIENT.hashMismatch',
  'CLIENT.hashFormat',
  'CLIENT.sizeMismatch',
  'CLIENT.signatureInvalid',
  'CLIENT.signatureMissing',
]);
const DISK: ReadonlySet<ErrorCode> = new Set([
  'CLIENT.diskFull',
  'CLIENT.fileSystem',
  'CLIENT.targetRemoved',
  'CLIENT.locked',
]);
const NETWORK: ReadonlySet<ErrorCode> = new Set([
  'CLIENT.network',
  'CLIENT.timeout',
  'CLIENT.stalled',
  'CLIENT.urlExpired',
  'CLIENT.badResponse',
  'CLIENT.serverError',
]);
const PARTIAL: ReadonlySet<ErrorCode> = new Set([
  'CLIENT.unverified',
  'CLIENT.notDownloadable',
  'CLIENT.unsafeName',
  'CLIENT.urlRejected',
]);

/** `courier verify` and `courier export`: the package verdict as an exit code; 0 only when verified. */
export const EXIT_FOR_PACKAGE: Readonly<Record<PackageState, ExitCode>> = {
  verified: EXIT.ok,
  changed: EXIT.verificationFailed,
  missing: EXIT.verificationFailed,
  unlisted: EXIT.verificationFailed,
  failed: EXIT.notStaged,
  empty: EXIT.notStaged,
  unverified: EXIT.partial,
  incomplete: EXIT.partial,
};

export function exitCodeForError(code: ErrorCode): ExitCode {
  if (VERIFICATION.has(code)) return EXIT.verificationFailed;
  if (DISK.has(code)) return EXIT.disk;
  if (NETWORK.has(code)) return EXIT.network;
  if (PARTIAL.has(code)) return EXIT.partial;
  if (code === 'CLIENT.invalidRequest') return EXIT.usage;
  // DELIVERY.*, APP.unknown, CLIENT.auth: the server refused.
  return EXIT.server;
}

/** The worst outcome wins: a failure outranks a partial package, which outranks success. */
export function exitCodeForJobs(jobs: readonly JobSnapshot[]): ExitCode {
  const codes = jobs.map((job): ExitCode => {
    if (job.phase === 'failed' && job.error) return exitCodeForError(job.error.code);
    if (job.phase === 'failed') return EXIT.server;
    if (job.phase !== 'staged') return EXIT.partial;
    return job.verified && job.items.every((i) => i.outcome !== 'notDownloadable') ? EXIT.ok : EXIT.partial;
  });
  const rank: ExitCode[] = [
    EXIT.verificationFailed,
    EXIT.disk,
    EXIT.network,
    EXIT.server,
    EXIT.usage,
    EXIT.notStaged,
    EXIT.partial,
    EXIT.ok,
  ];
  return rank.find((code) => codes.includes(code)) ?? EXIT.ok;
}
