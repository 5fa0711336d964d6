// Electron's entry (dist/main/desktop-main.js): the desktop composition root. Finds the built preload and
// renderer next to it and injects the demo server; everything else is in desktop-app.ts.
import { fileURLToPath } from 'node:url';
import { startDemoServer } from '../demo-server/index.js';
import { startDesktopApp } from './desktop-app.js';

void startDesktopApp({
  rendererDir: fileURLToPath(new URL('../renderer/', import.meta.url)),
  preloadPath: fileURLToPath(new URL('../preload/preload.cjs', import.meta.url)),
  startDemo: () => startDemoServer(),
})?.catch((error: Error) => {
  process.stderr.write(`courier: could not start: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
