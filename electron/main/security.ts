// Electron hardening that does not depend on the service: the app origin, navigation and window.open
// refused (E3), downloads started by web content cancelled (E7), every permission denied (E8).
import type { Session, WebContents } from 'electron';
import type { Log } from '../shared/log.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'courier';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/**
 * True for app://courier/... only. WHATWG URL gives non-special schemes the origin "null", so the
 * scheme and host are compared instead of `.origin`.
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** E7, E8: nothing the page asks for is granted, and nothing it starts downloading is saved. */
export function hardenSession(session: Session, log: Log): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log('warn', `denied a permission request: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.on('will-download', (event, item) => {
    // Artifacts are fetched by the engine, never by the renderer (an <a download> is an attack here).
    event.preventDefault();
    log('warn', `refused a download started by web content: ${item.getFilename()}`);
  });
}

/** E3: the page stays on app://courier; new windows and webviews never open. */
export function hardenWebContents(contents: WebContents, log: Log): void {
  const refuse = (kind: string) => (event: { preventDefault(): void; url: string }) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log('warn', `blocked ${kind} to ${event.url}`);
  };
  contents.on('will-navigate', refuse('navigation'));
  contents.on('will-frame-navigate', refuse('frame navigation'));
  contents.on('will-redirect', refuse('redirect'));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    log('warn', `blocked window.open of ${url}`);
    return { action: 'deny' };
  });
}
