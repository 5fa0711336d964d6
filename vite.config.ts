// Builds the renderer (renderer/index.html, React + zustand) into dist/renderer/ for both faces:
// Electron loads it over app:// and the web-host serves it over loopback HTTP, so paths are relative.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./renderer', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  // Nothing is fetched at run time: no public dir, no CDN, and assets stay files (no data: inlining
  // of scripts or styles, which the strict CSP would refuse).
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
  server: { host: '127.0.0.1', strictPort: false },
});
