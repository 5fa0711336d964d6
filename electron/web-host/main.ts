// `npm run web`: browser mode's composition root. Wires the service (settings in a folder, secrets in
// memory only, no native pickers, the demo server on demand) to the loopback host and prints the
// URL with its token. The one web-host module allowed to import the demo server.
import { mkdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startDemoServer } from '../demo-server/index.js';
import {
  createCourierService,
  createJsonSettingsStore,
  createMemorySecretStore,
  realClock,
} from '../service/index.js';
import { browserDialogs } from './browser-dialogs.js';
import { startWebHost } from './server.js';

const HELP = `Usage: npm run web -- [--out DIR] [--port N] [--settings DIR] [--renderer DIR] [--export-target DIR]

  --out DIR        staging folder for packages (default ./courier-packages, created if missing;
                   its parent must exist)
  --export-target DIR
                   browser mode cannot open folder pickers: "Copy to drive" copies packages into
                   DIR, and "Verify a package" checks the package there. DIR must exist (never
                   created: a drive that is not mounted must not become a folder on this disk).
                   Without it, those two actions explain how to enable them.
  --port N         loopback port (default: a free one)
  --settings DIR   where browser mode keeps its settings (default ~/.courier-web)
  --renderer DIR   the built UI (default: dist/renderer next to this script)

Secrets (passwords, device secrets, client keys) are kept in memory only in browser mode.
`;

const isFolder = (path: string): Promise<boolean> =>
  stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: 'courier-packages' },
      port: { type: 'string', default: '0' },
      settings: { type: 'string', default: resolve(homedir(), '.courier-web') },
      renderer: { type: 'string', default: fileURLToPath(new URL('../renderer/', import.meta.url)) },
      'export-target': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    process.stderr.write(`--port must be a port number, got "${values.port}"\n`);
    return 2;
  }
  const exportTarget = values['export-target'] === undefined ? undefined : resolve(values['export-target']);
  if (exportTarget !== undefined && !(await isFolder(exportTarget))) {
    process.stderr.write(`--export-target must be an existing folder, got ${exportTarget}\n`);
    return 2;
  }
  const out = resolve(values.out);
  try {
    await mkdir(out); // one level: a typo in the parent should fail here, not create a tree
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      process.stderr.write(`cannot create the staging folder ${out}: ${(error as Error).message}\n`);
      return 2;
    }
  }
  const log = (level: 'info' | 'warn' | 'error', message: string) => {
    if (level !== 'info') process.stderr.write(`${level}: ${message}\n`);
  };
  const service = await createCourierService({
    settingsStore: createJsonSettingsStore(resolve(values.settings)),
    secrets: createMemorySecretStore(),
    dialogs: browserDialogs(out),
    shell: { openPath: async (path) => `browser mode cannot open folders; the path is ${path}` },
    startDemo: () => startDemoServer(),
    clock: realClock,
    defaultStagingFolder: out,
    ...(exportTarget !== undefined ? { defaultExportTarget: exportTarget } : {}),
    log,
  });
  const host = await startWebHost({ service, rendererDir: resolve(values.renderer), port, log });
  process.stdout.write(
    `Courier (browser mode) is running. Open this link in your browser:\n\n  ${host.url}\n\n`,
  );
  process.stdout.write(`Packages are staged in ${out}. Press Ctrl+C to stop.\n`);
  if (exportTarget !== undefined) process.stdout.write(`"Copy to drive" copies into ${exportTarget}.\n`);
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  process.stdout.write('Stopping: pausing downloads at a checkpoint...\n');
  await host.close();
  await service.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`courier web: ${error.message}\n`);
    process.exit(1);
  },
);
