// The one Courier window: sandboxed, context-isolated, no Node in the page, our preload only.
import { BrowserWindow, nativeTheme, type WebPreferences } from 'electron';
import type { Log } from '../shared/log.js';
import { PAGE_BACKGROUND } from '../shared/page-colours.js';
import { hardenWebContents } from './security.js';

export function webPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

export function createMainWindow(preload: string, log: Log): BrowserWindow {
  const win = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 800,
    minHeight: 560,
    title: 'Courier',
    show: false,
    // The page's own background in the system's scheme (what base.css shows until a setting says
    // otherwise), so the window does not flash white before the page draws in a dark system.
    backgroundColor: PAGE_BACKGROUND[nativeTheme.shouldUseDarkColors ? 'dark' : 'light'],
    webPreferences: webPreferences(preload),
  });
  hardenWebContents(win.webContents, log);
  win.once('ready-to-show', () => win.show());
  return win;
}
