// The build the campaign runs: a private copy of dist/ and bin/ (with the file that tells bin/ where
// the bundle is), so a rebuild in the working tree while a long campaign runs never hands
// half-written modules to its processes.
import { existsSync } from 'node:fs';
import { cp, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CLI_BUNDLE_ENTRY } from '../build/cli-bundle-entry.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A private copy of the build for the whole campaign: a rebuild in the working tree while it runs
 * (a long campaign, an editor's watcher) must not hand half-written modules to its processes.
 */
export async function snapshotBuild(/** @type {string} */ workDir) {
  if (!existsSync(CLI_BUNDLE_ENTRY)) throw new Error('run "npm run build" first');
  const app = join(workDir, 'app');
  await cp(join(root, 'dist'), join(app, 'dist'), { recursive: true });
  await cp(join(root, 'bin'), join(app, 'bin'), { recursive: true });
  const entryFile = join('scripts', 'build', 'cli-bundle-entry.js');
  await cp(join(root, entryFile), join(app, entryFile));
  await cp(join(root, 'package.json'), join(app, 'package.json'));
  await symlink(join(root, 'node_modules'), join(app, 'node_modules'), 'dir');
  return app;
}

export async function loadBuilt(/** @type {string} */ app) {
  const dist = (/** @type {string} */ path) => pathToFileURL(join(app, 'dist', path)).href;
  const demo = /** @type {typeof import('../../electron/demo-server/index.js')} */ (
    await import(dist('demo-server/index.js'))
  );
  const exits = /** @type {typeof import('../../electron/cli/exit-codes.js')} */ (
    await import(dist('cli/exit-codes.js'))
  );
  const pump = /** @type {typeof import('../../electron/engine/download/body-pump.js')} */ (
    await import(dist('engine/download/body-pump.js'))
  );
  return {
    cli: join(app, 'bin', 'courier.js'),
    startDemoServer: demo.startDemoServer,
    exitCodes: new Set(Object.values(exits.EXIT)),
    chunk: pump.WRITE_BATCH,
  };
}
