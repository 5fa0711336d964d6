// The engine's only public entry: createEngine(config, deps) runs delivery jobs (prepare, poll,
// download, verify, stage, report) and streams snapshots of them. Pure Node: the CLI, the desktop
// service and the browser host all drive this same object. Clock, transport, fs and random are
// injected with real defaults; nothing here reads process.env.
import { randomUUID } from 'node:crypto';
import { appError } from '../shared/app-error.js';
import type { ItemType } from '../shared/getapp-protocol.js';
import { fail, ok, type Result } from '../shared/result.js';
import type { ManifestDependency } from '../shared/manifest.js';
import type { EngineEvent, JobSnapshot } from '../shared/snapshots.js';
import { createApiClient, type ApiClient } from './api/api-client.js';
import { realClock, type Clock } from './clock.js';
import { withDefaults, type EngineConfig, type EngineConfigInput } from './config.js';
import type { HttpTransport } from './http/transport.js';
import { createTransport } from './http/transport.js';
import { parsePublicKey } from './integrity/public-key.js';
import { JobRunner } from './job/job-runner.js';
import { createRateLimiter } from './rate-limiter.js';
import { stageDependencies } from './reuse/stage-dependencies.js';
import { nodeFs, type StagingFs } from './staging/fs-adapter.js';
import { verifyFolder, type FolderVerification } from './staging/verify-folder.js';
import { findUnfinishedJobs } from './staging/unfinished-jobs.js';
import type { UrlPolicy } from './url-policy.js';

export type { EngineConfig, EngineConfigInput } from './config.js';
export type { Clock } from './clock.js';
export { realClock, ManualClock } from './clock.js';
export type { FolderVerification, FileVerification } from './staging/verify-folder.js';
export { verifyFolder } from './staging/verify-folder.js';
export { parsePublicKey, type SigningKey } from './integrity/public-key.js';
export { findUnfinishedJobs, type UnfinishedJob } from './staging/unfinished-jobs.js';
export { nodeFs } from './staging/fs-adapter.js';
export * from './export/export-package.js';

export interface EngineDeps {
  readonly clock: Clock;
  readonly random: () => number;
  readonly transport: HttpTransport;
  readonly fs: StagingFs;
  readonly log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export interface StartOptions {
  /**
   * Stage the release's dependencies first (ComponentV2Dto.dependencies, leaf first), each as its own
   * job and folder, and list them in its manifest. A dependency that fails fails this job.
   */
  readonly withDependencies?: boolean;
}

export interface Engine {
  readonly config: EngineConfig;
  /**
   * Starts a job for catalogId, or returns the one already running for it (single-flight, C3).
   * Options apply from the job's next run; a staged job asked for its dependencies runs again.
   */
  start(catalogId: string, itemType?: ItemType, options?: StartOptions): Result<JobSnapshot>;
  pause(jobId: string): Result<JobSnapshot>;
  resume(jobId: string): Result<JobSnapshot>;
  cancel(jobId: string): Result<JobSnapshot>;
  jobs(): JobSnapshot[];
  /** Resolves when the job's current run ends (staged, failed, paused or cancelled). */
  settled(jobId: string): Promise<Result<JobSnapshot>>;
  subscribe(listener: (event: EngineEvent) => void): () => void;
  /**
   * Resumes the deliveries an earlier session left unfinished in the staging root (paused, quit or
   * crashed; not cancelled, not staged), and returns their snapshots.
   */
  resumeUnfinished(): Promise<JobSnapshot[]>;
  /** Re-checks a staged package folder fully offline. */
  verifyFolder(dir: string): Promise<Result<FolderVerification>>;
  readonly api: ApiClient;
  /** Pauses every job (checkpointing), waits for them, releases sockets. */
  close(): Promise<void>;
}

export function createEngine(input: EngineConfigInput, overrides: Partial<EngineDeps> = {}): Result<Engine> {
  const config = withDefaults(input);
  if (config.auth.kind === 'clientCertificate' && !(config.tls?.cert && config.tls.key)) {
    return fail(
      appError({
        code: 'CLIENT.invalidRequest',
        message: 'Signing in with a client certificate needs the certificate and its private key (PEM).',
        retryable: false,
      }),
    );
  }
  const publicKey = config.publicKeyPem === undefined ? ok(undefined) : parsePublicKey(config.publicKeyPem);
  if (!publicKey.ok) return publicKey;
  const listeners = new Set<(event: EngineEvent) => void>();
  const emit = (event: EngineEvent) => listeners.forEach((listener) => listener(event));
  const deps: EngineDeps = {
    clock: overrides.clock ?? realClock,
    random: overrides.random ?? Math.random,
    // Network deadlines (connect, headers) stay on real timers even under a test clock: they guard
    // real sockets, and a fake clock jumping ahead must not cut requests still in flight.
    transport: overrides.transport ?? createTransport({ ...config.tls }),
    fs: overrides.fs ?? nodeFs,
    log: overrides.log ?? ((level, message) => emit({ type: 'log', level, message })),
  };
  const api = createApiClient({
    apiUrl: config.apiUrl,
    auth: config.auth,
    deviceId: config.deviceId,
    transport: deps.transport,
    clock: deps.clock,
    random: deps.random,
    ...(config.source ? { source: config.source } : {}),
    logger: { info: (m) => deps.log('info', m), warn: (m) => deps.log('warn', m) },
  });
  if (!api.apiOrigin) {
    return fail(
      appError({
        code: 'CLIENT.invalidRequest',
        message: `The server address "${config.apiUrl}" is not a valid http(s) URL.`,
        retryable: false,
      }),
    );
  }
  const urlPolicy: UrlPolicy = {
    allowedOrigins: [api.apiOrigin, ...config.storageOrigins],
    allowHttp: config.allowHttp,
  };
  const limiter = createRateLimiter(config.bandwidthLimit, deps.clock);
  const runners = new Map<string, JobRunner>();

  /** A dependency's job: started (or joined) like any other, paused when its parent stops. */
  const runDependency = async (
    catalogId: string,
    itemType: ItemType,
    listed: readonly ManifestDependency[],
    signal: AbortSignal,
  ): Promise<Result<JobSnapshot>> => {
    const started = startJob(catalogId, itemType, (runner) => {
      runner.listedDependencies = listed;
      return false;
    });
    if (!started.ok) return started;
    const runner = started.value;
    const stop = () => runner.pause();
    signal.addEventListener('abort', stop, { once: true });
    try {
      return ok(await runner.settled());
    } finally {
      signal.removeEventListener('abort', stop);
    }
  };

  const jobDeps = {
    config,
    clock: deps.clock,
    fs: deps.fs,
    api,
    urlPolicy,
    publicKey: publicKey.value,
    log: deps.log,
    emit: (job: JobSnapshot) => emit({ type: 'job', job }),
    stageDependencies: (catalogId: string, itemType: ItemType, signal: AbortSignal) =>
      stageDependencies(
        catalogId,
        {
          lookup: (id) => api.component(id, signal),
          run: (id, listed, s) => runDependency(id, itemType, listed, s),
        },
        signal,
      ),
    download: {
      transport: deps.transport,
      clock: deps.clock,
      limiter,
      random: deps.random,
      fs: deps.fs,
      urlPolicy,
      timeouts: {
        connectMs: config.download.connectTimeoutMs,
        headersMs: config.download.headersTimeoutMs,
        stallMs: config.download.stallMs,
        minThroughput: config.download.minThroughput,
      },
      retry: {
        attempts: config.download.attempts,
        baseMs: config.download.backoffBaseMs,
        maxMs: config.download.backoffMaxMs,
      },
      maxSize: config.download.maxUnknownSize,
      checkpointBytes: config.download.checkpointBytes,
    },
  };

  const find = (jobId: string): Result<JobRunner> => {
    const runner = runners.get(jobId);
    return runner
      ? ok(runner)
      : fail(
          appError({ code: 'CLIENT.invalidRequest', message: `There is no job ${jobId}.`, retryable: false }),
        );
  };
  const act = (jobId: string, action: (runner: JobRunner) => void): Result<JobSnapshot> => {
    const runner = find(jobId);
    if (!runner.ok) return runner;
    action(runner.value);
    return ok(runner.value.state.snapshot());
  };

  /**
   * The job for catalogId, started unless it runs or is staged (single-flight, C3). `setup` adjusts
   * it for its next run and says whether a staged job must run again (to stage its dependencies).
   */
  function startJob(
    catalogId: string,
    itemType: ItemType,
    setup: (runner: JobRunner) => boolean,
  ): Result<JobRunner> {
    if (catalogId.length === 0 || catalogId.length > 512) {
      return fail(
        appError({
          code: 'CLIENT.invalidRequest',
          message: 'A catalogId is 1 to 512 characters.',
          retryable: false,
        }),
      );
    }
    const existing = [...runners.values()].find((r) => r.state.catalogId === catalogId);
    if (existing) {
      const again = setup(existing);
      if (!existing.active && (existing.state.phase !== 'staged' || again)) void existing.start();
      return ok(existing);
    }
    const runner = new JobRunner(randomUUID(), catalogId, itemType, jobDeps);
    setup(runner);
    runners.set(runner.state.jobId, runner);
    void runner.start();
    return ok(runner);
  }

  const engine: Engine = {
    config,
    api,
    start(catalogId, itemType = config.itemType, options = {}) {
      const started = startJob(catalogId, itemType, (runner) => {
        const more = options.withDependencies === true && !runner.withDependencies;
        if (more) runner.withDependencies = true;
        return more;
      });
      return started.ok ? ok(started.value.state.snapshot()) : started;
    },
    pause: (jobId) => act(jobId, (r) => r.pause()),
    resume: (jobId) => act(jobId, (r) => void r.start()),
    cancel: (jobId) => act(jobId, (r) => r.cancel()),
    jobs: () => [...runners.values()].map((r) => r.state.snapshot()),
    async settled(jobId) {
      const runner = find(jobId);
      return runner.ok ? ok(await runner.value.settled()) : runner;
    },
    async resumeUnfinished() {
      const unfinished = await findUnfinishedJobs(deps.fs, config.stagingRoot);
      return unfinished.flatMap(({ catalogId, itemType }) => {
        const started = engine.start(catalogId, itemType);
        return started.ok ? [started.value] : [];
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    verifyFolder: (dir) =>
      verifyFolder(dir, {
        fs: deps.fs,
        ...(config.publicKeyPem ? { publicKeyPem: config.publicKeyPem } : {}),
      }),
    async close() {
      for (const runner of runners.values()) runner.pause();
      await Promise.all([...runners.values()].map((r) => r.settled()));
      deps.transport.close();
    },
  };
  return ok(engine);
}
