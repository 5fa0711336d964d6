// The app:// protocol: the built renderer served from its folder (never file://) with the strict
// CSP header, so the page has a real origin the IPC sender check can trust.
import { readFile } from 'node:fs/promises';
import type { CustomScheme } from 'electron';
import { APP_CSP, resolveStaticFile } from '../service/index.js';
import { APP_HOST, APP_SCHEME } from './security.js';

/** Registered before `ready`: a standard, secure scheme (its own origin, like https). */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

const HEADERS = {
  'content-security-policy': APP_CSP,
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

export function appProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || request.method !== 'GET')
      return new Response('Not found', { status: 404, headers: HEADERS });
    const file = await resolveStaticFile(rendererDir, url.pathname);
    if (file.status !== 200) return new Response('Not found', { status: file.status, headers: HEADERS });
    return new Response(await readFile(file.path), {
      status: 200,
      headers: { ...HEADERS, 'content-type': file.contentType },
    });
  };
}
