// The server connection shared by `fetch` and `status`: a real GetApp server from the options, or,
// with no --server, the built-in demo server started in-process so a first command just works.
import { hostname } from 'node:os';
import { readFile } from 'node:fs/promises';
import type { DemoServer } from '../demo-server/index.js';
import type { AuthConfig, EngineConfigInput, TlsConfig } from '../engine/config.js';
import { demoConnection } from '../shared/demo-connection.js';
import type { ItemType } from '../shared/getapp-protocol.js';
import { SETTING_DEFAULTS } from '../shared/settings-schema.js';
import { passwordProvider, type PasswordSources } from './password.js';
import { UsageError } from './usage-error.js';

/** The item types the command line fetches; the desktop offers every one of ITEM_TYPES. */
const CLI_ITEM_TYPES = ['software', 'map'] as const satisfies readonly ItemType[];
const isCliItemType = (value: string): value is (typeof CLI_ITEM_TYPES)[number] =>
  (CLI_ITEM_TYPES as readonly string[]).includes(value);

export const CONNECTION_OPTIONS = {
  server: { type: 'string' },
  username: { type: 'string' },
  'password-stdin': { type: 'boolean', default: false },
  'device-secret-env': { type: 'string' },
  'device-id': { type: 'string' },
  'item-type': { type: 'string', default: SETTING_DEFAULTS.itemType },
  'public-key': { type: 'string' },
  ca: { type: 'string' },
  cert: { type: 'string' },
  key: { type: 'string' },
  source: { type: 'string' },
  'storage-origin': { type: 'string', multiple: true },
  'allow-http': { type: 'boolean', default: false },
} as const;

export const CONNECTION_HELP = `  --server URL             GetApp API (with or without /api); without it, the built-in demo server
  --username U             log in as U; the password comes from COURIER_PASSWORD, --password-stdin,
                           or a prompt (never an argument)
  --device-secret-env VAR  authenticate with the device secret in environment variable VAR instead
  --device-id ID           the device id reported to the server (default: this computer's name)
  --item-type T            software (default) or map
  --public-key FILE        cosign.pub: verify every artifact signature with it
  --ca FILE                extra certificate authorities (PEM) for a private PKI
  --cert FILE --key FILE   client certificate and key (PEM) for mTLS; with neither --username nor
                           --device-secret-env, the certificate alone signs in (auth_type: CC)
  --source remote|cache    passed to the server as ?source= (agents acting as delivery nodes)
  --storage-origin URL     an origin artifacts may come from besides the API (repeatable)
  --allow-http             allow plain http artifact URLs (lab servers)
`;

export interface ConnectionValues {
  server?: string;
  username?: string;
  'password-stdin'?: boolean;
  'device-secret-env'?: string;
  'device-id'?: string;
  'item-type'?: string;
  'public-key'?: string;
  ca?: string;
  cert?: string;
  key?: string;
  source?: string;
  'storage-origin'?: string[];
  'allow-http'?: boolean;
}

export interface Connection {
  readonly config: Omit<EngineConfigInput, 'stagingRoot'>;
  /** Set when the built-in demo server was started for this command. */
  readonly demo: DemoServer | undefined;
  close(): Promise<void>;
}

async function readPem(path: string | undefined, what: string): Promise<string | undefined> {
  if (path === undefined) return undefined;
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read the ${what} file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

export async function openConnection(
  values: ConnectionValues,
  sources: PasswordSources,
): Promise<Connection> {
  const itemType = values['item-type'] ?? SETTING_DEFAULTS.itemType;
  if (!isCliItemType(itemType))
    throw new UsageError(`--item-type is ${CLI_ITEM_TYPES.join(' or ')}, got "${itemType}"`);
  if (values.source !== undefined && values.source !== 'remote' && values.source !== 'cache') {
    throw new UsageError(`--source is remote or cache, got "${values.source}"`);
  }
  if ((values.cert === undefined) !== (values.key === undefined))
    throw new UsageError('--cert and --key go together');
  const publicKeyPem = await readPem(values['public-key'], 'public key');
  const tls: TlsConfig = {
    ...(values.ca ? { ca: (await readPem(values.ca, 'CA bundle'))! } : {}),
    ...(values.cert
      ? {
          cert: (await readPem(values.cert, 'client certificate'))!,
          key: (await readPem(values.key, 'client key'))!,
        }
      : {}),
  };
  const common = {
    deviceId: values['device-id'] ?? hostname(),
    itemType,
    ...(values.source ? { source: values.source as 'remote' | 'cache' } : {}),
    ...(Object.keys(tls).length > 0 ? { tls } : {}),
  } as const;

  if (values.server === undefined) {
    // Loaded only when used: a run against a real server carries none of the demo's code.
    const { startDemoServer } = await import('../demo-server/index.js');
    const demo = await startDemoServer();
    return {
      demo,
      config: { ...common, ...demoConnection(demo, publicKeyPem) },
      close: () => demo.close(),
    };
  }

  let auth: AuthConfig;
  const secretVar = values['device-secret-env'];
  if (secretVar !== undefined) {
    const secret = sources.env[secretVar];
    if (!secret)
      throw new UsageError(
        `environment variable ${secretVar} (from --device-secret-env) is empty or not set`,
      );
    auth = { kind: 'deviceSecret', secret };
  } else if (values.username !== undefined) {
    const ask = passwordProvider(
      { ...sources, fromStdin: values['password-stdin'] === true },
      values.username,
    );
    let password: string;
    try {
      password = await ask();
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    auth = { kind: 'password', username: values.username, password: async () => password };
  } else if (tls.cert && tls.key) {
    auth = { kind: 'clientCertificate' };
  } else {
    throw new UsageError(
      '--server needs --username (with a password), --device-secret-env VAR, or --cert FILE --key FILE (mTLS)',
    );
  }
  return {
    demo: undefined,
    config: {
      ...common,
      apiUrl: values.server,
      auth,
      storageOrigins: values['storage-origin'] ?? [],
      allowHttp: values['allow-http'] === true,
      ...(publicKeyPem ? { publicKeyPem } : {}),
    },
    close: async () => {},
  };
}
