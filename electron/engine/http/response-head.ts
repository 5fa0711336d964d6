// The status line and header fields of an HTTP/1.1 response, parsed strictly from raw bytes, and the
// framing they give the body (RFC 9112 §6.3), for the direct body path (direct-get.ts). As strict as
// node:http's llhttp: a malformed head, or a Content-Length beside chunked coding (request smuggling's
// favourite), is an error with llhttp's code, so transport-errors.ts reports both alike. Pure.

/** node:http's default limit on the status line plus headers (--max-http-header-size). */
export const MAX_HEAD_BYTES = 16 * 1024;

export interface ResponseHead {
  readonly status: number;
  /** Lowercase names, like node:http: repeated fields joined with ", ", set-cookie as a list. */
  readonly headers: Readonly<Record<string, string | string[]>>;
  /** The connection may carry another request after this body (HTTP/1.1, no `Connection: close`). */
  readonly persistent: boolean;
}

export type Framing =
  | { readonly kind: 'none' }
  | { readonly kind: 'length'; readonly length: number }
  | { readonly kind: 'chunked' }
  /** No length and no chunked coding: the body ends when the server closes the connection (T3). */
  | { readonly kind: 'close' };

export function protocolError(code: string, text: string): Error {
  return Object.assign(new Error(text), { code });
}

/** Fields node:http keeps the first of when repeated; the rest are joined with ", ". */
const FIRST_ONLY: ReadonlySet<string> = new Set([
  'age',
  'authorization',
  'content-length',
  'content-type',
  'etag',
  'expires',
  'from',
  'host',
  'if-modified-since',
  'if-unmodified-since',
  'last-modified',
  'location',
  'max-forwards',
  'proxy-authorization',
  'referer',
  'retry-after',
  'server',
  'user-agent',
]);

const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?: (.*))?$/;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Reason phrases and field values: visible characters, spaces, tabs and obs-text; no other control. */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) return true;
  }
  return false;
}

const CRLF_CRLF = Buffer.from('\r\n\r\n');

/** Where the head ends (just past its blank line) in `bytes`, or -1 while it is incomplete. */
export function headLength(bytes: Buffer): number {
  const at = bytes.indexOf(CRLF_CRLF);
  return at < 0 ? -1 : at + CRLF_CRLF.length;
}

/** Parses a complete head (status line to the blank line, CRLF line ends). Throws protocolError. */
export function parseHead(bytes: Buffer): {
  head: ResponseHead;
  contentLength: string[];
  transferEncoding: string[];
} {
  const lines = bytes.toString('latin1').split('\r\n');
  const status = STATUS_LINE.exec(lines[0] ?? '');
  if (!status || hasControl(status[3] ?? ''))
    throw protocolError('HPE_INVALID_CONSTANT', 'malformed status line');
  const headers: Record<string, string | string[]> = {};
  const contentLength: string[] = [];
  const transferEncoding: string[] = [];
  const connection: string[] = [];
  // The last two lines are the blank line's halves.
  for (const line of lines.slice(1, -2)) {
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon) : '';
    const value = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
    if (!TOKEN.test(name)) throw protocolError('HPE_INVALID_HEADER_TOKEN', 'malformed header field');
    if (hasControl(value)) throw protocolError('HPE_INVALID_HEADER_TOKEN', 'malformed header value');
    const key = name.toLowerCase();
    if (key === 'content-length') contentLength.push(value);
    if (key === 'transfer-encoding') transferEncoding.push(value);
    if (key === 'connection') connection.push(value);
    const before = headers[key];
    if (key === 'set-cookie') headers[key] = [...((before as string[] | undefined) ?? []), value];
    else if (before === undefined) headers[key] = value;
    else if (!FIRST_ONLY.has(key)) headers[key] = `${before as string}, ${value}`;
  }
  const closes = connection.some((v) =>
    v
      .toLowerCase()
      .split(',')
      .some((t) => t.trim() === 'close'),
  );
  return {
    head: { status: Number(status[2]), headers, persistent: status[1] === '1' && !closes },
    contentLength,
    transferEncoding,
  };
}

/** How the body of a response to a GET is delimited. Throws protocolError on contradictory framing. */
export function framingOf(
  status: number,
  contentLength: readonly string[],
  transferEncoding: readonly string[],
): Framing {
  if ((status >= 100 && status < 200) || status === 204 || status === 304) return { kind: 'none' };
  if (transferEncoding.length > 0) {
    if (contentLength.length > 0)
      throw protocolError('HPE_UNEXPECTED_CONTENT_LENGTH', 'Content-Length with Transfer-Encoding');
    const codings = transferEncoding
      .join(',')
      .split(',')
      .map((c) => c.trim().toLowerCase());
    // Chunked must be the last coding; any other last coding runs to the close (RFC 9112 §6.3).
    return codings.at(-1) === 'chunked' ? { kind: 'chunked' } : { kind: 'close' };
  }
  if (contentLength.length > 0) {
    const values = new Set(
      contentLength
        .join(',')
        .split(',')
        .map((v) => v.trim()),
    );
    const [only] = values;
    if (values.size !== 1 || only === undefined || !/^\d{1,15}$/.test(only))
      throw protocolError('HPE_INVALID_CONTENT_LENGTH', 'invalid Content-Length');
    return { kind: 'length', length: Number(only) };
  }
  return { kind: 'close' };
}
