// Route table types and matching for the demo gateway, with the real gateway's URI versioning:
// `/api/<x>` whose first segment is not `v<digits>` is served as `/api/v1/<x>`. No handler logic
// lives here.
import type { IncomingHttpHeaders } from 'node:http';
import type { ErrorContext } from './gateway-errors.js';
import type { Reply } from './http-json.js';

export interface RouteContext {
  /** Decoded path parameters, in pattern order. */
  readonly params: readonly string[];
  readonly query: URLSearchParams;
  /** The parsed JSON body (POST routes only; `{}` when none was sent). */
  readonly body: unknown;
  readonly headers: IncomingHttpHeaders;
  readonly errors: ErrorContext;
}

export interface Route {
  readonly method: 'GET' | 'POST';
  /** Path after `/api/v<n>/`, e.g. `delivery/preparedDelivery/:catalogId`. */
  readonly path: string;
  /** Which URI versions serve it (controllers without @Version get the default, 1). */
  readonly versions: readonly number[];
  /** Unprotected routes (login, checkHealth) skip the auth guard. */
  readonly open?: boolean;
  handle(ctx: RouteContext): Reply | Promise<Reply>;
}

export interface VersionedPath {
  readonly version: number;
  /** Path segments after the version, still percent-encoded. */
  readonly segments: readonly string[];
  /** The URL as the real gateway's filter prints it: rewritten path plus the original query. */
  readonly rewrittenUrl: string;
}

/** Applies VersionManagementMiddleware to an `/api` path; undefined for anything outside /api. */
export function versionPath(pathname: string, search: string): VersionedPath | undefined {
  if (pathname !== '/api' && !pathname.startsWith('/api/')) return undefined;
  let rest = pathname.slice('/api/'.length);
  const first = rest.split('/')[0] ?? '';
  if (!/^v\d+$/.test(first)) rest = `v1/${rest}`;
  const [versionText = 'v1', ...segments] = rest.split('/');
  // Express's non-strict routing ignores one trailing slash.
  if (segments.length > 1 && segments.at(-1) === '') segments.pop();
  return { version: Number(versionText.slice(1)), segments, rewrittenUrl: `/api/${rest}${search}` };
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: string[] }
  | { kind: 'none' }
  | { kind: 'badParam'; segment: string };

/** Finds the route for a method, version and path; literal segments match case-insensitively, as Express does. */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  version: number,
  segments: readonly string[],
): RouteMatch {
  const wanted = method === 'HEAD' ? 'GET' : method;
  for (const route of routes) {
    if (route.method !== wanted || !route.versions.includes(version)) continue;
    const pattern = route.path.split('/');
    if (pattern.length !== segments.length) continue;
    const fits = pattern.every((part, i) =>
      part.startsWith(':') ? segments[i] !== '' : part.toLowerCase() === segments[i]!.toLowerCase(),
    );
    if (!fits) continue;
    const params: string[] = [];
    for (const [i, part] of pattern.entries()) {
      if (!part.startsWith(':')) continue;
      try {
        params.push(decodeURIComponent(segments[i]!));
      } catch {
        return { kind: 'badParam', segment: segments[i]! };
      }
    }
    return { kind: 'found', route, params };
  }
  return { kind: 'none' };
}
