// The `courier` command: parses the subcommand and hands over to it. Pure Node; never imports
// electron (the CLI runs on machines where Electron cannot).
import { VERSION } from '../shared/version.js';
import { demoCommand, DEMO_HELP } from './commands/demo.js';
import { exportCommand, EXPORT_HELP } from './commands/export.js';
import { fetchCommand, FETCH_HELP } from './commands/fetch.js';
import { statusCommand, STATUS_HELP } from './commands/server-status.js';
import { verifyCommand, VERIFY_HELP } from './commands/verify.js';
import { EXIT, exitCodesHelp, type ExitCode } from './exit-codes.js';
import { type CliIo, writeLine } from './io.js';

const HELP = `courier ${VERSION}: stage GetApp deliveries for offline installation

Usage:
  courier fetch <catalogId...>   prepare, download, verify and stage deliveries
  courier status <catalogId>     ask the server about a delivery
  courier verify <folder>        re-check a staged package offline
  courier export <folder> <dir>  copy a staged package to a drive and read it back
  courier demo                   run the built-in GetApp-compatible demo server
  courier <command> --help       options of one command

With no --server, fetch and status use the built-in demo server: try
  courier fetch 1.field-nav@2.3.1

Exit codes:
${exitCodesHelp()}
`;

const COMMANDS: Record<
  string,
  { run: (argv: readonly string[], io: CliIo) => Promise<ExitCode>; help: string }
> = {
  fetch: { run: fetchCommand, help: FETCH_HELP },
  status: { run: statusCommand, help: STATUS_HELP },
  verify: { run: verifyCommand, help: VERIFY_HELP },
  export: { run: exportCommand, help: EXPORT_HELP },
  demo: { run: demoCommand, help: DEMO_HELP },
};

export async function main(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  if (command === '--version' || command === '-V') {
    writeLine(io.stdout, VERSION);
    return EXIT.ok;
  }
  const entry = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!entry) {
    writeLine(io.stderr, `courier: unknown command "${command}". Run "courier --help" for the list.`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(entry.help);
    return EXIT.ok;
  }
  return entry.run(rest, io);
}
