// Decides what the checks on one file's bytes mean (§0.1 in docs/HAZARDS.md), for every way a file is
// staged (download, reuse, copy from another package): a hash from the server catches corruption,
// only a signature under a pinned key authenticates. With a key pinned, a software artifact must be
// signed: a stripped signature is refused whatever the hash says. A file nothing can vouch for is
// refused unless the user allows unverified artifacts, and is then labelled as such.
import { appError, type AppError } from '../../shared/app-error.js';
import type { ArtifactType } from '../../shared/getapp-protocol.js';
import type { ArtifactOutcome, HashCheck, SignatureCheck } from '../../shared/manifest.js';
import { digestHex, digestsEqual, type ExpectedHash } from './hash-format.js';

/** GetApp publishes no signatures for maps (protocol §4): their hash or sidecar is their check. */
function needsSignature(artifactType: ArtifactType, publicKeyConfigured: boolean): boolean {
  return publicKeyConfigured && artifactType !== 'map';
}

export interface CheckInputs {
  readonly itemKey: string;
  readonly artifactType: ArtifactType;
  readonly expectedHash: ExpectedHash | null;
  readonly actualDigest: Uint8Array;
  readonly signature: string | null;
  readonly publicKeyConfigured: boolean;
  /** The result of checking `signature` over the file bytes; undefined when not checked. */
  readonly signatureValid: boolean | undefined;
  readonly allowUnverified: boolean;
  /**
   * For a map sidecar: the digest its JSON claims for the package, and the package's verified digest.
   * When they agree, the sidecar is bound to a verified package and counts as verified.
   */
  readonly binding?: { readonly claimed: Uint8Array | null; readonly packageDigest: Uint8Array | null };
}

export interface Verdict {
  readonly hashCheck: HashCheck;
  readonly signatureCheck: SignatureCheck;
  /** verified or unverified may take a final name; failed may not. */
  readonly outcome: Extract<ArtifactOutcome, 'verified' | 'unverified' | 'failed'>;
  readonly error: AppError | null;
  /** True when the file is verified only through the package it describes (a map sidecar). */
  readonly bound: boolean;
}

export function judge(inputs: CheckInputs): Verdict {
  const { itemKey, expectedHash, actualDigest } = inputs;
  const hashCheck: HashCheck = !expectedHash
    ? 'none'
    : digestsEqual(expectedHash.digest, actualDigest)
      ? 'verified'
      : 'mismatch';
  const signatureCheck: SignatureCheck = !inputs.signature
    ? 'absent'
    : !inputs.publicKeyConfigured
      ? 'noKey'
      : inputs.signatureValid
        ? 'verified'
        : 'invalid';

  const bound = Boolean(
    inputs.binding?.claimed &&
    inputs.binding.packageDigest &&
    digestsEqual(inputs.binding.claimed, inputs.binding.packageDigest),
  );
  const verdict = (
    outcome: Verdict['outcome'],
    error: Omit<AppError, 'itemKey'> | null = null,
    isBound = false,
  ): Verdict => ({
    hashCheck,
    signatureCheck,
    outcome,
    bound: isBound,
    error: error ? appError({ ...error, itemKey }) : null,
  });

  if (hashCheck === 'mismatch') {
    const expected = digestHex(expectedHash!.digest);
    const actual = digestHex(actualDigest);
    return verdict('failed', {
      code: 'CLIENT.hashMismatch',
      message: `${itemKey}: the downloaded bytes do not match the server's SHA-256 (expected ${expected}, got ${actual}).`,
      retryable: true,
      detail: { expected, actual },
    });
  }
  if (signatureCheck === 'invalid') {
    return verdict('failed', {
      code: 'CLIENT.signatureInvalid',
      message: `${itemKey}: the signature does not match the file under the configured public key; the file may have been altered.`,
      retryable: false,
    });
  }
  if (signatureCheck === 'absent' && needsSignature(inputs.artifactType, inputs.publicKeyConfigured)) {
    if (inputs.allowUnverified) return verdict('unverified');
    return verdict('failed', signatureMissing(itemKey, 'It was not staged.'));
  }
  if (hashCheck === 'verified' || signatureCheck === 'verified') return verdict('verified');
  if (bound) return verdict('verified', null, true);
  if (inputs.allowUnverified) return verdict('unverified');
  return verdict(
    'failed',
    nothingVouches(itemKey, signatureCheck === 'noKey', 'It was kept aside, not staged.'),
  );
}

/** What a check needs to know before any byte exists: who vouches for the file, and the user's choice. */
export type UpFrontInputs = Pick<
  CheckInputs,
  'itemKey' | 'artifactType' | 'signature' | 'publicKeyConfigured' | 'allowUnverified'
> & { readonly hasExpectedHash: boolean };

/**
 * The refusal judge() would give whatever the bytes turn out to be, or null: a file nothing could
 * vouch for (no hash, and no signature or no key to check it), or an unsigned file under a pinned
 * key. Known from the delivery and the settings alone, so the file is refused without downloading
 * it. Maps are never refused here: their sidecar may still vouch for them (and they for it).
 */
export function refusalBeforeDownload(inputs: UpFrontInputs): AppError | null {
  const { itemKey, artifactType, signature, publicKeyConfigured } = inputs;
  if (inputs.allowUnverified || artifactType === 'map') return null;
  const notFetched = 'It was not downloaded.';
  if (!signature && needsSignature(artifactType, publicKeyConfigured))
    return appError({ ...signatureMissing(itemKey, notFetched), itemKey });
  if (inputs.hasExpectedHash || (signature && publicKeyConfigured)) return null;
  return appError({ ...nothingVouches(itemKey, Boolean(signature), notFetched), itemKey });
}

function signatureMissing(itemKey: string, outcome: string): Omit<AppError, 'itemKey'> {
  return {
    code: 'CLIENT.signatureMissing',
    message: `${itemKey}: a signing key is set, but the server sent no signature for this file, so nothing proves who published it (its hash alone cannot). ${outcome}`,
    retryable: false,
  };
}

/** CLIENT.unverified; detail.reason says which evidence is missing (the remedies differ). */
function nothingVouches(
  itemKey: string,
  signedWithoutKey: boolean,
  outcome: string,
): Omit<AppError, 'itemKey'> {
  const why = signedWithoutKey
    ? 'it is signed, but no public key is configured to check the signature'
    : 'the server sent neither a hash nor a signature for it';
  return {
    code: 'CLIENT.unverified',
    message: `${itemKey}: nothing can vouch for this file (${why}). ${outcome}`,
    retryable: false,
    detail: { reason: signedWithoutKey ? 'noKey' : 'noChecks' },
  };
}
