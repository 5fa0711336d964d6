#!/usr/bin/env node
// Entry point of the `courier` command: runs the bundled CLI from dist/ (built by `npm install`;
// scripts/build/bundle-cli.js says why it is a bundle).
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { CLI_BUNDLE_ENTRY as entry } from '../scripts/build/cli-bundle-entry.js';

// Keep V8's young generation at its starting size. A long download allocates
// steadily, and V8 would otherwise grow the young generation to 16 MiB, which
// stays resident: peak memory would then grow with the artifact's size. Most
// of a download's bytes live outside the JS heap, so the cost is about 0.15 s
// of CPU per 2 GiB (npm run bench). This V8 flag is read each time the space
// would grow, so setting it here, at run time, takes effect.
setFlagsFromString('--semi-space-growth-factor=1');

if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write(
    'courier: not built yet. Run "npm install" (or "npm run build") in the Courier folder first.\n',
  );
  process.exit(2);
}
const { main } = await import(entry.href);
const stopRequested = new Promise((resolve) => {
  process.once('SIGINT', resolve);
  process.once('SIGTERM', resolve);
});
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  stopRequested,
  // Started as `courier` (installed on the PATH) or as `node path/to/bin/courier.js`.
  program: basename(process.argv[1] ?? '') === 'courier' ? ['courier'] : [process.execPath, process.argv[1]],
});
