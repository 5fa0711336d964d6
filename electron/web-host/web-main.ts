// `npm run web`: browser mode's composition root. Wires the service (settings in a folder, secrets in
// memory only, no native pickers, the demo server on demand) to the loopback host and prints the
// URL with its token. The one web-host module allowed to import the demo server.
import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startDemoServer } from '../demo-server/index.js';
import {
  createCourierService,
  createJsonSettingsStore,
  createMemorySecretStore,
  createStagingRoot,
  DEFAULT_OUT_FOLDER,
  realClock,
} from '../service/index.js';
import { logLine, type Log } from '../shared/log.js';
import { browserDialogs, browserShell } from './browser-dialogs.js';
import { FILE_OPTIONS, applyGivenFiles, givenFiles } from './given-files.js';
import { createReportPages } from './report-pages.js';
import { startWebHost } from './server.js';

const HELP = `Usage: npm run web -- [--out DIR] [--port N] [--settings DIR] [--renderer DIR] [--export-target DIR]
                      [--public-key FILE] [--ca FILE] [--cert FILE --key FILE]

  --out DIR        staging folder for packages (default ./${DEFAULT_OUT_FOLDER}, created if missing;
                   its parent must exist)
  --export-target DIR
                   browser mode cannot open folder pickers: "Copy to drive" copies packages into
                   DIR, and "Verify a package" lists the packages there to choose one. DIR must
                   exist (never created: a drive that is not mounted must not become a folder on
                   this disk). Without it, those two actions explain how to enable them.
  --public-key FILE
                   cosign.pub: verify every artifact signature with it
  --ca FILE        extra certificate authorities (PEM) for a private PKI
  --cert FILE --key FILE
                   client certificate and key (PEM) for mTLS
                   Each file is checked and kept as if its PEM text were pasted in Settings (which
                   browser mode also offers): the key, CA and certificate are remembered in the
                   settings folder, the client key for this run only.
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
      out: { type: 'string', default: DEFAULT_OUT_FOLDER },
      port: { type: 'string', default: '0' },
      settings: { type: 'string', default: resolve(homedir(), '.courier-web') },
      renderer: { type: 'string', default: fileURLToPath(new URL('../renderer/', import.meta.url)) },
      'export-target': { type: 'string' },
      ...FILE_OPTIONS,
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
  const failed = await createStagingRoot(out);
  if (failed !== undefined) {
    process.stderr.write(`cannot create the staging folder ${out} (${failed}); its parent must exist\n`);
    return 2;
  }
  const log: Log = (level, message, fields) => {
    if (level !== 'info') process.stderr.write(`${level}: ${logLine(message, fields)}\n`);
  };
  const reports = createReportPages();
  const service = await createCourierService({
    settingsStore: createJsonSettingsStore(resolve(values.settings)),
    secrets: createMemorySecretStore(),
    dialogs: browserDialogs(out),
    shell: browserShell(reports),
    startDemo: () => startDemoServer(),
    clock: realClock,
    defaultStagingFolder: out,
    ...(exportTarget !== undefined ? { defaultExportTarget: exportTarget } : {}),
    log,
  });
  const files = await applyGivenFiles(service, givenFiles(values));
  if (files.problem !== undefined) {
    process.stderr.write(`courier web: ${files.problem}\n`);
    await service.close();
    return 2;
  }
  const host = await startWebHost({ service, rendererDir: resolve(values.renderer), port, reports, log });
  process.stdout.write(
    `Courier (browser mode) is running. Open this link in your browser:\n\n  ${host.url}\n\n`,
  );
  process.stdout.write(`Packages are staged in ${out}. Press Ctrl+C to stop.\n`);
  if (exportTarget !== undefined) process.stdout.write(`"Copy to drive" copies into ${exportTarget}.\n`);
  for (const line of files.loaded) process.stdout.write(`Loaded ${line}.\n`);
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
