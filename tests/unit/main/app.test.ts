// The desktop lifecycle with a fake electron: single instance, hardening and the app:// protocol in
// place before the page loads, every contract channel registered through the checked registration,
// and quitting that waits for the service to checkpoint.
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { INVOKE_METHODS, invokeChannel } from '../../../electron/shared/ipc-contract.js';
import type { ServiceDeps } from '../../../electron/service/index.js';
import { FakeBrowserWindow, FakeWebContents, fake } from '../../support/electron-mock.js';
import { useTempDirs } from '../../support/temp-dir.js';
import { stubService } from '../../support/web-host-client.js';

vi.mock('electron', async () => (await import('../../support/electron-mock.js')).electronModule());
const { startDesktopApp } = await import('../../../electron/main/desktop-app.js');

const tempDir = useTempDirs();
let service: ReturnType<typeof stubService>;
let deps: ServiceDeps | undefined;

beforeEach(async () => {
  const dir = await tempDir();
  fake.app.removeAllListeners();
  fake.app.getPath.mockImplementation((name: string) => `${dir}/${name}`);
  fake.app.requestSingleInstanceLock.mockReturnValue(true);
  fake.app.quit.mockClear();
  fake.ipcMain.handlers.clear();
  fake.protocol.handle.mockClear();
  FakeBrowserWindow.instances = [];
  service = stubService();
  deps = undefined;
});

const start = () =>
  startDesktopApp({
    rendererDir: '/app/dist/renderer',
    preloadPath: '/app/dist/preload/preload.cjs',
    startDemo: async () => {
      throw new Error('not in this test');
    },
    createService: async (d) => ((deps = d), service),
  });

describe('desktop app', () => {
  test('a second instance quits at once and opens nothing', () => {
    fake.app.requestSingleInstanceLock.mockReturnValue(false);
    expect(start()).toBeUndefined();
    expect(fake.app.quit).toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  test('ready: sandbox, app:// scheme, hardened session, every channel checked, then the page loads', async () => {
    const desktop = await start()!;
    expect(fake.app.enableSandbox).toHaveBeenCalled();
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app' }),
    ]);
    expect(fake.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(fake.session.defaultSession.permissionRequestHandler).toBeTypeOf('function');
    expect(fake.session.defaultSession.listenerCount('will-download')).toBeGreaterThan(0);
    expect([...desktop.channels].sort()).toEqual(INVOKE_METHODS.map(invokeChannel).sort());
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(INVOKE_METHODS.map(invokeChannel).sort());
    expect(fake.ipcMain.on).not.toHaveBeenCalled(); // no send/sendSync channels at all
    const win = FakeBrowserWindow.instances[0]!;
    expect(win.loadURL).toHaveBeenCalledWith('app://courier/index.html');
    expect(win.webContents.windowOpenHandler).toBeTypeOf('function');
    // The service gets the host's pieces, never a renderer-chosen folder.
    expect(deps?.defaultStagingFolder).toMatch(/documents\/Courier packages$/);
    expect(deps?.secrets.available).toBe(true);
    // E1: the desktop app can ask the person at the screen (a native box), so it offers confirm.
    expect(deps?.dialogs.confirm).toBeTypeOf('function');
    expect(deps?.dialogs.unavailable).toBeUndefined();
  });

  test('E3: web contents created later (any window or view) are hardened too', async () => {
    await start();
    const contents = new FakeWebContents();
    fake.app.emit('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler!({ url: 'https://x.example' })).toEqual({ action: 'deny' });
  });

  test('before-quit waits for service.close() (checkpoint), then quits once', async () => {
    await start();
    let finish: () => void = () => undefined;
    const close = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    service.close = close;
    const event = { preventDefault: vi.fn() };
    fake.app.emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(close).toHaveBeenCalledTimes(1);
    expect(fake.app.quit).not.toHaveBeenCalled();
    finish();
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalledTimes(1));
    const again = { preventDefault: vi.fn() };
    fake.app.emit('before-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
    expect(close).toHaveBeenCalledTimes(1);
  });
});
