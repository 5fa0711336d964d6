// A fake `electron` module for main/ and preload/ tests (the binary cannot run here): records what
// main registers (IPC handlers, protocol, session and web-contents handlers, window options) so
// tests can assert the security configuration and drive forged events. Use it with
// vi.mock('electron', async () => (await import('../../support/electron-mock.js')).electronModule()).
import { EventEmitter } from 'node:events';
import type { SafeStorage } from 'electron';
import { vi, type Mock } from 'vitest';

export class FakeFrame {
  parent: FakeFrame | null = null;
  constructor(
    public url: string,
    public processId = 1,
    public routingId = 1,
  ) {}
}

export class FakeWebContents extends EventEmitter {
  mainFrame = new FakeFrame('app://courier/index.html');
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  send = vi.fn();
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  destroyed = false;
  loadURL = vi.fn(async () => undefined);
  setProgressBar = vi.fn();
  show = vi.fn();
  focus = vi.fn();
  restore = vi.fn();
  isMinimized = () => false;
  isDestroyed = () => this.destroyed;
  constructor(public options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
}

export class FakeSession extends EventEmitter {
  permissionRequestHandler:
    ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void) | undefined;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | undefined;
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']) {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']) {
    this.permissionCheckHandler = handler;
  }
}

export interface FakeSafeStorage {
  isAsyncEncryptionAvailable: Mock<SafeStorage['isAsyncEncryptionAvailable']>;
  getSelectedStorageBackend: Mock<SafeStorage['getSelectedStorageBackend']>;
  encryptStringAsync: Mock<SafeStorage['encryptStringAsync']>;
  decryptStringAsync: Mock<SafeStorage['decryptStringAsync']>;
}

type Backend = ReturnType<SafeStorage['getSelectedStorageBackend']>;

/** A reversible "encryption" that is visibly not plain text, with switches for S1/S3 cases. */
export function fakeSafeStorage(backend: Backend = 'gnome_libsecret', available = true): FakeSafeStorage {
  return {
    isAsyncEncryptionAvailable: vi.fn(async () => available),
    getSelectedStorageBackend: vi.fn(() => backend),
    encryptStringAsync: vi.fn(async (text: string) =>
      Buffer.from(`enc:${Buffer.from(text).toString('hex')}`),
    ),
    decryptStringAsync: vi.fn(async (blob: Buffer) => {
      const text = blob.toString();
      if (!text.startsWith('enc:'))
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return { result: Buffer.from(text.slice(4), 'hex').toString(), shouldReEncrypt: false };
    }),
  };
}

export const fake = {
  app: Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: vi.fn(() => true),
    enableSandbox: vi.fn(),
    quit: vi.fn(),
    whenReady: vi.fn(async () => undefined),
    getPath: vi.fn((name: string) => `/tmp/courier-fake-${name}`),
  }),
  ipcMain: {
    handlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
    handle: vi.fn((channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => {
      fake.ipcMain.handlers.set(channel, fn);
    }),
    on: vi.fn(),
  },
  protocol: {
    registerSchemesAsPrivileged: vi.fn(),
    handle: vi.fn(),
  },
  session: { defaultSession: new FakeSession() },
  safeStorage: fakeSafeStorage(),
  dialog: {
    showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] as string[] })),
    /** Answers Cancel (button 0) unless a test says otherwise. */
    showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0, checkboxChecked: false })),
  },
  shell: { openPath: vi.fn(async () => ''), openExternal: vi.fn() },
  powerSaveBlocker: { start: vi.fn(() => 7), stop: vi.fn() },
  Notification: Object.assign(
    vi.fn(function (this: { show: () => void }) {
      this.show = vi.fn();
    }),
    { isSupported: vi.fn(() => true) },
  ),
  nativeTheme: { shouldUseDarkColors: false },
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn(), send: vi.fn(), sendSync: vi.fn() },
};

export function electronModule() {
  const module = { ...fake, BrowserWindow: FakeBrowserWindow };
  return { ...module, default: module };
}

/** A forged invoke event from `frame` of `contents`. */
export function invokeEvent(contents: FakeWebContents, frame: FakeFrame | null) {
  return {
    sender: contents,
    senderFrame: frame,
    processId: frame?.processId ?? 0,
    frameId: frame?.routingId ?? 0,
  };
}
