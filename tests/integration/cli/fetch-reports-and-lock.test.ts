// What `courier fetch` tells a technician about two things outside the download itself: status reports
// that could not reach the server (kept, counted, sent at the next run), and a delivery folder
// another process is working on (C4: stop at once, exit 8 "in use", name the delivery).
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { EXIT } from '../../../electron/cli/exit-codes.js';
import { main } from '../../../electron/cli/courier-cli.js';
import { BUILTIN_IDS, startDemoServer, type DemoServer } from '../../../electron/demo-server/index.js';
import { realClock } from '../../../electron/engine/clock.js';
import { nodeFs } from '../../../electron/engine/staging/fs-adapter.js';
import { openJobFolder } from '../../../electron/engine/staging/job-folder.js';
import { acquireLock } from '../../../electron/engine/staging/lock.js';
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

async function fetchPlain(out: string, ...ids: string[]) {
  const io = captureIo({ [SECRET_ENV]: server!.credentials.deviceSecret });
  const code = await main(
    [
      'fetch',
      ...ids,
      '--out',
      out,
      '--server',
      server!.apiUrl,
      '--device-secret-env',
      SECRET_ENV,
      '--storage-origin',
      server!.storageUrl,
      '--allow-http',
      '--public-key',
      join(out, '..', 'cosign.pub'),
    ],
    io,
  );
  return { code, out: io.out(), err: io.err() };
}

async function setUp() {
  server = await startDemoServer({ faults: true });
  const dir = await tempDir();
  const { writeFile, mkdir } = await import('node:fs/promises');
  await writeFile(join(dir, 'cosign.pub'), server.publicKeyPem);
  const out = join(dir, 'packages');
  await mkdir(out);
  return out;
}

describe('courier fetch: waiting status reports', () => {
  test('reports the server could not take are counted in the summary, then sent by the next fetch', async () => {
    const out = await setUp();
    server!.faults!.api('delivery/updateDownloadStatus', { status: 503, retryAfter: '0' });
    const first = await fetchPlain(out, ID);
    expect(first.code).toBe(EXIT.ok);
    expect(first.out).toMatch(/\d+ status reports could not reach the server and wait in the staging folder/);

    server!.faults!.clear();
    const second = await fetchPlain(out, BUILTIN_IDS.b64Tools);
    expect(second.code).toBe(EXIT.ok);
    expect(second.out, second.out + second.err).toMatch(
      /Sent \d+ status reports that earlier runs could not deliver\./,
    );
    expect(second.out).not.toMatch(/could not reach the server/);
    const rows = server!.reports.list({ catalogId: ID });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.deliveryStatus).toBe('Done');
  });
});

describe('courier fetch: a delivery in use (C4)', () => {
  test('another process holding the job folder stops the fetch before any download, exit 8', async () => {
    const out = await setUp();
    const clock = realClock;
    const folder = await openJobFolder({ stagingRoot: out, catalogId: ID, fs: nodeFs, clock });
    if (!folder.ok) throw new Error(folder.error.message);
    const held = await acquireLock({ controlDir: folder.value.controlDir, fs: nodeFs, clock, catalogId: ID });
    if (!held.ok) throw new Error(held.error.message);
    try {
      const run = await fetchPlain(out, ID);
      expect(run.code).toBe(EXIT.inUse);
      expect(run.out).toContain('CLIENT.locked');
      expect(run.out).toContain(ID);
      expect(server!.requestLog!.count('/getapp/', 'storage')).toBe(0);
    } finally {
      await held.value.release();
    }
  });
});
