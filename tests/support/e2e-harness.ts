// Browser-mode end to end: the built renderer served by the real web-host over a real service,
// engine and demo server (staging into a temp folder), driven in Debian's Chromium by playwright-core.
// Collects page errors and CSP violations so a test can insist there were none.
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import {
  startDemoServer,
  type DemoServer,
  type DemoServerOptions,
} from '../../electron/demo-server/index.js';
import { realClock } from '../../electron/engine/index.js';
import {
  createCourierService,
  createJsonSettingsStore,
  createMemorySecretStore,
  type CourierService,
} from '../../electron/service/index.js';
import { browserDialogs, browserShell } from '../../electron/web-host/browser-dialogs.js';
import { createReportPages } from '../../electron/web-host/report-pages.js';
import { startWebHost, type WebHost } from '../../electron/web-host/server.js';
import { ensureRendererBuilt } from './e2e-build.js';
import { repoRoot } from './paths.js';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Generous: a loaded CI machine runs several Chromiums and downloads at once. */
export const UI_TIMEOUT = 60_000;

export interface E2e {
  readonly page: Page;
  readonly host: WebHost;
  readonly service: CourierService;
  readonly stagingRoot: string;
  /** With `exportTarget: true`: the folder standing in for a USB drive ("Copy to drive" copies here). */
  readonly exportRoot: string | undefined;
  /** The demo server the service uses in demo mode (started with faults enabled). */
  readonly demo: DemoServer;
  /** Console errors, page errors and CSP violations seen so far. */
  readonly problems: string[];
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export async function startE2e(
  browser: Browser,
  options: {
    demo?: DemoServerOptions;
    exportTarget?: boolean;
    /** The browser's (the system's) language, e.g. 'he-IL': what navigator.languages reports. */
    locale?: string;
  } = {},
): Promise<E2e> {
  const rendererDir = await ensureRendererBuilt();
  const base = await mkdtemp(join(tmpdir(), 'courier-e2e-'));
  const stagingRoot = join(base, 'packages');
  // Browser mode has no folder picker: the service copies to this folder instead (--export-target).
  const exportRoot = options.exportTarget ? join(base, 'usb-drive') : undefined;
  if (exportRoot) await mkdir(exportRoot);
  // Started here rather than on the service's first need, so a test can script faults before it acts.
  const demo = await startDemoServer({ faults: true, ...options.demo });
  // What `npm run web` wires: no pickers, and reports opened as pages of the host.
  const reports = createReportPages();
  const service = await createCourierService({
    settingsStore: createJsonSettingsStore(join(base, 'app-data')),
    secrets: createMemorySecretStore(),
    dialogs: browserDialogs(stagingRoot),
    shell: browserShell(reports),
    startDemo: async () => demo,
    clock: realClock,
    defaultStagingFolder: stagingRoot,
    ...(exportRoot ? { defaultExportTarget: exportRoot } : {}),
    defaultDeviceId: 'TECH-LAPTOP-07',
    engineConfig: { polling: { intervalMs: 250, maxIntervalMs: 500 } },
  });
  const host = await startWebHost({ service, rendererDir, reports });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    ...(options.locale ? { locale: options.locale } : {}),
  });
  const page = await context.newPage();
  page.setDefaultTimeout(UI_TIMEOUT);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400)
      problems.push(`HTTP ${response.status()}: ${new URL(response.url()).pathname}`);
  });
  await page.goto(host.url);
  return {
    page,
    host,
    service,
    stagingRoot,
    exportRoot,
    demo,
    problems,
    async close() {
      await context.close();
      await host.close();
      await service.close();
      // The service closes the demo server it used; this one may never have been handed over.
      await demo.close().catch(() => undefined);
      await rm(base, { recursive: true, force: true });
    },
  };
}

/**
 * Saves a screenshot in test-results/screenshots/ (not committed); with COURIER_SCREENSHOTS=1 also
 * in docs/screenshots/ for the README (run `npm run test:e2e:screenshots` to refresh those).
 */
export async function screenshot(page: Page, name: string, options: { docs?: boolean } = {}): Promise<void> {
  const dir = join(repoRoot, 'test-results', 'screenshots');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${name}.png`);
  // Settled rendering: no caret blinking or bar transitions caught half way.
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  if (process.env.COURIER_SCREENSHOTS === '1' && options.docs !== false) {
    const docs = join(repoRoot, 'docs', 'screenshots');
    await mkdir(docs, { recursive: true });
    await copyFile(file, join(docs, `${name}.png`));
  }
}

/**
 * One browser and one browser-mode host for a whole test file, started before its tests and closed
 * after them. The returned object stands for the running harness (a proxy), so tests read
 * `e2e.page` as usual; `onStart` runs once it is up (to subscribe to the service, for example).
 */
export function useE2e(options: Parameters<typeof startE2e>[1] = {}, onStart?: (e2e: E2e) => void): E2e {
  let browser: Browser | undefined;
  let running: E2e | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    running = await startE2e(browser, options);
    onStart?.(running);
  }, 180_000);
  afterAll(async () => {
    await running?.close();
    await browser?.close();
  });
  return new Proxy({} as E2e, {
    get(_target, property) {
      if (!running) throw new Error('the e2e harness is not started yet (use it inside a test)');
      return running[property as keyof E2e];
    },
  });
}
