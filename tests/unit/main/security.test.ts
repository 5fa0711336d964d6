// Static security configuration of the Electron main process (electron mocked): window flags, the
// CSP on app://, navigation and window.open refused (E3), downloads cancelled (E7), permissions
// denied (E8).
import { readFileSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { PAGE_BACKGROUND } from '../../../electron/shared/page-colours.js';
import { fake, FakeBrowserWindow, FakeSession, FakeWebContents } from '../../support/electron-mock.js';
import { repoRoot } from '../../support/paths.js';
import { useTempDirs } from '../../support/temp-dir.js';

vi.mock('electron', async () => (await import('../../support/electron-mock.js')).electronModule());

const { createMainWindow } = await import('../../../electron/main/window.js');
const { hardenSession, hardenWebContents, isAppUrl } = await import('../../../electron/main/security.js');
const { appProtocolHandler, APP_SCHEME_PRIVILEGES } = await import('../../../electron/main/app-protocol.js');
const { APP_CSP } = await import('../../../electron/service/index.js');

const log = vi.fn();
const tempDir = useTempDirs();
beforeEach(() => {
  FakeBrowserWindow.instances = [];
  log.mockClear();
});

const navEvent = (url: string) => ({ url, preventDefault: vi.fn() });

describe('window', () => {
  test('webPreferences: context isolation, sandbox, no Node, web security, our preload only', () => {
    createMainWindow('/app/dist/preload/preload.cjs', log);
    const [win] = FakeBrowserWindow.instances;
    expect(win!.options.webPreferences).toMatchObject({
      preload: '/app/dist/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  test('the window opens in the page background of the system scheme, not a white flash', () => {
    createMainWindow('/p.cjs', log);
    fake.nativeTheme.shouldUseDarkColors = true;
    createMainWindow('/p.cjs', log);
    fake.nativeTheme.shouldUseDarkColors = false;
    const [light, dark] = FakeBrowserWindow.instances;
    expect(light!.options.backgroundColor).toBe(PAGE_BACKGROUND.light);
    expect(dark!.options.backgroundColor).toBe(PAGE_BACKGROUND.dark);
    // The same colours as the page itself paints.
    const css = readFileSync(join(repoRoot, 'renderer', 'styles', 'base.css'), 'utf8');
    expect(css).toContain(`--bg: light-dark(${PAGE_BACKGROUND.light}, ${PAGE_BACKGROUND.dark});`);
  });

  test('E3: the window refuses navigation, frame navigation and redirects away from app://courier', () => {
    createMainWindow('/p.cjs', log);
    const contents = FakeBrowserWindow.instances[0]!.webContents;
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const away = navEvent('http://127.0.0.1:8080/');
      contents.emit(name, away, away.url);
      expect(away.preventDefault, name).toHaveBeenCalled();
      const file = navEvent('file:///etc/passwd');
      contents.emit(name, file, file.url);
      expect(file.preventDefault, name).toHaveBeenCalled();
      const own = navEvent('app://courier/index.html#/jobs');
      contents.emit(name, own, own.url);
      expect(own.preventDefault, name).not.toHaveBeenCalled();
    }
  });

  test('E3: window.open is denied for every URL, webviews never attach', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as never, log);
    for (const url of ['https://evil.example', 'app://courier/index.html', 'about:blank'])
      expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    const attach = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', attach, {}, {});
    expect(attach.preventDefault).toHaveBeenCalled();
  });

  test('app origin check compares scheme and host (app:// has a "null" WHATWG origin)', () => {
    expect(isAppUrl('app://courier/index.html')).toBe(true);
    for (const url of [
      'app://courier.evil/',
      'app://evil/',
      'http://courier/',
      'file:///courier',
      'nonsense',
      '',
    ])
      expect(isAppUrl(url), url).toBe(false);
  });
});

describe('session', () => {
  test('E7: a download started by web content is always cancelled', () => {
    const session = new FakeSession();
    hardenSession(session as never, log);
    const event = { preventDefault: vi.fn() };
    session.emit('will-download', event, { getFilename: () => 'payload.exe' }, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });

  test('E8: every permission request and check is denied', () => {
    const session = new FakeSession();
    hardenSession(session as never, log);
    for (const permission of ['notifications', 'media', 'geolocation', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      session.permissionRequestHandler!({}, permission, callback);
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(session.permissionCheckHandler!({}, permission, 'app://courier', {}), permission).toBe(false);
    }
  });
});

describe('app:// protocol', () => {
  test('the CSP is exactly the strict policy, connect-src none', () => {
    expect(APP_CSP).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({
      scheme: 'app',
      privileges: { standard: true, secure: true },
    });
  });

  test('serves the built renderer with the CSP header and nothing outside it', async () => {
    const base = await tempDir();
    const dir = join(base, 'renderer');
    await mkdir(join(dir, 'assets'), { recursive: true });
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Courier</title>');
    await writeFile(join(dir, 'assets', 'a.js'), 'void 0');
    await writeFile(join(base, 'secret.txt'), 'top secret');
    await symlink(join(base, 'secret.txt'), join(dir, 'link.txt'));
    const handle = appProtocolHandler(dir);
    const page = await handle(new Request('app://courier/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect((await handle(new Request('app://courier/assets/a.js'))).headers.get('content-type')).toMatch(
      /javascript/,
    );
    for (const url of [
      'app://courier/%2e%2e/secret.txt',
      'app://courier/assets/..%2f..%2fsecret.txt',
      'app://courier/link.txt',
      'app://other/index.html',
    ]) {
      const res = await handle(new Request(url));
      expect(res.status, url).toBeGreaterThanOrEqual(400);
      expect(await res.text(), url).not.toContain('top secret');
    }
  });
});
