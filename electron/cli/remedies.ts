// What to do about an error, said for the command line. The shared table (error-meanings.ts) words
// its remedies for the desktop, which has settings; here, where an option of the command is the fix,
// the remedy names that exact option (with its value when Courier knows it). Every other code keeps
// the shared remedy.
import type { AppError } from '../shared/app-error.js';
import type { ErrorCode } from '../shared/error-codes.js';
import { ERROR_TEXT } from '../shared/error-meanings.js';

/** The options a remedy may name: a typo here is a type error, not a wrong hint. */
type Flag =
  | 'allow-http'
  | 'storage-origin'
  | 'public-key'
  | 'allow-unverified'
  | 'accept-unverified'
  | 'ca'
  | 'cert'
  | 'key'
  | 'server'
  | 'username'
  | 'password-stdin'
  | 'device-secret-env'
  | 'out'
  | 'stall-timeout';

const flag = (name: Flag, value?: string) => (value === undefined ? `--${name}` : `--${name} ${value}`);

export interface CliRemedy {
  readonly text: string;
  /**
   * True when Courier refused by its own policy and an option of the command changes that decision
   * (allow http, another storage origin, a public key, unverified files): the command line, not the
   * server or the network, is what needs changing.
   */
  readonly optionFixes: boolean;
}

type RemedyFor = (error: AppError) => CliRemedy | undefined;

const say = (text: string, optionFixes = false): CliRemedy => ({ text, optionFixes });
const detailText = (error: AppError, key: string): string | undefined => {
  const value = error.detail?.[key];
  return typeof value === 'string' ? value : undefined;
};

/** urlRejected: `http` and `origin` are the command's choice; any other cause is the server's. */
const urlRemedy: RemedyFor = (error) => {
  const cause = detailText(error, 'cause');
  const origin = detailText(error, 'origin');
  if (cause === 'http') {
    const options = [flag('allow-http')];
    if (error.detail?.originAllowed === false && origin) options.push(flag('storage-origin', origin));
    return say(
      `If that server is yours (plain http is for lab servers), run the command again with ${options.join(' ')}.`,
      true,
    );
  }
  if (cause === 'origin' && origin)
    return say(
      `If that server is yours, run the command again with ${flag('storage-origin', origin)}.`,
      true,
    );
  return say(
    'The server sent an address Courier never follows. Report the catalog id to the GetApp administrator.',
  );
};

/** unverified: a key to check the signatures, or the choice to stage files nothing vouches for. */
const unverifiedRemedy: RemedyFor = (error) => {
  if (detailText(error, 'packageState') !== undefined)
    return say(
      `To copy it anyway, labelled as it is, run courier export again with ${flag('accept-unverified')}.`,
    );
  const reason = detailText(error, 'reason');
  if (reason === 'noKey')
    return say(
      `Give the publisher's signing key: ${flag('public-key', 'FILE')} (cosign.pub). Only if your policy permits, ${flag('allow-unverified')} stages such files labelled UNVERIFIED instead.`,
      true,
    );
  if (reason === 'noChecks')
    return say(
      `The server publishes neither a hash nor a signature for them. Only if your policy permits, ${flag('allow-unverified')} stages them labelled UNVERIFIED.`,
      true,
    );
  return undefined;
};

const REMEDIES: Partial<Record<ErrorCode, RemedyFor>> = {
  'CLIENT.urlRejected': urlRemedy,
  'CLIENT.unverified': unverifiedRemedy,
  'CLIENT.signatureMissing': () =>
    say(
      `Do not install it: with ${flag('public-key')} set, every release file must be signed. Ask the server operator why the signature is missing.`,
    ),
  'CLIENT.signatureInvalid': () =>
    say(
      `Do not install it. Check that ${flag('public-key')} is the publisher's cosign.pub; if it is, report the file.`,
    ),
  'CLIENT.auth': () =>
    say(
      `Check ${flag('username')} and its password (COURIER_PASSWORD, ${flag('password-stdin')} or the prompt), or the variable named by ${flag('device-secret-env')}.`,
    ),
  'CLIENT.network': (error) => {
    if (detailText(error, 'cause') === 'certificate')
      return say(
        `If the server uses a private certificate authority, give its CA bundle with ${flag('ca', 'FILE')}.`,
      );
    if (detailText(error, 'tls') !== undefined)
      return say(
        `Check ${flag('server')} (https or http) and the TLS options ${flag('ca')}, ${flag('cert')} and ${flag('key')}.`,
      );
    return say(
      `Check the network link and the ${flag('server')} address. Run the same command again: it resumes where it stopped.`,
    );
  },
  'CLIENT.badResponse': () =>
    say(`A proxy or login page may be in the way. Check the ${flag('server')} address, then try again.`),
  'CLIENT.stalled': () =>
    say(
      `The link dropped or became too slow. Run the same command again: it resumes where it stopped (${flag('stall-timeout', 'S')} waits longer on a slow link).`,
    ),
  'CLIENT.fileSystem': () =>
    say(
      `Check that the folder is writable and not read-only (for fetch, ${flag('out', 'DIR')} chooses another), then run the command again.`,
    ),
  'CLIENT.diskFull': () =>
    say(
      'Free space on the destination (the amounts are shown), then run the same command again; nothing is lost.',
    ),
  'CLIENT.cancelled': () => say('Run the same command again: downloads continue where they stopped.'),
  'CLIENT.invalidRequest': () => say('Check the command line: courier <command> --help lists what it takes.'),
  'DELIVERY.notFound': () =>
    say(
      `Check the catalog id (copy it from the offering list). It may belong to another server than ${flag('server')}.`,
    ),
};

/** The remedy to print on the command line for this error. */
export function cliRemedy(error: AppError): CliRemedy {
  return REMEDIES[error.code]?.(error) ?? say(ERROR_TEXT[error.code].remedy);
}

/** The table's title and the command line's remedy, as one line. */
export function explainForCli(error: AppError): string {
  return `${ERROR_TEXT[error.code].title}. ${cliRemedy(error).text}`;
}
