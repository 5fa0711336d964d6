// C1: the real `courier` process killed with SIGKILL mid-download, then run again: the file verifies,
// and at most one checkpoint interval plus one chunk is fetched twice (goal 4), counted by the server.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startDemoServer, type DemoServer } from '../../../electron/demo-server/index.js';
import { WRITE_BATCH } from '../../../electron/engine/download/body-pump.js';
import type { EngineEvent } from '../../../electron/shared/snapshots.js';
import { CLI_BUNDLE_ENTRY } from '../../../scripts/build/cli-bundle-entry.js';
import { repoRoot } from '../../support/paths.js';

const MiB = 1024 * 1024;
const SIZE = 24 * MiB + 5;
const CHECKPOINT = 8 * MiB;
const CHUNK = WRITE_BATCH;
const ID = '9.crash-test@1.0.0';
const FILE = 'crash-test.img';
const cli = join(repoRoot, 'bin', 'courier.js');

let server: DemoServer | undefined;
let work: string | undefined;
afterEach(async () => {
  await server?.close();
  if (work) await rm(work, { recursive: true, force: true });
  server = undefined;
});

beforeAll(() => {
  if (!existsSync(CLI_BUNDLE_ENTRY))
    throw new Error('run "npm run build" first: this test runs the built CLI');
});

/** Runs `courier fetch` as a child process; resolves with its exit code, or kills it when `killWhen` says so. */
function runCli(args: string[], killWhen?: (event: EngineEvent) => boolean): Promise<number | string> {
  const child = spawn(process.execPath, [cli, ...args], {
    env: { ...process.env, COURIER_TEST_SECRET: 'demo-device-secret' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    const event = JSON.parse(line) as EngineEvent | { type: 'result' };
    if (event.type !== 'result' && killWhen?.(event)) child.kill('SIGKILL');
  });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code ?? -1)));
}

async function setup(): Promise<{ args: string[]; body: Buffer }> {
  work = await mkdtemp(join(tmpdir(), 'courier-crash-'));
  const data = join(work, 'data');
  const out = join(work, 'out');
  await mkdir(data);
  await mkdir(out);
  const body = randomBytes(SIZE);
  await writeFile(join(data, FILE), body);
  await writeFile(
    join(data, 'courier-demo.json'),
    JSON.stringify({ deliveries: [{ catalogId: ID, artifacts: [{ file: FILE, hash: 'SHA256Hex' }] }] }),
  );
  server = await startDemoServer({ faults: true, dataDir: data });
  const args = [
    'fetch',
    ID,
    '--json',
    '--out',
    out,
    '--server',
    server.apiUrl,
    '--device-secret-env',
    'COURIER_TEST_SECRET',
    '--storage-origin',
    server.storageUrl,
    '--allow-http',
  ];
  return { args, body };
}

describe('C1: killed mid-download, then run again', () => {
  for (const killAt of [2 * MiB, 9 * MiB + 12_345, 20 * MiB]) {
    test(`SIGKILL after ${killAt} bytes: the rerun completes, verified, re-fetching at most a checkpoint + a chunk`, async () => {
      const { args, body } = await setup();
      // The server stops sending at the kill point, so the process is killed there, deterministically.
      server!.faults!.storage(FILE, { stallAfterBytes: killAt, times: 1 });
      const killed = await runCli(
        args,
        (event) => event.type === 'job' && (event.job.items[0]?.bytesDone ?? 0) >= killAt,
      );
      expect(killed).toBe('SIGKILL');

      const exit = await runCli(args);
      expect(exit).toBe(0);
      const staged = await readFile(join(work!, 'out', ID, FILE));
      expect(staged.equals(body)).toBe(true);
      const refetched = server!.requestLog!.bytesSent(FILE) - SIZE;
      expect(refetched).toBeGreaterThanOrEqual(0);
      expect(refetched).toBeLessThanOrEqual(CHECKPOINT + CHUNK);
    });
  }
});
