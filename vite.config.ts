// Builds the renderer (renderer/index.html, React + zustand) into dist/renderer/ for both faces:
// Electron loads it over app:// and the web-host serves it over loopback HTTP, so paths are relative.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('./renderer', import.meta.url));

// The same policy the hosts send as a header, also in the page itself so a file opened any other way
// is just as locked down. Build only: the dev server injects inline scripts of its own.
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const contentSecurityPolicy: Plugin = {
  name: 'courier-csp-meta',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler: (html) =>
      html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
  },
};

export default defineConfig({
  root,
  base: './',
  plugins: [react(), contentSecurityPolicy],
  // Nothing is fetched at run time: no public dir, no CDN, and assets stay files (no data: inlining
  // of scripts or styles, which the strict CSP would refuse).
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    // No source maps in the shipped UI: nothing to fetch, nothing extra in the package.
    sourcemap: false,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
  server: { host: '127.0.0.1', strictPort: false },
});
