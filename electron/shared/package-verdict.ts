// The one rule for what a staged package is worth, used by every face: `courier verify` and
// `courier export`, History, "Verify again", "Verify a package", "Copy to drive" and report.html.
// A package is `verified` only when it lists at least one file, the fetch staged every artifact and
// verified each one, and (when the files were checked) every listed file is present, unchanged, and
// nothing unlisted lies beside them. Anything less has a named state and is never shown as success.
// Pure: no node:*, no DOM.
import type { ArtifactOutcome, ManifestArtifact } from './manifest.js';

/**
 * Worst first (the order `packageState` resolves ties in):
 * - changed: a listed file's bytes, size or signature no longer match what was recorded;
 * - missing: a listed file is not there;
 * - failed: the fetch did not stage some artifacts (a check failed, a name or URL was refused);
 * - unlisted: the folder holds files the manifest does not vouch for;
 * - unverified: staged by choice (`--allow-unverified`) with nothing to vouch for some files;
 * - incomplete: some artifacts cannot be fetched by Courier (container images, rpm/deb);
 * - empty: the package lists no file at all;
 * - verified: everything above is clear.
 */
export const PACKAGE_STATES = [
  'changed',
  'missing',
  'failed',
  'unlisted',
  'unverified',
  'incomplete',
  'empty',
  'verified',
] as const;
export type PackageState = (typeof PACKAGE_STATES)[number];

const STATES: ReadonlySet<unknown> = new Set(PACKAGE_STATES);
export const isPackageState = (value: unknown): value is PackageState => STATES.has(value);

/** How each listed file compared with its record when the folder was read back. */
export type FileCheck = 'verified' | 'missing' | 'changed' | 'signatureInvalid';

/** How a listed file was staged: an intact 'unverified' file is still only unverified. */
export type StagedOutcome = Extract<ArtifactOutcome, 'verified' | 'unverified'>;

/** What the rule needs from a manifest (history summaries carry only this much). */
export type RecordedArtifact = Pick<ManifestArtifact, 'file' | 'outcome'>;

/** The state from the manifest alone, before any byte is read (History, report.html). */
export function recordedState(artifacts: readonly RecordedArtifact[]): PackageState {
  const outcomes = new Set(artifacts.map((a) => a.outcome));
  if (outcomes.has('failed') || outcomes.has('rejected')) return 'failed';
  if (outcomes.has('unverified')) return 'unverified';
  if (outcomes.has('notDownloadable')) return 'incomplete';
  return listedFiles(artifacts).length === 0 ? 'empty' : 'verified';
}

/** The state after every listed file was read back (`files`) and the folder listed (`unlisted`). */
export function packageState(
  artifacts: readonly RecordedArtifact[],
  files: readonly { readonly status: FileCheck }[],
  unlisted: readonly string[],
): PackageState {
  if (files.some((f) => f.status === 'changed' || f.status === 'signatureInvalid')) return 'changed';
  if (files.some((f) => f.status === 'missing')) return 'missing';
  const recorded = recordedState(artifacts);
  if (recorded === 'failed') return recorded;
  if (unlisted.length > 0) return 'unlisted';
  return recorded;
}

/** Files the manifest says were staged: the ones a check reads back and SHA256SUMS lists. */
export function listedFiles<T extends RecordedArtifact>(artifacts: readonly T[]): (T & { file: string })[] {
  return artifacts.filter(
    (a): a is T & { file: string } =>
      a.file !== null && (a.outcome === 'verified' || a.outcome === 'unverified'),
  );
}

/** One line a person reads next to the state, in every face. */
export const PACKAGE_STATE_TEXT: Record<PackageState, { readonly label: string; readonly meaning: string }> =
  {
    verified: {
      label: 'Verified',
      meaning: 'Every file was checked against the server’s hash or the publisher’s signature.',
    },
    changed: {
      label: 'Changed',
      meaning: 'Some files no longer match what was staged. Do not install them; fetch or copy again.',
    },
    missing: {
      label: 'Files missing',
      meaning: 'Some files the package lists are not there. Copy the package again from its source.',
    },
    failed: {
      label: 'Failed',
      meaning: 'The delivery did not stage every artifact. Open it to see why, then get it again.',
    },
    unlisted: {
      label: 'Unlisted files',
      meaning: 'The folder holds files the package does not list; nothing vouches for them. Remove them.',
    },
    unverified: {
      label: 'Unverified',
      meaning: 'Staged by choice with files nothing could check (no hash, no signature key).',
    },
    incomplete: {
      label: 'Incomplete',
      meaning:
        'Some artifacts (container images, rpm/deb) cannot be fetched by Courier; get them separately.',
    },
    empty: {
      label: 'Empty',
      meaning: 'The package lists no file. There is nothing to install from it.',
    },
  };
