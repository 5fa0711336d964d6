// `courier demo`: runs the built-in GetApp-compatible demo server in the foreground until Ctrl-C,
// and prints how to reach it, with a `courier fetch` command line that works against it as printed
// (or one JSON line with --json, for scripts). Its signing key is written to a file for --public-key.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  BUILTIN_IDS,
  DEFAULT_API_PORT,
  DEFAULT_STORAGE_PORT,
  startDemoServer,
  type DemoServer,
} from '../../demo-server/index.js';
import type { CONNECTION_OPTIONS } from '../connection.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { type CliIo, writeLine } from '../io.js';
import { PASSWORD_ENV } from '../password.js';

export const DEMO_HELP = `courier demo [--port N] [--mode origin|cache] [--data DIR] [--url-ttl S] [--token-ttl S] [--json]
  Serves the demo API on 127.0.0.1:${DEFAULT_API_PORT} and its object store on 127.0.0.1:${DEFAULT_STORAGE_PORT}.
  --port N       API port N, object store N+1; --port 0 picks free ports
  --mode         origin (answers at once, default) or cache (prepares in the background)
  --data DIR     also serve the deliveries described in DIR/courier-demo.json
  --url-ttl S    lifetime of presigned artifact URLs in seconds (default 3600)
  --token-ttl S  lifetime of access tokens in seconds (default 1800)
  --json         print one JSON line (apiUrl, storageUrl, username, password, deviceSecret,
                 publicKeyPem, publicKeyFile)
  Prints a courier fetch command line for this server, ready to paste into a second terminal. The
  signing key is written to a private temporary folder for its --public-key, removed on exit.
`;

interface DemoArgs {
  apiPort: number;
  storagePort: number;
  mode: 'origin' | 'cache';
  dataDir?: string;
  urlTtlSeconds?: number;
  tokenTtlSeconds?: number;
  json: boolean;
}

function parseSeconds(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1)
    throw new Error(`--${name} takes a whole number of seconds, got "${text}"`);
  return Number(text);
}

function parseDemoArgs(argv: readonly string[]): DemoArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      mode: { type: 'string', default: 'origin' },
      data: { type: 'string' },
      'url-ttl': { type: 'string' },
      'token-ttl': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.mode !== 'origin' && values.mode !== 'cache')
    throw new Error(`--mode is origin or cache, got "${values.mode}"`);
  let apiPort = DEFAULT_API_PORT;
  let storagePort = DEFAULT_STORAGE_PORT;
  if (values.port !== undefined) {
    if (!/^\d+$/.test(values.port) || Number(values.port) > 65534)
      throw new Error(`--port takes 0 to 65534, got "${values.port}"`);
    apiPort = Number(values.port);
    storagePort = apiPort === 0 ? 0 : apiPort + 1;
  }
  const urlTtlSeconds = parseSeconds('url-ttl', values['url-ttl']);
  const tokenTtlSeconds = parseSeconds('token-ttl', values['token-ttl']);
  return {
    apiPort,
    storagePort,
    mode: values.mode,
    json: values.json ?? false,
    ...(values.data !== undefined ? { dataDir: values.data } : {}),
    ...(urlTtlSeconds !== undefined ? { urlTtlSeconds } : {}),
    ...(tokenTtlSeconds !== undefined ? { tokenTtlSeconds } : {}),
  };
}

/** A word as a POSIX shell reads it back unchanged. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

const option = (name: keyof typeof CONNECTION_OPTIONS) => `--${name}`;

/**
 * `courier fetch` against this server with every option it needs: the API, the account (the
 * password in the environment, never an argument), the object store's origin, plain http (both on
 * this machine) and the key that checks the signatures.
 */
export function fetchCommandLine(server: DemoServer, keyFile: string, program: readonly string[]): string {
  const ids = [...server.catalog.deliveries.keys()];
  const catalogId = ids.includes(BUILTIN_IDS.fieldNav)
    ? BUILTIN_IDS.fieldNav
    : (ids[0] ?? BUILTIN_IDS.fieldNav);
  const words = [
    ...program,
    'fetch',
    catalogId,
    option('server'),
    server.apiUrl,
    option('username'),
    server.credentials.username,
    option('storage-origin'),
    server.storageUrl,
    option('allow-http'),
    option('public-key'),
    keyFile,
  ];
  return `${PASSWORD_ENV}=${shellWord(server.credentials.password)} ${words.map(shellWord).join(' ')}`;
}

function describe(server: DemoServer, keyFile: string, program: readonly string[]): string {
  const origin = server.apiUrl.replace(/\/api$/, '');
  const lines = [
    `Courier demo server, ${server.mode} mode: a GetApp-compatible server on this machine only.`,
    '',
    `  API            ${server.apiUrl}`,
    `  Object store   ${server.storageUrl}`,
    `  Username       ${server.credentials.username}`,
    `  Password       ${server.credentials.password}`,
    `  Device secret  ${server.credentials.deviceSecret}`,
    `  Public key     ${keyFile} (also ${origin}/demo/public-key.pem)`,
    '',
    'Deliveries:',
  ];
  for (const delivery of server.catalog.deliveries.values()) {
    const name = delivery.component?.displayName ?? (delivery.kind === 'map' ? 'Map package' : '');
    lines.push(`  ${delivery.catalogId.padEnd(40)} ${name}`);
  }
  lines.push(
    '',
    'Stage a delivery from it in a second terminal (put another id from the list in its place to try others):',
    `  ${fetchCommandLine(server, keyFile, program)}`,
    '',
    'Press Ctrl-C to stop.',
  );
  return lines.join('\n');
}

/** The key as a file --public-key takes, in a folder only this user can reach (never a guessable path). */
async function writeKeyFile(pem: string): Promise<{ readonly path: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'courier-demo-'));
  const path = join(dir, 'cosign.pub');
  await writeFile(path, pem);
  return { path, remove: () => rm(dir, { recursive: true, force: true }) };
}

export async function demoCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let args: DemoArgs;
  try {
    args = parseDemoArgs(argv);
  } catch (error) {
    writeLine(io.stderr, `courier demo: ${(error as Error).message}`);
    return EXIT.usage;
  }
  let server: DemoServer;
  try {
    server = await startDemoServer({
      mode: args.mode,
      apiPort: args.apiPort,
      storagePort: args.storagePort,
      ...(args.dataDir !== undefined ? { dataDir: args.dataDir } : {}),
      ...(args.urlTtlSeconds !== undefined ? { urlTtlSeconds: args.urlTtlSeconds } : {}),
      ...(args.tokenTtlSeconds !== undefined ? { tokenTtlSeconds: args.tokenTtlSeconds } : {}),
    });
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE') {
      writeLine(
        io.stderr,
        `courier demo: port ${args.apiPort} or ${args.storagePort} is in use; try --port 0 for free ports.`,
      );
      return EXIT.network;
    }
    writeLine(io.stderr, `courier demo: ${err.message}`);
    return args.dataDir !== undefined ? EXIT.usage : EXIT.network;
  }
  const keyFile = await writeKeyFile(server.publicKeyPem);
  try {
    if (args.json) {
      const { apiUrl, storageUrl, publicKeyPem, mode } = server;
      const { username, password, deviceSecret } = server.credentials;
      const publicKeyFile = keyFile.path;
      writeLine(
        io.stdout,
        JSON.stringify({
          apiUrl,
          storageUrl,
          mode,
          username,
          password,
          deviceSecret,
          publicKeyPem,
          publicKeyFile,
        }),
      );
    } else {
      writeLine(io.stdout, describe(server, keyFile.path, io.program ?? ['courier']));
    }
    await io.stopRequested;
  } finally {
    await server.close();
    await keyFile.remove();
  }
  return EXIT.ok;
}
