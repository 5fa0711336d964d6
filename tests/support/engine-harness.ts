// An engine wired to a fresh demo server and a temp staging root, for end-to-end engine tests over
// real sockets and real files.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startDemoServer,
  type DemoServer,
  type DemoServerOptions,
} from '../../electron/demo-server/index.js';
import {
  createEngine,
  type Engine,
  type EngineConfigInput,
  type EngineDeps,
} from '../../electron/engine/index.js';
import type { EngineEvent, JobSnapshot } from '../../electron/shared/snapshots.js';

export interface EngineHarness {
  readonly server: DemoServer;
  readonly engine: Engine;
  readonly root: string;
  readonly events: EngineEvent[];
  /** Starts a job and waits for its run to end. */
  fetch(catalogId: string): Promise<JobSnapshot>;
  close(): Promise<void>;
}

export async function engineHarness(
  options: {
    server?: DemoServerOptions;
    config?: Partial<EngineConfigInput>;
    deps?: Partial<EngineDeps>;
  } = {},
): Promise<EngineHarness> {
  const server = await startDemoServer({ faults: true, ...options.server });
  const root = await mkdtemp(join(tmpdir(), 'courier-engine-'));
  const created = createEngine(
    {
      apiUrl: server.apiUrl,
      auth: {
        kind: 'password',
        username: server.credentials.username,
        password: async () => server.credentials.password,
      },
      deviceId: 'TECH-LAPTOP-07',
      stagingRoot: root,
      storageOrigins: [server.storageUrl],
      allowHttp: true,
      publicKeyPem: server.publicKeyPem,
      download: { backoffBaseMs: 0, backoffMaxMs: 0 },
      polling: { intervalMs: 10, maxIntervalMs: 20 },
      ...options.config,
    },
    options.deps,
  );
  if (!created.ok) throw new Error(created.error.message);
  const engine = created.value;
  const events: EngineEvent[] = [];
  engine.subscribe((event) => events.push(event));
  return {
    server,
    engine,
    root,
    events,
    async fetch(catalogId) {
      const started = engine.start(catalogId);
      if (!started.ok) throw new Error(started.error.message);
      const settled = await engine.settled(started.value.jobId);
      if (!settled.ok) throw new Error(settled.error.message);
      return settled.value;
    },
    async close() {
      await engine.close();
      await server.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Resolves once the engine has received at least `bytes` of `file` (real I/O; no timing assumed). */
export async function untilWritten(h: EngineHarness, file: string, bytes: number): Promise<void> {
  const written = () =>
    h.engine
      .jobs()
      .flatMap((job) => job.items)
      .find((item) => item.fileName === file)?.bytesDone ?? 0;
  for (let i = 0; i < 5000 && written() < bytes; i += 1)
    await new Promise((resolve) => setTimeout(resolve, 2));
  if (written() < bytes) throw new Error(`${file}: only ${written()} of ${bytes} bytes arrived`);
}
