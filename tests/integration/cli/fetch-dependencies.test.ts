// `courier fetch --with-dependencies`: what a technician (or a script) sees when a release needs
// another one, against a real demo server over loopback and a real --out folder.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { BUILTIN_IDS, startDemoServer, type DemoServer } from '../../../electron/demo-server/index.js';
import { main } from '../../../electron/cli/courier-cli.js';
import { EXIT } from '../../../electron/cli/exit-codes.js';
import { readManifest } from '../../../electron/engine/staging/manifest-io.js';
import type { JobSnapshot } from '../../../electron/shared/snapshots.js';
import { captureIo } from '../../support/cli-io.js';
import { useTempDirs } from '../../support/temp-dir.js';

const tempDir = useTempDirs();
const PARENT = BUILTIN_IDS.mixedStack;
const DEPENDENCY = BUILTIN_IDS.b64Tools;

let server: DemoServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function fetchArgs(out: string, ...extra: string[]): Promise<string[]> {
  const key = join(await tempDir(), 'cosign.pub');
  await writeFile(key, server!.publicKeyPem);
  return [
    'fetch',
    PARENT,
    '--with-dependencies',
    '--out',
    out,
    '--server',
    server!.apiUrl,
    '--username',
    server!.credentials.username,
    '--storage-origin',
    server!.storageUrl,
    '--allow-http',
    '--public-key',
    key,
    '--device-id',
    'TECH-LAPTOP-07',
    ...extra,
  ];
}

async function run(args: string[]) {
  const io = captureIo({ COURIER_PASSWORD: server!.credentials.password, NO_COLOR: '1' });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

function resultLine(out: string): { exitCode: number; reusedBytes: number; jobs: JobSnapshot[] } {
  const last = out.trim().split('\n').at(-1)!;
  return JSON.parse(last) as { exitCode: number; reusedBytes: number; jobs: JobSnapshot[] };
}

describe('courier fetch --with-dependencies', () => {
  test('stages the dependency first, lists it in the parent manifest; a second run downloads nothing', async () => {
    server = await startDemoServer({ faults: true });
    const out = await tempDir();
    const first = await run(await fetchArgs(out, '--json'));
    // 5.mixed-stack carries a container image and an RPM that are only listed: a partial package.
    expect(first.code).toBe(EXIT.partial);
    const result = resultLine(first.out);
    expect(result.jobs.map((j) => [j.catalogId, j.phase])).toEqual([
      [DEPENDENCY, 'staged'],
      [PARENT, 'staged'],
    ]);
    expect(result.reusedBytes).toBe(0);
    const files = server.requestLog!.entries.filter((e) => e.server === 'storage').map((e) => e.url);
    expect(files.map((url) => url.split('/').pop()!.split('?')[0])).toEqual([
      'b64-tools-1.0.0.tar.gz',
      'mixed-stack-config-1.0.0.tar.gz',
    ]);
    const manifest = await readManifest(result.jobs[1]!.folder!);
    expect(manifest.ok && manifest.value.dependencies).toEqual([
      { catalogId: DEPENDENCY, folder: DEPENDENCY },
    ]);

    const second = await run(await fetchArgs(out));
    expect(second.code).toBe(EXIT.partial);
    expect(server.requestLog!.count('', 'storage')).toBe(2);
    const lines = second.out.split('\n');
    const dependencyLine = lines.findIndex((l) => l.startsWith(`${DEPENDENCY}  staged, verified`));
    const parentLine = lines.findIndex((l) => l.startsWith(`${PARENT}  staged`));
    expect(dependencyLine).toBeGreaterThanOrEqual(0);
    expect(parentLine).toBeGreaterThan(dependencyLine);
    // b64-tools (1 MiB) and the mixed-stack config (0.5 MiB) were re-verified in place, not fetched.
    expect(second.out).toContain('Not downloaded again: 1.5 MiB were already on this disk, verified');
    expect(second.out).not.toContain('from earlier packages');
  });

  test('without the flag the dependency is not fetched', async () => {
    server = await startDemoServer({ faults: true });
    const { code, out } = await run(
      (await fetchArgs(await tempDir(), '--json')).filter((a) => a !== '--with-dependencies'),
    );
    expect(code).toBe(EXIT.partial);
    expect(resultLine(out).jobs.map((j) => j.catalogId)).toEqual([PARENT]);
    expect(server.requestLog!.count('b64-tools', 'storage')).toBe(0);
  });

  test('a failing dependency fails the command with its exit code and names the dependency', async () => {
    server = await startDemoServer({ faults: true });
    server.faults!.storage('b64-tools-1.0.0.tar.gz', { corruptByteAt: 10 });
    const { code, out } = await run(await fetchArgs(await tempDir()));
    expect(code).toBe(EXIT.verificationFailed);
    expect(out).toContain(`${PARENT}  failed: CLIENT.hashMismatch`);
    expect(out).toContain(`Dependency ${DEPENDENCY} of ${PARENT} could not be staged`);
    expect(server.requestLog!.count('mixed-stack', 'storage')).toBe(0);
  });

  test('--help documents the flag', async () => {
    const io = captureIo();
    await main(['fetch', '--help'], io);
    expect(io.out() + io.err()).toContain('--with-dependencies');
  });
});
