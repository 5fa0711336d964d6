// Who may talk to the browser host: requests addressed to our loopback origin (DNS-rebinding
// defence), from our own pages (Origin), carrying the session token.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_HEADER = 'x-courier-token';
export const TOKEN_PARAM = 'token';

/** Same bytes, compared in constant time (a timing side channel must not reveal the token). */
export function sameToken(given: string | undefined | null, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface AccessPolicy {
  readonly port: number;
  readonly token: string;
}

export const cookieName = (port: number): string => `courier-token-${port}`;

/** The asset-only token the page load set as a cookie (never the session token: see static-route). */
export function tokenFromCookie(req: IncomingMessage, port: number): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === cookieName(port)) return rest.join('=');
  }
  return undefined;
}

/** Host must be our own address: a rebound DNS name pointing at 127.0.0.1 is refused. */
export function hostAllowed(req: IncomingMessage, policy: AccessPolicy): boolean {
  const host = (req.headers.host ?? '').toLowerCase();
  return host === `127.0.0.1:${policy.port}` || host === `localhost:${policy.port}`;
}

/** Origin, when the browser sends one, must be ours (no other site may call the API). */
export function originAllowed(req: IncomingMessage, policy: AccessPolicy): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${policy.port}` || origin === `http://localhost:${policy.port}`;
}
