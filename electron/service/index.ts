// createCourierService: every InvokeContract method over one engine, transport-free, plus the push
// stream. Hosts (Electron main, the browser host) validate requests and carry them; nothing here
// knows about IPC or HTTP. The demo server comes from the host (startDemo), so the service runs
// without it.
import { hostname } from 'node:os';
import { appError } from '../shared/app-error.js';
import { INVOKE_METHODS, MAX_PROGRESS_EVENTS_PER_SECOND, type InvokeMethod } from '../shared/ipc-contract.js';
import { fail, ok } from '../shared/result.js';
import type { ServiceContext } from './context.js';
import { countWaitingReports, findUnfinishedJobs, nodeFs } from '../engine/index.js';
import { createEngineSlot } from './engine-slot.js';
import { ExportBook } from './export-book.js';
import { connectionHandlers } from './handlers/connection-handlers.js';
import { driveCheckHandlers } from './handlers/drive-checks.js';
import { exportHandlers } from './handlers/exports.js';
import { jobHandlers, recordJob } from './handlers/jobs.js';
import { packageHandlers } from './handlers/packages.js';
import { settingsHandlers } from './handlers/settings.js';
import { JobBook } from './job-book.js';
import { createProgressThrottle } from './progress-throttle.js';
import { createReportNotices } from './report-notices.js';
import { parseStoredSettings, toView, type StoredSettings } from './settings-model.js';
import type { CourierService, InvokeHandlers, PushListener, PushMessage, ServiceDeps } from './types.js';

export type * from './types.js';
export { createStagingRoot, DEFAULT_OUT_FOLDER, realClock, type Clock } from '../engine/index.js';
export { createJsonFileStore, createJsonSettingsStore, createMemorySecretStore } from './stores.js';
export { loadChosenFile } from './pem-files.js';
export { createRequestGate, type RequestGate } from './ipc-admission.js';
export { APP_CSP, BROWSER_CSP, REPORT_CSP } from './hosting/csp.js';
export { resolveStaticFile, type StaticFile } from './hosting/static-files.js';

/** Quitting waits this long for jobs to checkpoint (Goal 9), then lets the host exit anyway. */
export const CLOSE_DEADLINE_MS = 2000;

export async function createCourierService(deps: ServiceDeps): Promise<CourierService> {
  const log = deps.log ?? (() => undefined);
  let settings: StoredSettings = parseStoredSettings(
    await deps.settingsStore.load(),
    deps.defaultDeviceId ?? hostname(),
  );
  let secretsVersion = 0;
  const listeners = new Set<PushListener>();
  const push = (message: PushMessage) => {
    for (const listener of [...listeners]) {
      try {
        listener(message);
      } catch (error) {
        log('error', `push listener failed: ${(error as Error).message}`);
      }
    }
  };
  const stagingRoot = () => settings.stagingFolder ?? deps.defaultStagingFolder;
  const jobs = new JobBook();
  const throttle = createProgressThrottle({
    clock: deps.clock,
    perSecond: MAX_PROGRESS_EVENTS_PER_SECOND,
    emit: (job) => push({ event: 'job', payload: job }),
  });

  const reportNotices = createReportNotices((notice) => push({ event: 'notice', payload: notice }));
  const slot = createEngineSlot({
    settings: () => settings,
    stagingRoot,
    defaultStagingFolder: deps.defaultStagingFolder,
    secrets: deps.secrets,
    secretsVersion: () => secretsVersion,
    startDemo: deps.startDemo,
    log,
    engineConfig: deps.engineConfig,
    engineDeps: deps.engineDeps,
    onEvent(engine, event) {
      if (event.type === 'log') return log(event.level, event.message, event.fields);
      if (event.type === 'reports') return reportNotices.onSwept(event);
      recordJob(ctx, engine, event.job, false);
    },
  });

  /** Retires an outdated engine, telling the user when that paused running downloads. */
  const refreshEngine = () => {
    const before = slot.current();
    const wasBusy = jobs.activeOn(before);
    slot.refresh();
    if (wasBusy && slot.current() !== before)
      push({
        event: 'notice',
        payload: {
          level: 'info',
          message:
            'The connection settings changed, so running downloads were paused. Resume them when ready.',
          topic: { name: 'downloadsPaused' },
        },
      });
  };

  const ctx: ServiceContext = {
    deps,
    slot,
    jobs,
    throttle,
    settings: () => settings,
    stagingRoot,
    async view() {
      const [password, deviceSecret, clientKey] = await Promise.all([
        deps.secrets.get('password'),
        deps.secrets.get('deviceSecret'),
        deps.secrets.get('clientKey'),
      ]);
      const host = { stagingFolder: stagingRoot(), nativePickers: deps.dialogs.unavailable === undefined };
      return toView(settings, host, {
        password: password !== undefined,
        deviceSecret: deviceSecret !== undefined,
        clientKey: clientKey !== undefined,
        encrypted: deps.secrets.available,
      });
    },
    async commit(next) {
      settings = next;
      try {
        await deps.settingsStore.save(settings);
      } catch (error) {
        log('error', `saving settings: ${(error as Error).message}`);
        push({
          event: 'notice',
          payload: {
            level: 'warn',
            message: 'The settings could not be saved: they apply until Courier closes.',
            topic: { name: 'settingsNotSaved' },
          },
        });
      }
      refreshEngine();
      const view = await ctx.view();
      push({ event: 'settings', payload: view });
      return ok(view);
    },
    secretsChanged() {
      secretsVersion += 1;
      refreshEngine();
      void ctx.view().then((view) => push({ event: 'settings', payload: view }));
    },
    push,
  };

  // Quitting checkpoints every download; at the next start the unfinished ones carry on by themselves,
  // and status reports the server never got (it was unreachable when their jobs ended) go out.
  const carryOnAtStart = async () => {
    const fs = deps.engineDeps?.fs ?? nodeFs;
    const [unfinished, waiting] = await Promise.all([
      findUnfinishedJobs(fs, stagingRoot()),
      countWaitingReports(fs, stagingRoot()),
    ]);
    if (unfinished.length === 0 && waiting === 0) return;
    const engine = await slot.get();
    if (!engine.ok) return log('warn', `Unfinished deliveries were not resumed: ${engine.error.message}`);
    if (waiting > 0) void engine.value.sendPendingReports();
    if (unfinished.length === 0) return;
    const resumed = await engine.value.resumeUnfinished();
    if (resumed.length === 0) return;
    const names = resumed.map((job) => job.catalogId).join(', ');
    push({
      event: 'notice',
      payload: {
        level: 'info',
        message: `Resuming unfinished deliveries: ${names}.`,
        topic: { name: 'resuming', values: { names } },
      },
    });
  };
  void carryOnAtStart();

  const exportBook = new ExportBook();
  const handlers: InvokeHandlers = {
    ...settingsHandlers(ctx),
    ...connectionHandlers(ctx),
    ...jobHandlers(ctx),
    ...packageHandlers(ctx),
    ...exportHandlers(ctx, exportBook),
    ...driveCheckHandlers(ctx),
  };
  const table = handlers as unknown as Record<InvokeMethod, (request: unknown) => Promise<unknown>>;
  let closing: Promise<void> | undefined;

  return {
    async invoke(method, request) {
      if (closing)
        return fail(appError({ code: 'CLIENT.cancelled', message: 'Courier is closing.', retryable: false }));
      if (!INVOKE_METHODS.includes(method))
        return fail(
          appError({ code: 'CLIENT.invalidRequest', message: 'Unknown action.', retryable: false }),
        );
      try {
        return (await table[method](request)) as Awaited<ReturnType<CourierService['invoke']>>;
      } catch (error) {
        // Never thrown across the boundary: the host gets a plain error value, the log gets the cause.
        log('error', `${method} failed unexpectedly: ${(error as Error)?.stack ?? String(error)}`);
        return fail(
          appError({
            code: 'CLIENT.internal',
            message: 'Courier ran into an unexpected problem. Try again; if it repeats, restart Courier.',
            retryable: true,
          }),
        );
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close() {
      closing ??= (async () => {
        exportBook.abortAll(); // copies stop at their next chunk; what was read back stays on the drive
        let cancel: () => void = () => undefined;
        const deadline = new Promise<void>(
          (resolve) => (cancel = deps.clock.setTimer(CLOSE_DEADLINE_MS, resolve)),
        );
        await Promise.race([slot.close().catch((e: Error) => log('error', `close: ${e.message}`)), deadline]);
        cancel();
        throttle.close();
        listeners.clear();
      })();
      return closing;
    },
  };
}
