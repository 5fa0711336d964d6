// What `courier fetch` says when it refuses: the options a first-time user forgets against a
// separately started demo server, one at a time. Each refusal comes before any byte is downloaded,
// is told once for all the files it hit, names the exact option that lifts it, and exits with its
// cause's class (never 1, "staged, but partial": nothing was staged). `status` and `verify` give
// remedies too.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { EXIT } from '../../../electron/cli/exit-codes.js';
import { main } from '../../../electron/cli/courier-cli.js';
import { BUILTIN_IDS, startDemoServer, type DemoServer } from '../../../electron/demo-server/index.js';
import { captureIo } from '../../support/cli-io.js';
import { useTempDirs } from '../../support/temp-dir.js';

const tempDir = useTempDirs();
const ID = BUILTIN_IDS.fieldNav;
const SECRET_ENV = 'COURIER_TEST_SECRET';

let server: DemoServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start() {
  server = await startDemoServer({ faults: true });
  const dir = await tempDir();
  const keyFile = join(dir, 'cosign.pub');
  await writeFile(keyFile, server.publicKeyPem);
  return { dir, keyFile };
}

/** `courier <args>` against the demo server, signed in with its device secret. */
async function courier(...args: string[]) {
  const io = captureIo({ [SECRET_ENV]: server?.credentials.deviceSecret });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

async function fetchWith(dir: string, ...options: string[]) {
  return courier(
    'fetch',
    ID,
    '--out',
    dir,
    '--server',
    server!.apiUrl,
    '--device-secret-env',
    SECRET_ENV,
    ...options,
  );
}

/** The "what to do" line under the one error line of `code`. */
function causeOf(out: string, code: string): { said: string; remedy: string } {
  const lines = out.split('\n');
  const at = lines.flatMap((line, i) => (line.startsWith(`  ${code}`) ? [i] : []));
  expect(at, out).toHaveLength(1);
  return { said: lines[at[0]!]!, remedy: lines[at[0]! + 1]!.trim() };
}

const storageRequests = () => server!.requestLog!.count('', 'storage');

describe('courier fetch refusals: before any byte, once per cause, with the option that lifts them', () => {
  test('plain http from another origin: --allow-http and --storage-origin with its value, exit 2', async () => {
    const { dir } = await start();
    const run = await fetchWith(dir);
    expect(run.code).toBe(EXIT.usage);
    const { said, remedy } = causeOf(run.out, 'CLIENT.urlRejected');
    expect(said).toContain('for each of 3 files');
    expect(said).toContain('the scheme "http:" is not allowed (https only)');
    expect(remedy).toContain(
      `run the command again with --allow-http --storage-origin ${server!.storageUrl}.`,
    );
    expect(run.out).toContain('Nothing was staged.');
    expect(storageRequests()).toBe(0);
  });

  test('each half alone names only what is still missing', async () => {
    const { dir } = await start();
    const withHttp = await fetchWith(dir, '--allow-http');
    expect(withHttp.code).toBe(EXIT.usage);
    const origin = causeOf(withHttp.out, 'CLIENT.urlRejected').remedy;
    expect(origin).toContain(`--storage-origin ${server!.storageUrl}`);
    expect(origin).not.toContain('--allow-http');

    const withOrigin = await fetchWith(dir, '--storage-origin', server!.storageUrl);
    expect(withOrigin.code).toBe(EXIT.usage);
    const http = causeOf(withOrigin.out, 'CLIENT.urlRejected').remedy;
    expect(http).toContain('--allow-http');
    expect(http).not.toContain('--storage-origin');
    expect(storageRequests()).toBe(0);
  });

  test('signed files and no key: --public-key FILE, and not one byte fetched', async () => {
    const { dir } = await start();
    const run = await fetchWith(dir, '--allow-http', '--storage-origin', server!.storageUrl);
    expect(run.code).toBe(EXIT.usage);
    const { said, remedy } = causeOf(run.out, 'CLIENT.unverified');
    expect(said).toContain('for each of 3 files');
    expect(said).toContain('no public key is configured');
    expect(remedy).toContain('--public-key FILE');
    expect(storageRequests()).toBe(0);
  });

  test('a key pinned and the signatures stripped on the way: refused up front, exit 3', async () => {
    const { dir, keyFile } = await start();
    const strip = (body: unknown) => {
      for (const artifact of (body as { artifacts?: { signature?: string | null }[] }).artifacts ?? [])
        delete artifact.signature;
      return body;
    };
    server!.faults!.api('delivery/', { transform: strip });
    const run = await fetchWith(
      dir,
      '--allow-http',
      '--storage-origin',
      server!.storageUrl,
      '--public-key',
      keyFile,
    );
    expect(run.code).toBe(EXIT.verificationFailed);
    const { said, remedy } = causeOf(run.out, 'CLIENT.signatureMissing');
    expect(said).toContain('It was not downloaded.');
    expect(remedy).toContain('--public-key');
    expect(storageRequests()).toBe(0);
  });
});

describe('remedies outside fetch', () => {
  test('status of an unknown delivery: the code, what it means and what to do', async () => {
    await start();
    const run = await courier(
      'status',
      '99.nope@1.0.0',
      '--server',
      server!.apiUrl,
      '--device-secret-env',
      SECRET_ENV,
    );
    expect(run.code).toBe(EXIT.server);
    expect(run.out).toContain('DELIVERY.notFound');
    expect(run.out).toMatch(/The server does not know this delivery\. Check the catalog id .*--server/);
  });

  test('verify of a folder that is no package: what to give instead, not "the values entered"', async () => {
    const run = await courier('verify', await tempDir());
    expect(run.code).toBe(EXIT.usage);
    const [said, remedy] = run.err.trimEnd().split('\n');
    expect(said).toMatch(/^courier verify: CLIENT\.\w+: /);
    expect(remedy).toMatch(/^ {2}\S.*\. \S/);
    expect(run.err).not.toContain('values entered');
  });
});
