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
import { createApiClient } from './api/api-client.js';
import { realClock } from './clock.js';
import { withDefaults, type EngineConfigInput } from './config.js';
import { downloadDeps } from './download/download-deps.js';
import type { Engine, EngineDeps } from './engine-api.js';
import { createTransport } from './http/transport.js';
import { parsePublicKey } from './integrity/public-key.js';
import { JobRunner, type JobStartOptions } from './job/job-runner.js';
import { createRateLimiter } from './rate-limiter.js';
import { countWaitingReports, createPendingReports } from './report/pending-reports.js';
import { stageDependencies } from './reuse/stage-dependencies.js';
import { nodeFs } from './staging/fs-adapter.js';
import { verifyFolder } from './staging/verify-folder.js';
import { findUnfinishedJobs } from './staging/unfinished-jobs.js';
import type { UrlPolicy } from './url-policy.js';

export type { EngineConfig, EngineConfigInput } from './config.js';
export { DEFAULTS as ENGINE_DEFAULTS } from './config.js';
export type { Clock } from './clock.js';
export { realClock } from './clock.js';
export type { FolderVerification, FileVerification } from './staging/verify-folder.js';
export { verifyFolder } from './staging/verify-folder.js';
export { parsePublicKey, type SigningKey } from './integrity/public-key.js';
export { findUnfinishedJobs, type UnfinishedJob } from './staging/unfinished-jobs.js';
export { nodeFs } from './staging/fs-adapter.js';
export { createStagingRoot, DEFAULT_OUT_FOLDER } from './staging/staging-root.js';
export { countWaitingReports, type SweepOutcome } from './report/pending-reports.js';
export { exportPackage } from './export/export-package.js';
export type {
  ExportOptions,
  ExportResult,
  ExportProgress,
  ExportPhase,
  ExportedFile,
} from './export/export-types.js';
export type { FileSystemInfo } from './export/fs-type.js';
export type { ProjectsQuery } from './api/api-client.js';
export type { ProjectsPage } from './api/offering-schemas.js';
export type { Engine, EngineDeps, StartOptions } from './engine-api.js';

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
    log:
      overrides.log ??
      ((level, message, fields) => emit({ type: 'log', level, message, ...(fields ? { fields } : {}) })),
  };
  const api = createApiClient({
    apiUrl: config.apiUrl,
    auth: config.auth,
    deviceId: config.deviceId,
    transport: deps.transport,
    clock: deps.clock,
    random: deps.random,
    ...(config.source ? { source: config.source } : {}),
    log: deps.log,
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
  const pendingReports = createPendingReports({
    fs: deps.fs,
    clock: deps.clock,
    stagingRoot: config.stagingRoot,
    sender: api,
    apiOrigin: api.apiOrigin,
    deviceId: config.deviceId,
    isRunning: (catalogId) => [...runners.values()].some((r) => r.active && r.state.catalogId === catalogId),
    log: deps.log,
    onSwept: ({ waiting, sent }) => emit({ type: 'reports', waiting, sent }),
  });

  /** A dependency's job: started (or joined) like any other, paused when its parent stops. */
  const runDependency = async (
    catalogId: string,
    itemType: ItemType,
    listed: readonly ManifestDependency[],
    signal: AbortSignal,
  ): Promise<Result<JobSnapshot>> => {
    const started = startJob(catalogId, itemType, { listedDependencies: listed });
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
    folderFree: (catalogId: string) => pendingReports.idle(catalogId),
    reportsLeft: () => void pendingReports.start(),
    stageDependencies: (catalogId: string, itemType: ItemType, signal: AbortSignal) =>
      stageDependencies(
        catalogId,
        {
          lookup: (id) => api.component(id, signal),
          run: (id, listed, s) => runDependency(id, itemType, listed, s),
        },
        signal,
      ),
    download: downloadDeps(config, {
      transport: deps.transport,
      clock: deps.clock,
      limiter,
      random: deps.random,
      fs: deps.fs,
      urlPolicy,
    }),
  };

  const find = (jobId: string): Result<JobRunner> => {
    const runner = runners.get(jobId);
    return runner
      ? ok(runner)
      : fail(appError({ code: 'CLIENT.unknownJob', message: `There is no job ${jobId}.`, retryable: false }));
  };
  const act = (jobId: string, action: (runner: JobRunner) => void): Result<JobSnapshot> => {
    const runner = find(jobId);
    if (!runner.ok) return runner;
    action(runner.value);
    return ok(runner.value.state.snapshot());
  };

  /**
   * The job for catalogId, started unless it runs or is staged (single-flight, C3). `options` apply
   * from its next run; a staged job runs again only when they ask for more than it did.
   */
  function startJob(catalogId: string, itemType: ItemType, options: JobStartOptions): Result<JobRunner> {
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
      const rerunStaged = existing.asksMoreThanBefore(options);
      existing.setOptions(options);
      if (!existing.active && (existing.state.phase !== 'staged' || rerunStaged)) void existing.start();
      return ok(existing);
    }
    const runner = new JobRunner(randomUUID(), catalogId, itemType, jobDeps);
    runner.setOptions(options);
    runners.set(runner.state.jobId, runner);
    void runner.start();
    return ok(runner);
  }

  const engine: Engine = {
    config,
    start(catalogId, itemType = config.itemType, options = {}) {
      const started = startJob(catalogId, itemType, { withDependencies: options.withDependencies === true });
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
    sendPendingReports: () => pendingReports.start(),
    reportsWaiting: () =>
      countWaitingReports(deps.fs, config.stagingRoot, {
        apiOrigin: api.apiOrigin,
        deviceId: config.deviceId,
      }),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    publicKeyPem: config.publicKeyPem,
    apiOrigin: api.apiOrigin,
    checkHealth: (signal) => api.checkHealth(signal),
    listProjects: (query, signal) => api.projects(query, signal),
    deliveryStatus: (catalogId, signal) => api.status(catalogId, signal),
    verifyFolder: (dir) =>
      verifyFolder(dir, {
        fs: deps.fs,
        ...(config.publicKeyPem ? { publicKeyPem: config.publicKeyPem } : {}),
      }),
    async close() {
      const reportsClosed = pendingReports.close();
      for (const runner of runners.values()) runner.pause();
      await Promise.all([...runners.values()].map((r) => r.settled()));
      await reportsClosed;
      deps.transport.close();
    },
  };
  return ok(engine);
}
