// Staging a release with its dependencies (protocol §5, leaf → root) against the demo server, whose
// 5.mixed-stack@1.0.0 depends on 3.b64-tools@1.0.0: order, manifest listing, a second run that
// downloads nothing, a failing dependency, a cycle, and pausing while a dependency downloads.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { BUILTIN_IDS } from '../../../electron/demo-server/index.js';
import { createApiClient } from '../../../electron/engine/api/api-client.js';
import { realClock } from '../../../electron/engine/clock.js';
import { createTransport } from '../../../electron/engine/http/transport.js';
import { createEngine, type Engine } from '../../../electron/engine/index.js';
import { readManifest } from '../../../electron/engine/staging/manifest-io.js';
import type { JobSnapshot } from '../../../electron/shared/snapshots.js';
import { engineHarness, type EngineHarness } from '../../support/engine-harness.js';

const PARENT = BUILTIN_IDS.mixedStack;
const DEPENDENCY = BUILTIN_IDS.b64Tools;

let harness: EngineHarness | undefined;
const extraEngines: Engine[] = [];
afterEach(async () => {
  await Promise.all(extraEngines.splice(0).map((engine) => engine.close()));
  await harness?.close();
  harness = undefined;
});

async function fetchWithDependencies(engine: Engine, catalogId: string = PARENT): Promise<JobSnapshot> {
  const started = engine.start(catalogId, undefined, { withDependencies: true });
  if (!started.ok) throw new Error(started.error.message);
  const settled = await engine.settled(started.value.jobId);
  if (!settled.ok) throw new Error(settled.error.message);
  return settled.value;
}

/** The release as the server describes it, asked with an API client of its own. */
async function componentOf(h: EngineHarness, catalogId: string) {
  const transport = createTransport();
  try {
    const { username, password } = h.server.credentials;
    const api = createApiClient({
      apiUrl: h.server.apiUrl,
      auth: { kind: 'password', username, password: async () => password },
      deviceId: 'TECH-LAPTOP-07',
      transport,
      clock: realClock,
    });
    return await api.component(catalogId);
  } finally {
    transport.close();
  }
}

const jobOf = (engine: Engine, catalogId: string) => engine.jobs().find((j) => j.catalogId === catalogId);
const storage = (h: EngineHarness, match = '') => h.server.requestLog!.count(match, 'storage');

/** The order in which jobs reached a phase, from the engine's events. */
function reached(h: EngineHarness, phase: string): string[] {
  const seen: string[] = [];
  for (const event of h.events)
    if (event.type === 'job' && event.job.phase === phase && !seen.includes(event.job.catalogId))
      seen.push(event.job.catalogId);
  return seen;
}

describe('staging with dependencies', () => {
  test('the dependency is staged first, in its own folder, and the parent manifest lists it', async () => {
    harness = await engineHarness();
    const parent = await fetchWithDependencies(harness.engine);
    expect(parent.phase).toBe('staged');
    const dependency = jobOf(harness.engine, DEPENDENCY)!;
    expect(dependency).toMatchObject({ phase: 'staged', verified: true });
    expect(dependency.folder).not.toBe(parent.folder);

    expect(reached(harness, 'staged')).toEqual([DEPENDENCY, PARENT]);
    // The parent's own artifacts are requested only after the dependency is staged.
    const files = harness.server.requestLog!.entries.filter((e) => e.server === 'storage').map((e) => e.url);
    expect(files).toHaveLength(2);
    expect(files[0]).toContain('b64-tools-1.0.0.tar.gz');
    expect(files[1]).toContain('mixed-stack-config-1.0.0.tar.gz');

    const manifest = await readManifest(parent.folder!);
    expect(manifest.ok && manifest.value.dependencies).toEqual([
      { catalogId: DEPENDENCY, folder: dependency.folder!.split('/').pop() },
    ]);
    // The listed folder is the dependency's package, next to the parent's.
    expect(join(parent.folder!, '..', manifest.ok ? manifest.value.dependencies![0]!.folder : '')).toBe(
      dependency.folder,
    );
    const ownManifest = JSON.parse(await readFile(join(dependency.folder!, 'manifest.json'), 'utf8'));
    expect(ownManifest.dependencies).toBeUndefined();
    // Its container image is recorded, not fetched: every file verifies, and the package says it is
    // incomplete rather than verified.
    const verified = await harness.engine.verifyFolder(parent.folder!);
    expect(verified.ok && verified.value.state).toBe('incomplete');
    expect(verified.ok && verified.value.files.every((f) => f.status === 'verified')).toBe(true);
  });

  test('a second run downloads nothing: the staged dependency and parent are re-verified and reused', async () => {
    harness = await engineHarness();
    await fetchWithDependencies(harness.engine);
    const served = storage(harness);
    expect(served).toBe(2);

    const created = createEngine(harness.engine.config);
    if (!created.ok) throw new Error(created.error.message);
    extraEngines.push(created.value);
    const again = await fetchWithDependencies(created.value);
    expect(again.phase).toBe('staged');
    expect(jobOf(created.value, DEPENDENCY)?.phase).toBe('staged');
    expect(storage(harness)).toBe(served);
    const reused = created.value.jobs().flatMap((j) => j.items.map((i) => i.reusedBytes));
    expect(reused.reduce((a, b) => a + b, 0)).toBeGreaterThan(1_048_000 + 524_000);
    const manifest = await readManifest(again.folder!);
    expect(manifest.ok && manifest.value.dependencies?.map((d) => d.catalogId)).toEqual([DEPENDENCY]);
  });

  test('asking again with dependencies for a release staged without them stages and lists them', async () => {
    harness = await engineHarness();
    const plain = await harness.fetch(PARENT);
    expect(plain.phase).toBe('staged');
    const parent = await fetchWithDependencies(harness.engine);
    expect(parent).toMatchObject({ phase: 'staged', jobId: plain.jobId });
    expect(jobOf(harness.engine, DEPENDENCY)?.phase).toBe('staged');
    // The parent's own file was re-verified in place, not fetched again.
    expect(storage(harness, 'mixed-stack')).toBe(1);
    const manifest = await readManifest(parent.folder!);
    expect(manifest.ok && manifest.value.dependencies?.map((d) => d.catalogId)).toEqual([DEPENDENCY]);
  });

  test('a map (no catalog component) with the option is staged as usual, without dependencies', async () => {
    harness = await engineHarness();
    const map = await fetchWithDependencies(harness.engine, BUILTIN_IDS.map);
    expect(map).toMatchObject({ phase: 'staged', verified: true });
    expect(harness.engine.jobs()).toHaveLength(1);
  });

  test('without the option only the release itself is staged', async () => {
    harness = await engineHarness();
    const job = await harness.fetch(PARENT);
    expect(job.phase).toBe('staged');
    expect(harness.engine.jobs().map((j) => j.catalogId)).toEqual([PARENT]);
    expect(storage(harness, 'b64-tools')).toBe(0);
    const manifest = await readManifest(job.folder!);
    expect(manifest.ok && manifest.value.dependencies).toBeUndefined();
  });

  test('a dependency that fails fails the parent with an error naming it, before the parent downloads', async () => {
    harness = await engineHarness();
    harness.server.faults!.storage('b64-tools-1.0.0.tar.gz', { corruptByteAt: 4096 });
    const parent = await fetchWithDependencies(harness.engine);
    expect(parent.phase).toBe('failed');
    expect(parent.error).toMatchObject({
      code: 'CLIENT.hashMismatch',
      detail: { dependency: DEPENDENCY },
    });
    expect(parent.error!.message).toContain(`Dependency ${DEPENDENCY} of ${PARENT}`);
    expect(jobOf(harness.engine, DEPENDENCY)?.phase).toBe('failed');
    expect(storage(harness, 'mixed-stack')).toBe(0);
  });

  test('a dependency cycle is CLIENT.badResponse naming it, and nothing is downloaded', async () => {
    harness = await engineHarness();
    const parentComponent = await componentOf(harness, PARENT);
    if (!parentComponent.ok) throw new Error(parentComponent.error.message);
    // The server now says the dependency depends on its parent.
    harness.server.faults!.api(`catalog/offering/component/${DEPENDENCY}`, {
      transform: (body) => ({ ...(body as object), dependencies: [parentComponent.value] }),
    });
    const parent = await fetchWithDependencies(harness.engine);
    expect(parent.phase).toBe('failed');
    expect(parent.error?.code).toBe('CLIENT.badResponse');
    expect(parent.error?.message).toContain(`${PARENT} → ${DEPENDENCY} → ${PARENT}`);
    expect(harness.engine.jobs()).toHaveLength(1);
    expect(storage(harness)).toBe(0);
  });

  test('pausing the parent pauses the dependency it waits for; resuming finishes both', async () => {
    harness = await engineHarness();
    // The dependency's download hangs after its first bytes, until the job is paused.
    harness.server.faults!.storage('b64-tools-1.0.0.tar.gz', { stallAfterBytes: 64 * 1024, times: 1 });
    const h = harness;
    const downloading = new Promise<void>((resolve) => {
      const stop = h.engine.subscribe((event) => {
        if (event.type !== 'job' || event.job.catalogId !== DEPENDENCY) return;
        if (event.job.items.some((i) => i.bytesDone > 0)) {
          stop();
          resolve();
        }
      });
    });
    const started = h.engine.start(PARENT, undefined, { withDependencies: true });
    if (!started.ok) throw new Error(started.error.message);
    await downloading;
    h.engine.pause(started.value.jobId);
    const paused = await h.engine.settled(started.value.jobId);
    expect(paused.ok && paused.value.phase).toBe('paused');
    expect(jobOf(h.engine, DEPENDENCY)?.phase).toBe('paused');
    expect(storage(h, 'mixed-stack')).toBe(0);

    h.engine.resume(started.value.jobId);
    const done = await h.engine.settled(started.value.jobId);
    expect(done.ok && done.value.phase).toBe('staged');
    expect(jobOf(h.engine, DEPENDENCY)?.phase).toBe('staged');
  });
});
