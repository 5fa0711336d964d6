// The Content-Security-Policy of Courier's UI (E4), in one place for both hosts: Electron's app://
// protocol and the browser host. It lives in service/ because that is the one layer both hosts may
// import besides shared/ (which must stay free of host concerns). Pure strings.

const directives = (connectSrc: string): string =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connectSrc}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

/** Desktop: data comes over IPC, so the page may not connect anywhere. */
export const APP_CSP = directives("'none'");
/** Browser mode: the page talks to its own loopback host (invoke + server-sent events) only. */
export const BROWSER_CSP = directives("'self'");
