// The URL gate for artifacts and redirects, and who may receive the bearer token (U1-U4, A4, M12).
// Pure (node:net for BlockList, no sockets); runs before any I/O.
import { BlockList, isIP } from 'node:net';
import { appError } from '../shared/app-error.js';
import type { ErrorCode } from '../shared/error-codes.js';
import { fail, ok } from '../shared/result.js';
import type { Result } from '../shared/result.js';
import { quoted } from './display-text.js';

export interface UrlPolicy {
  /** The API origin plus the configured storage origins, e.g. `https://minio.lan:9000`. */
  readonly allowedOrigins: readonly string[];
  /** Admin setting for lab servers; https is always required otherwise (U1). */
  readonly allowHttp: boolean;
}

export const MAX_REDIRECTS = 5;
/** Presigned URLs are 1-2 KB; anything far longer is not a URL we should act on. */
const MAX_URL_LENGTH = 16 * 1024;

// Never a delivery server, whatever the allowlist says: link-local (cloud metadata at
// 169.254.169.254), multicast, and unspecified/broadcast addresses. BlockList itself matches the
// IPv4-mapped IPv6 forms (`::ffff:169.254.169.254`), but not the other IPv6 spellings that carry an
// IPv4 address: IPv4-compatible (`::169.254.169.254` = `::a9fe:a9fe`, deprecated yet still routed
// by some stacks) and NAT64 (`64:ff9b::169.254.169.254`, which a NAT64 gateway turns back into the
// IPv4 address). Those get the same IPv4 ranges below their prefix (U2).
const NEVER_SERVER_V4: readonly (readonly [string, number])[] = [
  ['169.254.0.0', 16],
  ['224.0.0.0', 4],
  ['0.0.0.0', 8],
  ['255.255.255.255', 32],
];
/** The IPv6 /96 prefixes whose last 32 bits are an IPv4 address. */
const IPV4_EMBEDDING_PREFIXES = ['::', '64:ff9b::'] as const;

const NEVER_SERVER = new BlockList();
for (const [network, bits] of NEVER_SERVER_V4) {
  NEVER_SERVER.addSubnet(network, bits, 'ipv4');
  for (const prefix of IPV4_EMBEDDING_PREFIXES) {
    // `::0.0.0.0/104` would take `::1` (loopback, a legitimate lab server) with it; `::` is below.
    if (prefix === '::' && network === '0.0.0.0') continue;
    NEVER_SERVER.addSubnet(`${prefix}${network}`, 96 + bits, 'ipv6');
  }
}
NEVER_SERVER.addSubnet('fe80::', 10, 'ipv6');
NEVER_SERVER.addSubnet('ff00::', 8, 'ipv6');
NEVER_SERVER.addAddress('::', 'ipv6');

/** True for an IP literal that must never be contacted. Also for the transport's DNS lookup hook. */
export function isBlockedAddress(address: string): boolean {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const family = isIP(bare);
  if (family === 4) return NEVER_SERVER.check(bare, 'ipv4');
  if (family === 6) return NEVER_SERVER.check(bare, 'ipv6');
  return false;
}

/**
 * The origin as the WHATWG parser serialises it: lowercase host, default port dropped, IPv6
 * compressed, and IPv4 written as 2130706433, 0x7f.1 or 0177.0.0.1 turned into 127.0.0.1. Comparing
 * these strings compares what a connection would actually reach. A trailing dot is kept: `host.`
 * and `host` can resolve differently (search domains), so they are different origins here.
 */
export function normalizeOrigin(value: string | URL): string | undefined {
  try {
    const url = typeof value === 'string' ? new URL(value) : value;
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Why an address was refused, for the faces to say what fixes it: `http` and `origin` are settings
 * (allow http, add the storage origin); every other cause is the server's doing.
 */
export type UrlRefusal =
  'http' | 'origin' | 'scheme' | 'credentials' | 'blockedHost' | 'invalid' | 'redirect';

/** What a refusal may say about the address: its origin and whether that origin is allowed. */
type RefusalFacts = Readonly<Record<string, string | boolean>>;

function rejected(
  itemKey: string,
  reason: string,
  cause: UrlRefusal,
  facts: RefusalFacts = {},
  code: ErrorCode = 'CLIENT.urlRejected',
): Result<never> {
  return fail(
    appError({
      code,
      message: `The download address of item ${quoted(itemKey)} was refused: ${reason}.`,
      retryable: false,
      itemKey,
      detail: { reason, cause, ...facts },
    }),
  );
}

/**
 * Accepts an artifact URL only if it is https (or http when allowed), carries no credentials, and
 * points at an allowed origin that is not a never-server address. Error details never contain the
 * URL itself: presigned query strings are credentials too.
 */
export function checkArtifactUrl(url: string | URL, policy: UrlPolicy, itemKey: string): Result<URL> {
  let parsed: URL;
  try {
    if (typeof url === 'string' && url.length > MAX_URL_LENGTH)
      return rejected(itemKey, 'the address is too long', 'invalid');
    parsed = typeof url === 'string' ? new URL(url) : new URL(url.href);
  } catch {
    return rejected(itemKey, 'it is not a valid URL', 'invalid');
  }
  const scheme = parsed.protocol;
  if (scheme !== 'https:' && scheme !== 'http:') {
    return rejected(itemKey, `the scheme ${quoted(scheme)} is not allowed (https only)`, 'scheme');
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return rejected(itemKey, 'it contains a user name or password', 'credentials');
  }
  if (isBlockedAddress(parsed.hostname)) {
    return rejected(
      itemKey,
      `the host ${quoted(parsed.hostname)} is a link-local, multicast or unspecified address`,
      'blockedHost',
    );
  }
  // Both settings are checked before refusing, so one refusal names everything this address needs.
  const origin = parsed.origin;
  const originAllowed = policy.allowedOrigins.some((entry) => normalizeOrigin(entry) === origin);
  const notConfigured = `the server ${quoted(origin)} is not one of the configured servers`;
  if (scheme === 'http:' && !policy.allowHttp) {
    const reason = `the scheme ${quoted(scheme)} is not allowed (https only)`;
    return rejected(itemKey, originAllowed ? reason : `${reason}, and ${notConfigured}`, 'http', {
      origin,
      originAllowed,
    });
  }
  if (!originAllowed) return rejected(itemKey, notConfigured, 'origin', { origin, originAllowed });
  return ok(parsed);
}

/**
 * The next URL of a manually followed redirect (U3). `hop` counts redirects including this one
 * (1 for the first). Relative locations resolve against `from`; https never downgrades to http,
 * even where http is allowed, so a lab setting cannot be used to strip TLS mid-chain.
 */
export function checkRedirect(
  from: URL,
  locationHeader: string | null | undefined,
  policy: UrlPolicy,
  hop: number,
  itemKey: string,
): Result<URL> {
  if (!Number.isInteger(hop) || hop < 1 || hop > MAX_REDIRECTS) {
    return rejected(itemKey, `the redirect limit (${MAX_REDIRECTS}) was reached`, 'redirect');
  }
  if (locationHeader === null || locationHeader === undefined || locationHeader.trim() === '') {
    return rejected(
      itemKey,
      'the server redirected without a Location header',
      'redirect',
      {},
      'CLIENT.badResponse',
    );
  }
  let target: URL;
  try {
    target = new URL(locationHeader, from);
  } catch {
    return rejected(itemKey, 'the redirect target is not a valid URL', 'redirect');
  }
  if (from.protocol === 'https:' && target.protocol === 'http:') {
    return rejected(itemKey, 'a redirect from https to http was refused', 'redirect');
  }
  return checkArtifactUrl(target, policy, itemKey);
}

/** Only the exact API origin may receive the bearer token (A4); storage and redirect targets never. */
export function mayCarryToken(url: string | URL, apiOrigin: string): boolean {
  let target: URL;
  try {
    target = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return false;
  }
  // Userinfo would travel as Basic credentials alongside the token; such a URL is never ours.
  if (target.username !== '' || target.password !== '') return false;
  const api = normalizeOrigin(apiOrigin);
  return api !== undefined && normalizeOrigin(target) === api;
}

/** The fields of an item this routing looks at. */
export interface RoutableItem {
  readonly itemKey: string;
  readonly artifactType: string;
  readonly url: string;
}

const HTTP_ARTIFACT_TYPES: ReadonlySet<string> = new Set(['software', 'map']);
const PACKAGE_SCHEMES: ReadonlySet<string> = new Set(['rpm:', 'deb:', 'docker:', 'oci:']);

/**
 * Routes an item by artifactType and URL scheme (M12). Docker images, rpm/deb packages, unknown
 * types and scheme-less registry references are "not downloadable here" (the reference is kept for
 * the report). A file item with an http(s) URL is downloadable and still has to pass
 * checkArtifactUrl; a file item with any other scheme (file:, data:, ftp:, ...) is hostile (U1).
 */
export function isDownloadable(item: RoutableItem): Result<URL> {
  const notHere = (reason: string): Result<never> =>
    fail(
      appError({
        code: 'CLIENT.notDownloadable',
        message: `Item ${quoted(item.itemKey)} is not a file download (${reason}); it is listed but not staged.`,
        retryable: false,
        itemKey: item.itemKey,
        detail: { artifactType: item.artifactType.slice(0, 64), reference: item.url.slice(0, 512) },
      }),
    );
  if (!HTTP_ARTIFACT_TYPES.has(item.artifactType)) return notHere(`type ${quoted(item.artifactType)}`);
  let url: URL;
  try {
    url = new URL(item.url);
  } catch {
    return notHere('the reference is not a URL');
  }
  if (url.protocol === 'https:' || url.protocol === 'http:') return ok(url);
  if (PACKAGE_SCHEMES.has(url.protocol)) return notHere(`a ${url.protocol.slice(0, -1)} package reference`);
  return rejected(item.itemKey, `the scheme ${quoted(url.protocol)} is not an HTTP download`, 'scheme');
}
