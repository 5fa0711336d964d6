// Maps a URL path to a file of the built renderer for both hosts, refusing anything that could leave
// the renderer folder: encoded separators, dot segments, hidden names, links pointing outside.
import { realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';

export type StaticFile =
  | { readonly status: 200; readonly path: string; readonly contentType: string; readonly size: number }
  | { readonly status: 400 | 404 };

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export const contentTypeOf = (path: string): string =>
  CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';

/** `pathname` as it appears in the request URL (still percent-encoded); '/' is index.html. */
export async function resolveStaticFile(root: string, pathname: string): Promise<StaticFile> {
  if (!pathname.startsWith('/')) return { status: 400 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
  } catch {
    return { status: 400 };
  }
  const segments = decoded.slice(1).split('/');
  const unsafe = segments.some(
    // eslint-disable-next-line no-control-regex
    (s) => s === '' || s.startsWith('.') || /[\\:\u0000-\u001f]/.test(s),
  );
  if (unsafe) return { status: 400 };
  try {
    const base = await realpath(root);
    const real = await realpath(join(base, ...segments));
    // A symlink inside the build that points elsewhere is refused like `..` would be.
    if (!real.startsWith(base + sep)) return { status: 404 };
    const info = await stat(real);
    if (!info.isFile()) return { status: 404 };
    return { status: 200, path: real, contentType: contentTypeOf(real), size: info.size };
  } catch {
    return { status: 404 };
  }
}
