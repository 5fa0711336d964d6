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

/**
 * A package report (report.html: Courier's own generated page, inline style, no scripts) opened as
 * a page of the browser host: its inline style and nothing else, sandboxed (no scripts, an opaque
 * origin), so even a report changed on disk could not act as the host's page.
 */
export const REPORT_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  'sandbox',
].join('; ');
