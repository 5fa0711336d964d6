// Test support for engine/download: a demo server with faults on real 127.0.0.1 sockets, presigned
// URLs from its real prepareDelivery, a recording ManualClock, real temp folders, and the deps a
// download gets. No network mocks: every byte crosses a socket.
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { startDemoServer } from '../../electron/demo-server/index.js';
import type { DemoServer } from '../../electron/demo-server/index.js';
import { ManualClock } from '../../electron/engine/clock.js';
import type {
  DownloadDeps,
  DownloadRequest,
  ResumeState,
} from '../../electron/engine/download/download-types.js';
import { createTransport } from '../../electron/engine/http/transport.js';
import type { HttpTransport } from '../../electron/engine/http/transport.js';
import { unlimited } from '../../electron/engine/rate-limiter.js';
import { nodeFs } from '../../electron/engine/staging/fs-adapter.js';
import { ok } from '../../electron/shared/result.js';
import { useTempDirs } from './temp-dir.js';

/** A ManualClock that also tells the test when and for how long the code under test went to sleep. */
export class RecordingClock extends ManualClock {
  readonly sleeps: number[] = [];
  private waiters: (() => void)[] = [];

  override sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    this.waiters.splice(0).forEach((wake) => wake());
    return super.sleep(ms, signal);
  }

  /** Resolves with the duration of sleep number `index` (0-based) once it has been asked for. */
  async sleepRequested(index: number): Promise<number> {
    while (this.sleeps.length <= index) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.sleeps[index]!;
  }
}

export interface Artifact {
  readonly catalogId: string;
  readonly itemKey: string;
  readonly url: URL;
  readonly size: number;
  /** The digest the catalog knows for the bytes it should serve. */
  readonly sha256: Buffer;
  readonly signature: string | null;
  /** The object's file name: matches fault scripts and request-log entries. */
  readonly name: string;
}

export interface Recorded {
  readonly checkpoints: ResumeState[];
  readonly progress: { last: number };
}

export interface DownloadHarness {
  readonly server: DemoServer;
  readonly clock: RecordingClock;
  readonly transport: HttpTransport;
  /** `<tmp>/job/.courier/parts`, where every `.part` goes. */
  readonly partsDir: string;
  readonly jobDir: string;
  deps(overrides?: Partial<DownloadDeps>): DownloadDeps;
  /** The artifacts of a catalogId, as the API's prepareDelivery hands them out (fresh URLs). */
  prepare(catalogId: string): Promise<Artifact[]>;
  /** A request for `artifact` into its `.part`, recording checkpoints and progress. */
  request(artifact: Artifact, fields?: Partial<DownloadRequest>): DownloadRequest & Recorded;
  partPath(artifact: Artifact): string;
  /** Moves the demo server's own clock (URL issue and expiry times). */
  advanceServer(ms: number): void;
}

export const FIELD_NAV = '1.field-nav@2.3.1';
export const TAMPERED = '7.tampered@1.0.0';

interface PreparedItem {
  itemKey: string;
  url: string;
  size?: number;
  signature?: string | null;
}

export function useDownloadHarness(): () => DownloadHarness {
  const tempDir = useTempDirs();
  let harness: DownloadHarness | undefined;
  let closeAll: (() => Promise<void>) | undefined;

  beforeEach(async () => {
    let serverTime = Date.UTC(2026, 6, 2, 8, 0, 0);
    const server = await startDemoServer({ faults: true, now: () => serverTime });
    const clock = new RecordingClock();
    const transport = createTransport({ clock });
    const root = await tempDir();
    const jobDir = join(root, 'job');
    const partsDir = join(jobDir, '.courier', 'parts');
    await mkdir(partsDir, { recursive: true });
    const storageOrigin = new URL(server.storageUrl).origin;

    const prepare = async (catalogId: string): Promise<Artifact[]> => {
      const res = await fetch(`${server.apiUrl}/delivery/prepareDelivery`, {
        method: 'POST',
        headers: { 'Device-Auth': server.credentials.deviceSecret, 'Content-Type': 'application/json' },
        body: JSON.stringify({ catalogId, deviceId: 'download-tests', itemType: 'software' }),
      });
      const body = (await res.json()) as { artifacts?: PreparedItem[] };
      const delivery = server.catalog.deliveries.get(catalogId);
      return (body.artifacts ?? [])
        .filter((item) => item.url.startsWith('http'))
        .map((item) => {
          const file = delivery?.artifacts.find((a) => a.itemKey === item.itemKey)?.file;
          if (!file) throw new Error(`no file for ${item.itemKey}`);
          return {
            catalogId,
            itemKey: item.itemKey,
            url: new URL(item.url),
            size: file.object.size,
            sha256: file.sha256,
            signature: item.signature ?? null,
            name: file.name,
          };
        });
    };

    const partPath = (artifact: Artifact) => join(partsDir, `${artifact.name}.part`);

    harness = {
      server,
      clock,
      transport,
      partsDir,
      jobDir,
      deps: (overrides = {}) => ({
        transport,
        clock,
        limiter: unlimited,
        random: () => 0.5,
        fs: nodeFs,
        urlPolicy: { allowedOrigins: [storageOrigin], allowHttp: true },
        timeouts: {
          connectMs: 15_000,
          headersMs: 30_000,
          stallMs: 30_000,
          minThroughput: { bytesPerSecond: 1024, windowMs: 60_000 },
        },
        retry: { attempts: 5, baseMs: 0, maxMs: 0 },
        maxSize: 64 * 1024 ** 3,
        checkpointBytes: 8 * 1024 * 1024,
        ...overrides,
      }),
      prepare,
      request(artifact, fields = {}) {
        const checkpoints: ResumeState[] = [];
        const progress = { last: 0 };
        return {
          itemKey: artifact.itemKey,
          url: artifact.url,
          expectedSize: artifact.size,
          partPath: partPath(artifact),
          onProgress: (bytes) => void (progress.last = bytes),
          onCheckpoint: (state) => void checkpoints.push(state),
          refreshUrl: async () => {
            const fresh = (await prepare(artifact.catalogId)).find((a) => a.itemKey === artifact.itemKey);
            return ok(fresh?.url ?? artifact.url);
          },
          ...fields,
          checkpoints,
          progress,
        };
      },
      partPath,
      advanceServer: (ms) => void (serverTime += ms),
    };
    closeAll = async () => {
      transport.close();
      await server.close();
    };
  });

  afterEach(async () => {
    await closeAll?.();
    harness = undefined;
    closeAll = undefined;
  });

  return () => {
    if (!harness) throw new Error('useDownloadHarness: only usable inside a test');
    return harness;
  };
}

/** Every file under `dir` whose name does not end in `.part`: none may exist after a download. */
export async function finalNames(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && !entry.name.endsWith('.part'))
      found.push(relative(dir, join(entry.parentPath, entry.name)));
  }
  return found;
}

/** The catalog's true bytes of an artifact, read in-process from the object the store serves. */
export async function trueBytes(server: DemoServer, itemKey: string): Promise<Buffer> {
  for (const delivery of server.catalog.deliveries.values()) {
    const file = delivery.artifacts.find((a) => a.itemKey === itemKey)?.file;
    if (!file) continue;
    const chunks: Buffer[] = [];
    for await (const chunk of file.object.open(0, file.object.size - 1)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
  throw new Error(`unknown item ${itemKey}`);
}

export const readPart = (path: string) => readFile(path);

/** Waits in real time (bounded) for a socket-side effect that no promise announces. */
export async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000; i += 1) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}
