// UI flows and main-process probes the desktop smoke suite shares. The selectors are the ones the
// browser-mode e2e tests use (tests/e2e/delivery.test.ts): the same renderer runs in both.
// Probes run inside Electron's main process (electronApp.evaluate): they are serialised, so they
// reference nothing from this module.
import { expect } from 'vitest';
import type { ElectronApplication, Locator, Page } from 'playwright-core';

export const FIELD_NAV = '1.field-nav@2.3.1';
export const APP_ENTRY = 'app://courier/index.html';

/** Starts FIELD_NAV from "Get a delivery" and returns its card once it is downloading. */
export async function startDeliveryFromUi(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Get a delivery' }).first().click();
  await page.getByLabel('Catalog ids').fill(FIELD_NAV);
  await page.getByRole('button', { name: 'Start delivery' }).click();
  const card = deliveryCard(page);
  await card.getByText('Downloading').waitFor();
  return card;
}

export function deliveryCard(page: Page): Locator {
  return page.getByRole('listitem', { name: FIELD_NAV });
}

export async function percentOf(card: Locator): Promise<number> {
  const bar = card.getByRole('progressbar', { name: `Progress of ${FIELD_NAV}` });
  return Number((await bar.getAttribute('aria-valuenow')) ?? 'NaN');
}

/** Waits for "Staged · all verified" with every artifact verified. */
export async function waitForVerified(card: Locator): Promise<void> {
  await card.getByText('Staged · all verified').waitFor({ timeout: 180_000 });
  expect(await percentOf(card)).toBe(100);
  expect(await card.getByText('3 verified').count()).toBe(1);
}

export interface ProgressCall {
  readonly progress: number;
  readonly mode: string | null;
}

/** Records every setProgressBar call on the one window (the desktop extras call it on that object). */
export async function recordTaskbarProgress(
  app: ElectronApplication,
): Promise<() => Promise<ProgressCall[]>> {
  await app.evaluate(({ BrowserWindow }) => {
    const win = BrowserWindow.getAllWindows()[0]!;
    const calls: { progress: number; mode: string | null }[] = [];
    (globalThis as unknown as Record<string, unknown>).__courierSmokeProgress = calls;
    const original = win.setProgressBar.bind(win);
    win.setProgressBar = (progress, options) => {
      calls.push({ progress, mode: options?.mode ?? null });
      original(progress, options);
    };
  });
  return () =>
    app.evaluate(
      () => (globalThis as unknown as Record<string, unknown>).__courierSmokeProgress as ProgressCall[],
    );
}

/** Counts focus() calls on the one window (what the second-instance handler does). */
export async function countFocus(app: ElectronApplication): Promise<() => Promise<number>> {
  await app.evaluate(({ BrowserWindow }) => {
    const win = BrowserWindow.getAllWindows()[0]!;
    const g = globalThis as unknown as Record<string, number>;
    g.__courierSmokeFocus = 0;
    const original = win.focus.bind(win);
    win.focus = () => {
      g.__courierSmokeFocus = (g.__courierSmokeFocus ?? 0) + 1;
      original();
    };
  });
  return () => app.evaluate(() => (globalThis as unknown as Record<string, number>).__courierSmokeFocus ?? 0);
}

export async function windowUrls(app: ElectronApplication): Promise<string[]> {
  return app.evaluate(({ BrowserWindow }) =>
    BrowserWindow.getAllWindows().map((w) => w.webContents.getURL()),
  );
}

export interface StorageReport {
  readonly platform: string;
  /** Linux only (Electron documents getSelectedStorageBackend for Linux); null elsewhere. */
  readonly backend: string | null;
  readonly available: boolean;
}

export function storageReport(app: ElectronApplication): Promise<StorageReport> {
  return app.evaluate(async ({ safeStorage }) => ({
    platform: process.platform,
    backend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null,
    available: await safeStorage.isAsyncEncryptionAvailable(),
  }));
}

/** The bridge as the page sees it (window.courier), called from inside the page. */
export interface BridgeShape {
  readonly keys: string[];
  readonly functions: boolean;
  readonly frozen: boolean;
  /** Node and Electron globals the page can reach (must be none). */
  readonly node: string[];
}

export function bridgeShape(page: Page): Promise<BridgeShape> {
  return page.evaluate(() => {
    const g = globalThis as unknown as Record<string, unknown>;
    const bridge = g.courier as Record<string, unknown>;
    const nodeGlobals = ['require', 'process', 'module', 'exports', 'Buffer', 'global', '__dirname'];
    return {
      keys: Object.keys(bridge).sort(),
      functions: Object.values(bridge).every((value) => typeof value === 'function'),
      frozen: Object.isFrozen(bridge),
      node: [...nodeGlobals, 'ipcRenderer', 'electron'].filter((name) => typeof g[name] !== 'undefined'),
    };
  });
}

type BridgeResult = { ok: boolean; value?: Record<string, unknown>; error?: unknown };

/** Calls one window.courier method from the page, as the renderer's bridge/ does. */
export function callBridge(page: Page, method: string, request?: unknown): Promise<BridgeResult> {
  return page.evaluate(
    ([name, payload]) => {
      const bridge = (globalThis as unknown as Record<string, unknown>).courier as Record<
        string,
        (request?: unknown) => Promise<BridgeResult>
      >;
      return bridge[name]!(payload);
    },
    [method, request] as const,
  );
}
