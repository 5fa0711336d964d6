// The desktop app's lifecycle: one instance, hardening before any page loads, the service built on
// `ready`, IPC wired through the checked registration, and quitting that checkpoints jobs (at most
// 2 s) before the process exits.
import { hostname } from 'node:os';
import { join } from 'node:path';
import {
  Notification,
  app,
  ipcMain,
  powerSaveBlocker,
  protocol,
  safeStorage,
  session,
  type BrowserWindow,
} from 'electron';
import {
  createCourierService,
  createJsonFileStore,
  createJsonSettingsStore,
  realClock,
  type CourierService,
  type DemoInfo,
  type ServiceDeps,
} from '../service/index.js';
import { logLine, type Log } from '../shared/log.js';
import { APP_SCHEME_PRIVILEGES, appProtocolHandler } from './app-protocol.js';
import { attachDesktopExtras, electronNotifier } from './desktop-extras.js';
import { createDialogs, electronShell } from './dialogs.js';
import { forwardPushEvents, isTrustedSender, registerInvokeHandlers } from './ipc.js';
import { createSafeSecretStore } from './secrets.js';
import { APP_ENTRY, APP_SCHEME, hardenSession, hardenWebContents } from './security.js';
import { createMainWindow } from './window.js';

export interface DesktopOptions {
  readonly rendererDir: string;
  readonly preloadPath: string;
  readonly startDemo: () => Promise<DemoInfo>;
  /** Tests only. */
  readonly createService?: (deps: ServiceDeps) => Promise<CourierService>;
}

export interface DesktopApp {
  readonly service: CourierService;
  readonly window: BrowserWindow;
  readonly channels: readonly string[];
}

const log: Log = (level, message, fields) => {
  if (level !== 'info') process.stderr.write(`courier ${level}: ${logLine(message, fields)}\n`);
};

/** Returns undefined when another instance already runs (this one quits and focuses that one). */
export function startDesktopApp(options: DesktopOptions): Promise<DesktopApp> | undefined {
  // Both must happen before `ready`.
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return undefined;
  }
  let win: BrowserWindow | undefined;
  let service: CourierService | undefined;
  let quitting = false;

  app.on('second-instance', () => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log));
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (quitting || !service) return;
    // Checkpoint first (the service gives up after 2 s), then quit for real.
    event.preventDefault();
    quitting = true;
    void service.close().finally(() => app.quit());
  });

  return app.whenReady().then(async () => {
    hardenSession(session.defaultSession, log);
    protocol.handle(APP_SCHEME, appProtocolHandler(options.rendererDir));
    const userData = app.getPath('userData');
    const secrets = await createSafeSecretStore({
      safeStorage,
      platform: process.platform,
      file: createJsonFileStore(userData, 'secrets.json'),
      log,
    });
    const create = options.createService ?? createCourierService;
    const created = await create({
      settingsStore: createJsonSettingsStore(userData),
      secrets,
      dialogs: createDialogs(() => win),
      shell: electronShell,
      startDemo: options.startDemo,
      clock: realClock,
      defaultStagingFolder: join(app.getPath('documents'), 'Courier packages'),
      defaultDeviceId: hostname(),
      log,
    });
    service = created;
    const window = createMainWindow(options.preloadPath, log);
    win = window;
    const channels = registerInvokeHandlers({
      ipcMain,
      service: created,
      isTrusted: (event) => isTrustedSender(event, window),
      log,
    });
    forwardPushEvents(created, window);
    attachDesktopExtras({
      service: created,
      window,
      notify: electronNotifier(Notification),
      powerSaveBlocker,
    });
    await window.loadURL(APP_ENTRY);
    return { service: created, window, channels };
  });
}
