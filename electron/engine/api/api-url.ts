// Where API calls go: the configured base normalised to `<origin>[/prefix]/api/`, and endpoint URLs
// with percent-encoded path parameters (protocol §1.1, §1.5). Pure.
import { appError } from '../../shared/app-error.js';
import { fail, ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';

function invalid(message: string): Result<never> {
  return fail(appError({ code: 'CLIENT.invalidRequest', message, retryable: false }));
}

/**
 * Accepts `http(s)://host[:port][/prefix]` with or without a trailing `/api` or `/`, and returns the
 * base every endpoint is resolved against, ending in `/api/`. A path prefix is kept: a gateway behind
 * a reverse proxy at `/getapp` is reached at `/getapp/api`.
 */
export function normalizeApiUrl(raw: string): Result<URL> {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return invalid('The server address is not a valid URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return invalid('The server address must start with https:// (or http:// for a lab server).');
  }
  // Credentials in the address would travel as Basic auth next to our own (U4).
  if (url.username !== '' || url.password !== '') {
    return invalid('The server address must not contain a user name or password.');
  }
  if (url.search !== '' || url.hash !== '') {
    return invalid('The server address must not contain a query (?) or fragment (#).');
  }
  let path = url.pathname.replace(/\/+$/, '');
  if (/\/api$/i.test(path)) path = path.slice(0, -'/api'.length);
  url.pathname = `${path}/api/`;
  return ok(url);
}

/**
 * One path parameter, encoded as the SDK does (`@` becomes `%40`). `.` and `..` are refused: URL
 * parsing resolves them (even as %2E) into a different endpoint.
 */
export function pathParam(value: string, what: string): Result<string> {
  if (value === '' || value === '.' || value === '..')
    return invalid(`The ${what} ${JSON.stringify(value)} is not valid.`);
  return ok(encodeURIComponent(value));
}

/** `base` (from normalizeApiUrl) plus a relative path of already-encoded segments and a query. */
export function endpoint(
  base: URL,
  path: string,
  query: Readonly<Record<string, string | undefined>> = {},
): URL {
  const url = new URL(path, base);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(name, value);
  }
  return url;
}
