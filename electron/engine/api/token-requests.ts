// POST /login and /login/refresh (protocol §1.3, F1, F2), answers validated into token sets; stateless,
// tokens never in messages or logs.
import { appError } from '../../shared/app-error.js';
import type { AppError } from '../../shared/app-error.js';
import { TokensDtoSchema } from '../../shared/getapp-schemas.js';
import { fail, ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import type { Clock } from '../clock.js';
import { drain, readJson } from '../http/read-body.js';
import type { HttpResponse, HttpTransport } from '../http/transport.js';
import { errorBodyFields, errorFromResponse } from './api-errors.js';
import type { Log } from '../../shared/log.js';
import { endpoint } from './api-url.js';

export type AuthMode =
  | { readonly kind: 'password'; readonly username: string; readonly password: () => Promise<string> }
  | { readonly kind: 'deviceSecret'; readonly secret: string }
  /**
   * mTLS (protocol §1.2): the TLS client certificate authenticates, and `auth_type: CC` tells the
   * gateway to accept it instead of a token. The certificate and key travel in the transport's TLS.
   */
  | { readonly kind: 'clientCertificate' };

/** Refresh this long before the server's expireAt (protocol §1.3 recommendation). */
export const REFRESH_MARGIN_MS = 60_000;

export interface Tokens {
  readonly access: string;
  readonly refresh: string;
  /** Local clock time from which the next call refreshes first. */
  readonly refreshAt: number;
  readonly refreshUntil: number;
}

export interface TokenRequests {
  /** A refusal is CLIENT.auth and final (A1): nobody loops on the same credentials. */
  login(): Promise<Result<Tokens>>;
  /** A refusal (expired, unknown token) is CLIENT.auth: the caller signs in instead. */
  refresh(current: Tokens): Promise<Result<Tokens>>;
}

export function authError(message: string, httpStatus?: number): AppError {
  return appError({ code: 'CLIENT.auth', message, retryable: false, ...(httpStatus ? { httpStatus } : {}) });
}

export function createTokenRequests(options: {
  readonly apiBase: URL;
  readonly mode: AuthMode;
  readonly transport: HttpTransport;
  readonly clock: Clock;
  readonly log: Log;
}): TokenRequests {
  const { apiBase, mode, transport, clock, log } = options;

  function accept(value: unknown): Result<Tokens> {
    const parsed = TokensDtoSchema.safeParse(value);
    // The zod message is not used: it could quote a token-bearing field.
    if (!parsed.success) {
      return fail(
        appError({
          code: 'CLIENT.badResponse',
          message: 'The sign-in answer is not a valid token set.',
          retryable: false,
        }),
      );
    }
    const now = clock.now();
    const expireAt = Date.parse(parsed.data.expireAt);
    let refreshAt = expireAt - REFRESH_MARGIN_MS;
    // A token that looks due on arrival means the clocks disagree: use it for one margin and let the
    // 401 ladder handle real expiry, rather than refreshing before every call.
    if (refreshAt <= now) refreshAt = now + REFRESH_MARGIN_MS;
    const next = {
      access: parsed.data.accessToken,
      refresh: parsed.data.refreshToken,
      refreshAt,
      refreshUntil: Date.parse(parsed.data.refreshExpireAt),
    };
    return ok(next);
  }

  async function post(path: string, body: unknown): Promise<Result<HttpResponse>> {
    return transport.request({
      method: 'POST',
      url: endpoint(apiBase, path),
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: Buffer.from(JSON.stringify(body)),
    });
  }

  /** POST /login. */
  async function login(): Promise<Result<Tokens>> {
    if (mode.kind !== 'password') return fail(authError('No user name and password are configured.'));
    let password: string;
    try {
      password = await mode.password();
    } catch {
      return fail(authError('No password was given.'));
    }
    const sent = await post('login', { username: mode.username, password });
    if (!sent.ok) return sent;
    const res = sent.value;
    if (res.status === 201 || res.status === 200) {
      const read = await readJson(res);
      if (!read.ok) return read;
      log('info', 'Signed in to the server', { user: mode.username });
      return accept(read.value);
    }
    if (res.status >= 400 && res.status < 500 && res.status !== 429) {
      const read = await readJson(res, { capBytes: 64 * 1024 });
      const fields = read.ok ? errorBodyFields(read.value) : {};
      const why = fields.description ?? fields.message ?? `HTTP ${res.status}`;
      log('warn', 'Sign-in refused', { httpStatus: res.status });
      return fail(authError(`The server refused the sign-in: ${why}.`, res.status));
    }
    return fail(await errorFromResponse(res, clock.now()));
  }

  /** POST /login/refresh. */
  async function refresh(current: Tokens): Promise<Result<Tokens>> {
    if (clock.now() >= current.refreshUntil) return fail(authError('The session has expired.'));
    const sent = await post('login/refresh', { refreshToken: current.refresh });
    if (!sent.ok) return sent;
    const res = sent.value;
    if (res.status === 201 || res.status === 200) {
      const read = await readJson(res);
      if (!read.ok) return read;
      log('info', 'Session renewed');
      return accept(read.value);
    }
    if (res.status >= 400 && res.status < 500 && res.status !== 429) {
      await drain(res);
      log('info', 'Session renewal refused', { httpStatus: res.status });
      return fail(authError('The server refused to renew the session.', res.status));
    }
    return fail(await errorFromResponse(res, clock.now()));
  }

  return { login, refresh };
}
