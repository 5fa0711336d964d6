// Tokens and the auth guard of the demo gateway: login and refresh issue JWT-looking opaque tokens,
// and protected routes accept a bearer token, an `accessToken` cookie or a Device-Auth secret.
// Every expiry decision uses the injected clock.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { TokensDto } from '../shared/getapp-protocol.js';
import type { DemoCredentials } from './options.js';

export interface AuthOptions {
  readonly credentials: DemoCredentials;
  readonly tokenTtlSeconds: number;
  readonly refreshTtlSeconds: number;
  readonly now: () => number;
}

export type AuthVerdict = { ok: true } | { ok: false; message: string };

export type RefreshResult = { ok: true; tokens: TokensDto } | { ok: false; reason: 'expired' | 'unknown' };

interface Issued {
  readonly username: string;
  readonly expiresAt: number;
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

// Compares digests so neither the length nor the content of a secret leaks through timing.
function sameSecret(given: string, wanted: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(wanted));
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

export class TokenAuthority {
  private readonly accessTokens = new Map<string, Issued>();
  private readonly refreshTokens = new Map<string, Issued>();

  constructor(private readonly options: AuthOptions) {}

  checkPassword(username: string, password: string): boolean {
    const { credentials } = this.options;
    // Evaluate both so a wrong username costs the same as a wrong password.
    const userOk = sameSecret(username, credentials.username);
    const passOk = sameSecret(password, credentials.password);
    return userOk && passOk;
  }

  /** New access and refresh tokens, with expiry computed on the server as Keycloak's gateway does. */
  issue(username: string): TokensDto {
    const now = this.options.now();
    this.prune(now);
    const access: Issued = { username, expiresAt: now + this.options.tokenTtlSeconds * 1000 };
    const refresh: Issued = { username, expiresAt: now + this.options.refreshTtlSeconds * 1000 };
    const accessToken = this.mint('RS256', 'Bearer', access, now);
    const refreshToken = this.mint('HS512', 'Refresh', refresh, now);
    this.accessTokens.set(accessToken, access);
    this.refreshTokens.set(refreshToken, refresh);
    return {
      accessToken,
      expireAt: new Date(access.expiresAt).toISOString(),
      refreshToken,
      refreshExpireAt: new Date(refresh.expiresAt).toISOString(),
    };
  }

  /** Keycloak leaves a used refresh token valid until it expires, so this one does too. */
  refresh(refreshToken: string): RefreshResult {
    const issued = this.refreshTokens.get(refreshToken);
    if (!issued) return { ok: false, reason: 'unknown' };
    if (this.options.now() >= issued.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, tokens: this.issue(issued.username) };
  }

  /**
   * The guard, in the real one's order: a matching Device-Auth secret passes; otherwise the
   * Authorization header, or failing that the accessToken cookie, must carry a live token.
   */
  authenticate(headers: IncomingHttpHeaders): AuthVerdict {
    const deviceAuth = headers['device-auth'];
    const secrets = this.options.credentials.deviceSecret.split(',').map((s) => s.trim());
    if (typeof deviceAuth === 'string' && secrets.some((s) => s !== '' && sameSecret(deviceAuth, s))) {
      return { ok: true };
    }
    const cookie = cookieValue(headers.cookie, 'accessToken');
    const authorization = headers.authorization ?? (cookie ? `Bearer ${cookie}` : undefined);
    if (authorization === undefined) {
      return { ok: false, message: deviceAuth === undefined ? 'No authentication provided' : 'Unauthorized' };
    }
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    const issued = token === undefined ? undefined : this.accessTokens.get(token);
    if (!issued || this.options.now() >= issued.expiresAt) return { ok: false, message: 'Unauthorized' };
    return { ok: true };
  }

  private mint(alg: string, typ: string, issued: Issued, now: number): string {
    const header = b64url({ alg, typ: 'JWT', kid: 'courier-demo' });
    const payload = b64url({
      exp: Math.floor(issued.expiresAt / 1000),
      iat: Math.floor(now / 1000),
      jti: randomBytes(12).toString('hex'),
      typ,
      azp: 'courier-demo',
      preferred_username: issued.username,
    });
    return `${header}.${payload}.${randomBytes(32).toString('base64url')}`;
  }

  // Refresh tokens are kept a day past expiry so a late refresh is told "not active", not "invalid".
  private prune(now: number): void {
    for (const [token, issued] of this.accessTokens)
      if (now >= issued.expiresAt) this.accessTokens.delete(token);
    for (const [token, issued] of this.refreshTokens) {
      if (now >= issued.expiresAt + 86_400_000) this.refreshTokens.delete(token);
    }
  }
}
