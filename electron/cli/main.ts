// The `courier` command: parses the subcommand and hands over to it. Pure Node; never imports
// electron (the CLI runs on machines where Electron cannot).
import { demoCommand, DEMO_HELP } from './commands/demo.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { type CliIo, writeLine } from './io.js';
import { VERSION } from '../shared/version.js';

const HELP = `courier ${VERSION}: stage GetApp deliveries for offline installation

Usage:
  courier demo [options]      start the built-in GetApp-compatible demo server
  courier --help | --version

${DEMO_HELP}
Exit codes:
  0 success   1 partial or unverified   2 usage error   3 verification failed
  4 server or authentication error   5 network error   6 disk error
`;

export async function main(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'demo':
      return demoCommand(rest, io);
    case '--version':
    case '-V':
      writeLine(io.stdout, VERSION);
      return EXIT.ok;
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      io.stdout.write(HELP);
      return EXIT.ok;
    default:
      writeLine(io.stderr, `courier: unknown command "${command}". Run "courier --help" for the list.`);
      return EXIT.usage;
  }
}
