#!/usr/bin/env node
// Entry point of the `courier` command: runs the compiled CLI from dist/ (built by `npm install`).
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/courier-cli.js', import.meta.url);
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
