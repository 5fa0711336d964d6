// Bundles the compiled CLI (dist/cli, from tsc) into dist/cli-bundle, which bin/courier.js runs.
// Why: Node 20 loads about 150 ES module files for `courier fetch`, zod's among them, and each costs
// a resolve, a read and a compile. One bundle starts about 0.1 s sooner and, in `npm run bench`,
// uses less CPU over a whole delivery too. The commands that are rarely run (demo, export) stay in
// chunks of their own, loaded when asked for, as the dynamic imports in dist/cli already say.
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';
import { CLI_BUNDLE_DIR } from './cli-bundle-entry.js';

const outDir = fileURLToPath(CLI_BUNDLE_DIR);

await rm(outDir, { recursive: true, force: true });
await build({
  input: fileURLToPath(new URL('../../dist/cli/courier-cli.js', import.meta.url)),
  platform: 'node',
  // The CLI never loads Electron; saying so keeps a stray import from pulling it in.
  external: ['electron'],
  logLevel: 'warn',
  output: { dir: outDir, format: 'esm', sourcemap: true },
});
