// What every error code means to a technician and what to do about it: one exhaustive table, so a
// new code cannot ship without its explanation. Used by the CLI and the desktop UI alike.
import type { ErrorCode } from './error-codes.js';

export interface ErrorText {
  /** Short, plain statement of what happened. */
  readonly title: string;
  /** What the technician can do next. */
  readonly remedy: string;
}

export const ERROR_TEXT: Readonly<Record<ErrorCode, ErrorText>> = {
  'DELIVERY.notFound': {
    title: 'The server does not know this delivery',
    remedy: 'Check the catalog id (copy it from the offering list). It may belong to another server.',
  },
  'DELIVERY.downloadNotAvailable': {
    title: 'This release is not released for delivery yet',
    remedy: 'Ask the release manager to release it, or pick a released version.',
  },
  'DELIVERY.invalid': {
    title: 'The server could not find one of the package files',
    remedy: 'The package is incomplete on the server. Report the catalog id to the GetApp administrator.',
  },
  'DELIVERY.download': {
    title: 'The server failed to copy the package into its cache',
    remedy:
      'Courier already asked once more. Try again later; if it persists, tell the GetApp administrator.',
  },
  'DELIVERY.notVerified': {
    title: "The server's own checksum check of the package failed",
    remedy: 'The copy on the server is damaged. Try again later; report it if it persists.',
  },
  'DELIVERY.unableClearCache': {
    title: 'The server has no room left in its cache',
    remedy: 'Ask the GetApp administrator to free cache space, then try again.',
  },
  'DELIVERY.notExist': {
    title: 'The prepared copy disappeared from the server',
    remedy: 'Start the delivery again; the server will prepare it anew.',
  },
  'DELIVERY.unknown': {
    title: 'The server reported an unexpected delivery error',
    remedy: 'Try again. If it repeats, report the catalog id and the time to the GetApp administrator.',
  },
  'DELIVERY.packageTooLarge': {
    title: 'The package is larger than the server allows',
    remedy: 'Ask the GetApp administrator about the size limit.',
  },
  'APP.unknown': {
    title: 'The server reported an error Courier does not know',
    remedy: 'Try again; if it repeats, report the message shown to the GetApp administrator.',
  },
  'CLIENT.network': {
    title: 'The server could not be reached',
    remedy: 'Check the network link and the server address. Courier resumes where it stopped.',
  },
  'CLIENT.timeout': {
    title: 'The server took too long to answer',
    remedy: 'The link may be slow or the server busy. Try again; nothing downloaded is lost.',
  },
  'CLIENT.stalled': {
    title: 'The download stopped moving',
    remedy: 'The link dropped or became too slow. Try again; the download resumes where it stopped.',
  },
  'CLIENT.auth': {
    title: 'Sign-in failed',
    remedy: 'Check the user name and password (or the device secret) and sign in again.',
  },
  'CLIENT.badResponse': {
    title: 'The server sent something Courier cannot use',
    remedy: 'A proxy or login page may be in the way. Check the server address, then try again.',
  },
  'CLIENT.serverError': {
    title: 'The server had an internal error',
    remedy: 'Try again in a few minutes. If it persists, tell the GetApp administrator.',
  },
  'CLIENT.hashMismatch': {
    title: 'A file does not match its published checksum',
    remedy:
      'The file was damaged or altered on the way and was not kept. Try again; report it if it repeats.',
  },
  'CLIENT.hashFormat': {
    title: 'The server published a malformed checksum',
    remedy:
      'The file cannot be checked, so it was not kept. Report the catalog id to the GetApp administrator.',
  },
  'CLIENT.sizeMismatch': {
    title: 'A file has a different size than the server declared',
    remedy: 'The transfer was cut or altered and was not kept. Try again.',
  },
  'CLIENT.signatureInvalid': {
    title: 'A file signature is not valid',
    remedy: 'Do not install it. Check that the right public key is configured, then report the file.',
  },
  'CLIENT.signatureMissing': {
    title: 'A file came without its publisher signature',
    remedy:
      'Do not install it: with a signing key set, every release file must be signed. Ask the server operator why the signature is missing.',
  },
  'CLIENT.unverified': {
    title: 'Nothing can vouch for a file',
    remedy:
      'Configure the signing public key (cosign.pub), or allow unverified files if your policy permits.',
  },
  'CLIENT.diskFull': {
    title: 'There is not enough free space',
    remedy: 'Free space on the destination (the amounts are shown), then resume; nothing is lost.',
  },
  'CLIENT.fileSystem': {
    title: 'The destination folder cannot be written',
    remedy: 'Check that the drive is writable and not read-only, then try again.',
  },
  'CLIENT.targetRemoved': {
    title: 'The destination disappeared',
    remedy: 'Reconnect the drive and resume. Nothing was written anywhere else.',
  },
  'CLIENT.unsafeName': {
    title: 'A file name from the server is unsafe',
    remedy:
      'That file was refused and nothing was written for it. Report the catalog id to the GetApp administrator.',
  },
  'CLIENT.urlRejected': {
    title: 'A download address is not allowed',
    remedy:
      'It points outside the configured servers, or uses plain http. If that server is yours, add it to the extra storage servers in Settings (and allow http:// downloads for a lab server).',
  },
  'CLIENT.urlExpired': {
    title: 'A download link expired',
    remedy: 'Try again: Courier asks the server for fresh links and keeps what it already has.',
  },
  'CLIENT.notDownloadable': {
    title: 'This item is not a file download',
    remedy: 'Container images and system packages are installed from their registry or repository.',
  },
  'CLIENT.cancelled': {
    title: 'Stopped',
    remedy: 'Resume when ready: downloads continue where they stopped.',
  },
  'CLIENT.invalidRequest': {
    title: 'The request was not valid',
    remedy: 'Check the values entered.',
  },
  'CLIENT.notAPackage': {
    title: 'This folder is not a Courier package',
    remedy:
      'Choose the package folder itself: the one that holds manifest.json, not the drive or a folder above it.',
  },
  'CLIENT.badKey': {
    title: 'A key or certificate file cannot be used',
    remedy:
      "Choose the right file: the signing key is the publisher's cosign.pub (ECDSA P-256, PEM); certificates and keys are PEM files.",
  },
  'CLIENT.unknownJob': {
    title: 'This job is not in the list any more',
    remedy: 'It was removed, or it belongs to an earlier session. Start the delivery again.',
  },
  'CLIENT.internal': {
    title: 'Courier ran into an unexpected problem',
    remedy:
      'Try again. If it repeats, restart Courier and report what you were doing; nothing downloaded is lost.',
  },
  'CLIENT.locked': {
    title: 'Another Courier window or process is working on this delivery',
    remedy: 'Wait for it to finish or close it, then try again.',
  },
};
