// A Courier service wired to a fresh in-process demo server, temp folders, memory secrets and spy
// dialogs/shell, recording every push message: for service, web-host and main tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import {
  startDemoServer,
  type DemoServer,
  type DemoServerOptions,
} from '../../electron/demo-server/index.js';
import { realClock, type Clock } from '../../electron/engine/index.js';
import {
  createCourierService,
  createJsonSettingsStore,
  createMemorySecretStore,
  type CourierService,
  type Dialogs,
  type PushMessage,
  type SecretStore,
  type Shell,
} from '../../electron/service/index.js';
import type { JobSnapshot } from '../../electron/shared/snapshots.js';

export interface ServiceHarness {
  readonly service: CourierService;
  readonly messages: PushMessage[];
  readonly stagingRoot: string;
  readonly appData: string;
  readonly dialogs: {
    chooseFolder: ReturnType<typeof vi.fn>;
    chooseFile: ReturnType<typeof vi.fn>;
    confirm: ReturnType<typeof vi.fn>;
  };
  readonly openPath: ReturnType<typeof vi.fn>;
  readonly secrets: SecretStore;
  /** The demo server once the service started it. */
  demo(): DemoServer | undefined;
  /** Resolves with the first snapshot of `jobId` pushed at or after message index `from` that satisfies `done`. */
  waitForJob(jobId: string, done: (job: JobSnapshot) => boolean, from?: number): Promise<JobSnapshot>;
  close(): Promise<void>;
}

export async function serviceHarness(
  options: {
    clock?: Clock;
    dialogs?: Partial<Dialogs>;
    secrets?: SecretStore;
    demoOptions?: DemoServerOptions;
    startDemo?: () => Promise<DemoServer>;
    appData?: string;
    /** Replaces the openPath spy (browser mode's shell, for example). */
    shell?: Shell;
    /** Browser mode's stand-in for the drive (with dialogs that cannot open). */
    exportTarget?: string;
  } = {},
): Promise<ServiceHarness> {
  const base = await mkdtemp(join(tmpdir(), 'courier-service-'));
  const stagingRoot = join(base, 'packages');
  const appData = options.appData ?? join(base, 'app-data');
  let demo: DemoServer | undefined;
  const dialogs = {
    chooseFolder: vi.fn(async (): Promise<string | undefined> => undefined),
    chooseFile: vi.fn(async (): Promise<string | undefined> => undefined),
    // Nobody at the screen says yes unless a test says so.
    confirm: vi.fn(async (): Promise<boolean> => false),
    ...options.dialogs,
  };
  const openPath = vi.fn(async () => '');
  const secrets = options.secrets ?? createMemorySecretStore();
  const service = await createCourierService({
    settingsStore: createJsonSettingsStore(appData),
    secrets,
    dialogs,
    shell: options.shell ?? { openPath },
    startDemo: async () =>
      (demo = await (options.startDemo ?? (() => startDemoServer(options.demoOptions)))()),
    clock: options.clock ?? realClock,
    defaultStagingFolder: stagingRoot,
    defaultDeviceId: 'TECH-LAPTOP-07',
    ...(options.exportTarget !== undefined ? { defaultExportTarget: options.exportTarget } : {}),
    engineConfig: {
      download: { backoffBaseMs: 0, backoffMaxMs: 0 },
      polling: { intervalMs: 10, maxIntervalMs: 20 },
    },
  });
  const messages: PushMessage[] = [];
  const waiters = new Set<(message: PushMessage) => void>();
  service.subscribe((message) => {
    messages.push(message);
    for (const waiter of [...waiters]) waiter(message);
  });
  return {
    service,
    messages,
    stagingRoot,
    appData,
    dialogs: dialogs as ServiceHarness['dialogs'],
    openPath,
    secrets,
    demo: () => demo,
    waitForJob(jobId, done, from = 0) {
      const seen = messages
        .slice(from)
        .find((m) => m.event === 'job' && m.payload.jobId === jobId && done(m.payload));
      if (seen) return Promise.resolve(seen.payload as JobSnapshot);
      return new Promise((resolve) => {
        const waiter = (m: PushMessage) => {
          if (m.event === 'job' && m.payload.jobId === jobId && done(m.payload)) {
            waiters.delete(waiter);
            resolve(m.payload);
          }
        };
        waiters.add(waiter);
      });
    },
    async close() {
      await service.close();
      await rm(base, { recursive: true, force: true });
    },
  };
}

/** Unwraps a Result in a test, failing with its message. */
export function value<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(`expected ok, got: ${result.error.message}`);
  return result.value;
}
