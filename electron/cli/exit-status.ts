// Maps the end state of a command's jobs to one exit code (README, `courier --help`).
import type { AppError } from '../shared/app-error.js';
import type { ErrorCode } from '../shared/error-codes.js';
import type { PackageState } from '../shared/package-verdict.js';
import type { ItemSnapshot, JobSnapshot } from '../shared/snapshots.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { cliRemedy } from './remedies.js';

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
/** The command named something that cannot be used: a folder that is no package, a wrong key file. */
const USAGE: ReadonlySet<ErrorCode> = new Set([
  'CLIENT.invalidRequest',
  'CLIENT.notAPackage',
  'CLIENT.badKey',
  'CLIENT.unknownJob',
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
  if (code === 'CLIENT.locked') return EXIT.inUse;
  if (NETWORK.has(code)) return EXIT.network;
  if (PARTIAL.has(code)) return EXIT.partial;
  if (USAGE.has(code)) return EXIT.usage;
  // DELIVERY.*, APP.unknown, CLIENT.auth: the server refused.
  return EXIT.server;
}

/**
 * The class of one reason nothing was staged. "Partial" (1) means something was staged, so it is
 * never the answer here: a refusal a command-line option lifts is a usage error (the remedy names
 * the option), any other refusal is the server's doing.
 */
export function exitCodeForRefusal(error: AppError): ExitCode {
  if (cliRemedy(error).optionFixes) return EXIT.usage;
  const code = exitCodeForError(error.code);
  return code === EXIT.partial ? EXIT.server : code;
}

const RANK: readonly ExitCode[] = [
  EXIT.verificationFailed,
  EXIT.disk,
  EXIT.inUse,
  EXIT.network,
  EXIT.server,
  EXIT.usage,
  EXIT.notStaged,
  EXIT.partial,
  EXIT.ok,
];

/** The worst of several outcomes: a failure outranks a partial package, which outranks success. */
function worst(codes: readonly ExitCode[]): ExitCode {
  return RANK.find((code) => codes.includes(code)) ?? EXIT.ok;
}

const isStaged = (item: ItemSnapshot) => item.outcome === 'verified' || item.outcome === 'unverified';

function exitCodeForFailedJob(job: JobSnapshot): ExitCode {
  if (job.items.some(isStaged)) return job.error ? exitCodeForError(job.error.code) : EXIT.partial;
  // The job's own error sums up its items' (the first item's code and a count) when they have any.
  const itemErrors = job.items.flatMap((item) =>
    item.error && item.outcome !== 'notDownloadable' ? [item.error] : [],
  );
  const reasons = itemErrors.length > 0 ? itemErrors : job.error ? [job.error] : [];
  return reasons.length > 0 ? worst(reasons.map(exitCodeForRefusal)) : EXIT.server;
}

export function exitCodeForJobs(jobs: readonly JobSnapshot[]): ExitCode {
  return worst(
    jobs.map((job): ExitCode => {
      if (job.phase === 'failed') return exitCodeForFailedJob(job);
      // A job that paused itself says why (a full disk, F1): that is its class.
      if (job.phase !== 'staged') return job.error ? exitCodeForRefusal(job.error) : EXIT.partial;
      return job.verified && job.items.every((i) => i.outcome !== 'notDownloadable') ? EXIT.ok : EXIT.partial;
    }),
  );
}
