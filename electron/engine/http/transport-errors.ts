// Maps socket, DNS, TLS and deadline failures of one HTTP exchange to AppError: the edge where
// `retryable` is decided (T1, T5). Never sees headers or URL queries.
import { appError } from '../../shared/app-error.js';
import type { AppError } from '../../shared/app-error.js';

/** Why the transport itself gave up on an exchange. */
export type DeadlinePhase = 'connect' | 'headers';

/** Thrown into a request by our own deadline timers, so the error handler can tell them apart. */
export class DeadlineError extends Error {
  constructor(readonly phase: DeadlinePhase) {
    super(`${phase} deadline passed`);
    this.name = 'DeadlineError';
  }
}

// Certificate problems: a private PKI needs the CA bundle option, and retrying cannot help.
const CERT_CODES: ReadonlySet<string> = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REVOKED',
  'INVALID_CA',
  'INVALID_PURPOSE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Set by the transport's DNS hook when a name resolves to a never-server address (U2). */
export const BLOCKED_ADDRESS = 'EBLOCKEDADDRESS';

const RESET_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE']);

const NETWORK_REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed while sending',
  ENOTFOUND: 'the server name could not be resolved',
  EAI_AGAIN: 'the server name could not be resolved (DNS is not answering)',
  EHOSTUNREACH: 'the server cannot be reached',
  ENETUNREACH: 'the network is unreachable',
  ENETDOWN: 'the network is down',
  ECONNABORTED: 'the connection was aborted',
  ETIMEDOUT: 'the connection timed out',
};

export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** ECONNRESET / EPIPE: what a keep-alive socket the server already closed produces (T10). */
export function isResetError(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && RESET_CODES.has(code);
}

export function cancelledError(origin: string): AppError {
  return appError({
    code: 'CLIENT.cancelled',
    message: `The request to ${origin} was cancelled.`,
    retryable: false,
  });
}

/**
 * One AppError for a failed exchange with `origin` (scheme, host and port only: a presigned query
 * string is a credential and never goes into a message).
 */
export function transportError(error: unknown, origin: string): AppError {
  if (error instanceof DeadlineError) {
    const what = error.phase === 'connect' ? 'connecting' : 'waiting for the response headers';
    return appError({
      code: 'CLIENT.timeout',
      message: `${origin} did not answer in time (${what}).`,
      retryable: true,
      detail: { phase: error.phase },
    });
  }
  if ((error as { name?: unknown } | null)?.name === 'AbortError') return cancelledError(origin);
  const code = errorCode(error) ?? 'UNKNOWN';
  if (code === BLOCKED_ADDRESS) {
    return appError({
      code: 'CLIENT.urlRejected',
      message: `The name of ${origin} resolves to a link-local, multicast or unspecified address.`,
      retryable: false,
    });
  }
  if (CERT_CODES.has(code)) {
    return appError({
      code: 'CLIENT.network',
      message:
        `The certificate of ${origin} was not accepted (${code}). If the server uses a private ` +
        'certificate authority, add its CA bundle in the connection settings.',
      retryable: false,
      // The cause tells the faces to name their CA setting (the CLI: --ca).
      detail: { tls: code, cause: 'certificate' },
    });
  }
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code === 'EPROTO') {
    return appError({
      code: 'CLIENT.network',
      message: `A secure connection to ${origin} could not be set up (${code}). Check the address (https vs http) and the TLS settings.`,
      retryable: false,
      detail: { tls: code },
    });
  }
  if (code.startsWith('HPE_')) {
    // A malformed status line or headers: usually a middlebox or a non-HTTP service on that port.
    return appError({
      code: 'CLIENT.badResponse',
      message: `${origin} sent a malformed HTTP response (${code}).`,
      retryable: true,
      detail: { socket: code },
    });
  }
  const reason = NETWORK_REASONS[code] ?? 'the connection failed';
  return appError({
    code: 'CLIENT.network',
    message: `Could not reach ${origin}: ${reason}.`,
    retryable: true,
    detail: { socket: code },
  });
}
