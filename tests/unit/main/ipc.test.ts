// IPC in main with forged events (electron mocked): every invoke channel is registered through the
// one checked registration (E2 enumeration), foreign frames and origins are refused and logged (E2),
// hostile payloads never reach the service (E1, E9), push events go to our window only.
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { INVOKE_METHODS, invokeChannel, pushChannel } from '../../../electron/shared/ipc-contract.js';
import { ok } from '../../../electron/shared/result.js';
import { FakeBrowserWindow, FakeFrame, fake, invokeEvent } from '../../support/electron-mock.js';
import { stubService } from '../../support/web-host-client.js';

vi.mock('electron', async () => (await import('../../support/electron-mock.js')).electronModule());
const { registerInvokeHandlers, isTrustedSender, forwardPushEvents } =
  await import('../../../electron/main/ipc.js');

let win: FakeBrowserWindow;
let service: ReturnType<typeof stubService>;
const log = vi.fn();

beforeEach(() => {
  fake.ipcMain.handlers.clear();
  fake.ipcMain.handle.mockClear();
  log.mockClear();
  win = new FakeBrowserWindow({});
  service = stubService();
  registerInvokeHandlers({
    ipcMain: fake.ipcMain as never,
    service,
    isTrusted: (event) => isTrustedSender(event, win as never),
    log,
  });
});

const call = (method: string, event: unknown, ...args: unknown[]) =>
  fake.ipcMain.handlers.get(invokeChannel(method as never))!(event, ...args);
const trusted = () => invokeEvent(win.webContents, win.webContents.mainFrame);

describe('invoke registration', () => {
  test('E2: the registered channels are exactly the contract, each registered once', () => {
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(INVOKE_METHODS.map(invokeChannel).sort());
    expect(fake.ipcMain.handle).toHaveBeenCalledTimes(INVOKE_METHODS.length);
  });

  test('E2: every registered channel refuses an iframe of our own window before the service sees it', async () => {
    const iframe = new FakeFrame('app://courier/index.html', 1, 2);
    iframe.parent = win.webContents.mainFrame;
    for (const channel of fake.ipcMain.handlers.keys()) {
      const result = await fake.ipcMain.handlers.get(channel)!(
        invokeEvent(win.webContents, iframe),
        undefined,
      );
      expect(result, channel).toMatchObject({ ok: false, error: { code: 'CLIENT.invalidRequest' } });
    }
    expect(service.invoke).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledTimes(INVOKE_METHODS.length);
  });
});

describe('sender check', () => {
  test('E2: our top frame on app://courier passes and reaches the service', async () => {
    const jobId = randomUUID();
    expect(await call('pauseJob', trusted(), { jobId })).toEqual(
      ok({ method: 'pauseJob', request: { jobId } }),
    );
    expect(await call('listJobs', trusted())).toEqual(ok({ method: 'listJobs', request: undefined }));
  });

  test('E2: a foreign origin in our top frame, another window, a vanished frame are refused and logged', async () => {
    const navigated = new FakeBrowserWindow({});
    navigated.webContents.mainFrame.url = 'https://evil.example/';
    const other = new FakeBrowserWindow({});
    for (const [label, event] of [
      [
        'foreign origin',
        invokeEvent(win.webContents, Object.assign(new FakeFrame('https://evil.example/'), {})),
      ],
      ['file page', invokeEvent(win.webContents, new FakeFrame('file:///tmp/x.html'))],
      ['other window', invokeEvent(other.webContents, other.webContents.mainFrame)],
      ['no frame', invokeEvent(win.webContents, null)],
    ] as const) {
      const result = await call('listJobs', event);
      expect(result, label).toMatchObject({ ok: false });
    }
    // Our own window after navigating away (the frame's URL is what counts).
    win.webContents.mainFrame.url = 'http://127.0.0.1:9999/';
    expect(await call('listJobs', trusted())).toMatchObject({ ok: false });
    expect(service.invoke).not.toHaveBeenCalled();
    expect(log.mock.calls.every(([level]) => level === 'warn')).toBe(true);
  });

  test('E1, E9: hostile payloads from the trusted frame never reach the service', async () => {
    for (const [method, args] of [
      ['pauseJob', [{ jobId: randomUUID(), path: '/etc/passwd' }]],
      ['openJobFolder', [{ jobId: '/home/tech' }]],
      ['verifyPackage', [{ packageId: 'x'.repeat(5000) }]],
      [
        'startJobs',
        [{ catalogIds: Array.from({ length: 40 }, () => 'y'.repeat(200)), itemType: 'software' }],
      ],
      ['listJobs', [{ extra: 1 }]],
      ['pauseJob', [{ jobId: randomUUID() }, 'second argument']],
    ] as const) {
      const result = await call(method, trusted(), ...args);
      expect(result, method).toMatchObject({ ok: false, error: { code: 'CLIENT.invalidRequest' } });
    }
    expect(service.invoke).not.toHaveBeenCalled();
  });
});

test('push events go to our window on their contract channels', () => {
  const stop = forwardPushEvents(service, win as never);
  service.emit({ event: 'notice', payload: { level: 'info', message: 'hi' } });
  expect(win.webContents.send).toHaveBeenCalledWith(pushChannel('notice'), { level: 'info', message: 'hi' });
  win.destroyed = true;
  service.emit({ event: 'jobRemoved', payload: { jobId: 'x' } });
  expect(win.webContents.send).toHaveBeenCalledTimes(1);
  stop();
});
