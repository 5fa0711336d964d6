// Credentials for the API (§1.2-1.3, A1, A2, A4): in-memory tokens, proactive refresh, the 401 ladder,
// API origin only; tokens never in messages or logs.
import { appError } from '../../shared/app-error.js';
import { fail, ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import type { Clock } from '../clock.js';
import { drain } from '../http/read-body.js';
import type { HttpResponse, HttpTransport } from '../http/transport.js';
import { cancelledError } from '../http/transport-errors.js';
import { mayCarryToken } from '../url-policy.js';
import type { Log } from '../../shared/log.js';
import { REFRESH_MARGIN_MS, authError, createTokenRequests } from './token-requests.js';
import type { AuthMode, Tokens } from './token-requests.js';

export type { AuthMode } from './token-requests.js';

export type AuthHeaders = Readonly<Record<string, string>>;

export interface AuthSession {
  readonly apiOrigin: string;
  /** Credentials for a request to `url`; refused for any origin but the API's (A4, U3). */
  headersFor(url: URL, signal?: AbortSignal): Promise<Result<AuthHeaders>>;
  /** Sends with credentials; on 401 refreshes once, then logs in once, then fails CLIENT.auth (A2). */
  send(
    url: URL,
    signal: AbortSignal | undefined,
    exchange: (headers: AuthHeaders) => Promise<Result<HttpResponse>>,
  ): Promise<Result<HttpResponse>>;
  /** Forgets the tokens (sign out). */
  clear(): void;
}

export interface AuthSessionOptions {
  /** The API base from normalizeApiUrl (ends in `/api/`). */
  readonly apiBase: URL;
  readonly mode: AuthMode;
  readonly transport: HttpTransport;
  readonly clock: Clock;
  readonly log: Log;
}

function untilAborted<T>(promise: Promise<Result<T>>, signal: AbortSignal | undefined): Promise<Result<T>> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.resolve(fail(cancelledError('the server')));
  return new Promise((resolve) => {
    const onAbort = () => resolve(fail(cancelledError('the server')));
    signal.addEventListener('abort', onAbort, { once: true });
    void promise.then((result) => {
      signal.removeEventListener('abort', onAbort);
      resolve(result);
    });
  });
}

export function createAuthSession(options: AuthSessionOptions): AuthSession {
  const { apiBase, mode, transport, clock, log } = options;
  const apiOrigin = apiBase.origin;
  let tokens: Tokens | undefined;
  let renewing: Promise<Result<Tokens>> | undefined;

  const requests = createTokenRequests({ apiBase, mode, transport, clock, log });
  // Every new token set replaces the held one, whichever call asked for it.
  const keep = async (asked: Promise<Result<Tokens>>): Promise<Result<Tokens>> => {
    const got = await asked;
    if (got.ok) tokens = got.value;
    return got;
  };
  const login = () => keep(requests.login());
  const refresh = (current: Tokens) => keep(requests.refresh(current));

  async function refreshOrLogin(current: Tokens): Promise<Result<Tokens>> {
    const refreshed = await refresh(current);
    return !refreshed.ok && refreshed.error.code === 'CLIENT.auth' ? login() : refreshed;
  }

  /**
   * One renewal at a time: concurrent calls share it instead of each signing in. It runs without
   * any caller's signal (one caller's cancel must not fail the others); each caller stops waiting
   * on its own signal, and transport deadlines bound the renewal itself.
   */
  function renew(
    how: () => Promise<Result<Tokens>>,
    signal: AbortSignal | undefined,
  ): Promise<Result<Tokens>> {
    renewing ??= how().finally(() => (renewing = undefined));
    return untilAborted(renewing, signal);
  }

  async function currentTokens(signal?: AbortSignal): Promise<Result<Tokens>> {
    if (renewing) return untilAborted(renewing, signal);
    const held = tokens;
    if (!held) return renew(login, signal);
    if (clock.now() < held.refreshAt) return ok(held);
    const renewed = await renew(() => refreshOrLogin(held), signal);
    // The old token may still have up to a minute left: a network blip is no reason to fail now.
    if (!renewed.ok && renewed.error.retryable && clock.now() < held.refreshAt + REFRESH_MARGIN_MS)
      return ok(held);
    return renewed;
  }

  const bearer = (t: Tokens): AuthHeaders => ({ authorization: `Bearer ${t.access}` });

  async function headersFor(url: URL, signal?: AbortSignal): Promise<Result<AuthHeaders>> {
    if (!mayCarryToken(url, apiOrigin)) {
      return fail(
        appError({
          code: 'CLIENT.urlRejected',
          message: 'Credentials are only ever sent to the API server.',
          retryable: false,
        }),
      );
    }
    if (mode.kind === 'deviceSecret') return ok({ 'device-auth': mode.secret });
    if (mode.kind === 'clientCertificate') return ok({ auth_type: 'CC' });
    const held = await currentTokens(signal);
    return held.ok ? ok(bearer(held.value)) : held;
  }

  async function send(
    url: URL,
    signal: AbortSignal | undefined,
    exchange: (headers: AuthHeaders) => Promise<Result<HttpResponse>>,
  ): Promise<Result<HttpResponse>> {
    const first = await headersFor(url, signal);
    if (!first.ok) return first;
    let answer = await exchange(first.value);
    if (!answer.ok || answer.value.status !== 401) return answer;
    await drain(answer.value);
    if (mode.kind === 'deviceSecret') return fail(authError('The server refused the device secret.', 401));
    if (mode.kind === 'clientCertificate') {
      return fail(
        authError(
          'The server did not accept the client certificate (HTTP 401). Check that it is the right one and that the server trusts its issuer.',
          401,
        ),
      );
    }

    // Step 1: refresh once, unless another call already replaced the token this request used.
    const held = tokens;
    let renewed: Result<Tokens>;
    if (held && bearer(held).authorization !== first.value.authorization) renewed = ok(held);
    else if (held) renewed = await renew(() => refresh(held), signal);
    else renewed = fail(authError('Not signed in.'));
    if (renewed.ok) {
      answer = await exchange(bearer(renewed.value));
      if (!answer.ok || answer.value.status !== 401) return answer;
      await drain(answer.value);
    } else if (renewed.error.code !== 'CLIENT.auth') {
      return renewed;
    }
    // Step 2: a full sign-in, once. Its own refusal is final (A1).
    renewed = await renew(login, signal);
    if (!renewed.ok) return renewed;
    answer = await exchange(bearer(renewed.value));
    if (!answer.ok || answer.value.status !== 401) return answer;
    await drain(answer.value);
    tokens = undefined;
    log('warn', 'The server refused a fresh sign-in for this request');
    return fail(
      authError(
        'The server keeps refusing the sign-in (HTTP 401). Check the account and its permissions.',
        401,
      ),
    );
  }

  return {
    apiOrigin,
    headersFor,
    send,
    clear: () => {
      tokens = undefined;
    },
  };
}
