// Every error code Courier can show: the GetApp server's codes verbatim, and Courier's own CLIENT.*
// codes. The user-facing text table is keyed by ErrorCode, so adding a code here forces a remedy.

/** Codes the GetApp server sends in ErrorDto.errorCode (protocol reference §1.5). */
export const SERVER_ERROR_CODES = [
  'DELIVERY.notFound',
  'DELIVERY.downloadNotAvailable',
  'DELIVERY.invalid',
  'DELIVERY.download',
  'DELIVERY.notVerified',
  'DELIVERY.unableClearCache',
  'DELIVERY.notExist',
  'DELIVERY.unknown',
  'DELIVERY.packageTooLarge',
  'APP.unknown',
] as const;

/** Failures detected by Courier itself, created at the edges (HTTP client, file system, verifier). */
export const CLIENT_ERROR_CODES = [
  'CLIENT.network',
  'CLIENT.timeout',
  'CLIENT.stalled',
  'CLIENT.auth',
  'CLIENT.badResponse',
  'CLIENT.serverError',
  'CLIENT.hashMismatch',
  'CLIENT.hashFormat',
  'CLIENT.sizeMismatch',
  'CLIENT.signatureInvalid',
  /** A publisher key is pinned, but a software artifact came without a signature (stripped?). */
  'CLIENT.signatureMissing',
  'CLIENT.unverified',
  'CLIENT.diskFull',
  'CLIENT.fileSystem',
  'CLIENT.targetRemoved',
  'CLIENT.unsafeName',
  'CLIENT.urlRejected',
  'CLIENT.urlExpired',
  'CLIENT.notDownloadable',
  'CLIENT.cancelled',
  /** A request that is not valid as given: a value out of range, an unknown action, a foreign sender. */
  'CLIENT.invalidRequest',
  /** A folder given as a package holds no manifest.json (the drive or a parent folder was picked?). */
  'CLIENT.notAPackage',
  /** A signing key, CA bundle, client certificate or key file that cannot be used (wrong kind or not PEM). */
  'CLIENT.badKey',
  /** A job id that is not (or no longer) in the list: removed, or from an earlier session. */
  'CLIENT.unknownJob',
  'CLIENT.locked',
  /** A fault in Courier itself (a bug, a broken internal rule), never the server's or the user's. */
  'CLIENT.internal',
] as const;

export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];
export type ErrorCode = ServerErrorCode | ClientErrorCode;

const serverCodes: ReadonlySet<string> = new Set(SERVER_ERROR_CODES);

/** A server code passes through verbatim; an unknown one becomes APP.unknown, as the server does. */
export function toServerErrorCode(code: unknown): ServerErrorCode {
  return typeof code === 'string' && serverCodes.has(code) ? (code as ServerErrorCode) : 'APP.unknown';
}
