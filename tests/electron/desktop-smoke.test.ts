// The desktop app in the real Electron binary, driven by Playwright's _electron.launch (see the
// README, "Desktop smoke suite"): window and CSP, the preload bridge, refused navigation and popups,
// a delivery with taskbar progress, quit and resume, a second instance, and safeStorage.
// Without a binary, every test is reported skipped with the reason (never failed).
import { readFile, rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { INVOKE_METHODS, PUSH_EVENTS, subscriberName } from '../../electron/shared/ipc-contract.js';
import { APP_CSP } from '../../electron/service/index.js';
import {
  ensureDesktopBuilt,
  findElectronBinary,
  launchApp,
  launchSecondInstance,
  listFiles,
  makeSmokeDirs,
  packagedApp,
  seedSettings,
  type RunningApp,
  type SmokeDirs,
} from '../support/electron-app.js';
import {
  APP_ENTRY,
  FIELD_NAV,
  bridgeShape,
  callBridge,
  countFocus,
  deliveryCard,
  percentOf,
  recordTaskbarProgress,
  startDeliveryFromUi,
  storageReport,
  waitForVerified,
  windowUrls,
} from './smoke-flows.js';

const found = await findElectronBinary();
const binary = 'path' in found ? found.path : '';
const skipped = 'reason' in found ? found.reason : undefined;
if (skipped) console.info(`[test:electron] desktop smoke skipped: ${skipped}`);
// The names carry the reason up to its first ';' (the console line above has all of it).
const named = (what: string) => (skipped ? `${what} (skipped: ${skipped.split(';')[0]})` : what);
const isPart = (path: string) => path.endsWith('.part');

describe.skipIf(Boolean(skipped))(named('desktop smoke: one running app'), () => {
  let dirs: SmokeDirs;
  let main: RunningApp;

  beforeAll(async () => {
    if (!packagedApp()) await ensureDesktopBuilt();
    dirs = await makeSmokeDirs('main');
    // Slow enough on loopback for the taskbar progress to be seen between 0 and 1.
    await seedSettings(dirs, { bandwidthLimit: 1_500_000 });
    main = await launchApp({ binary, dirs });
  }, 300_000);

  afterAll(async () => {
    await main?.app.close().catch(() => undefined);
    if (dirs) await rm(dirs.base, { recursive: true, force: true });
  });

  test('the window opens on app:// with the CSP header and no page errors', async () => {
    const { app, page } = main;
    await expect.poll(() => page.url(), { timeout: 20_000 }).toBe(APP_ENTRY);
    // Reloaded with the listeners attached, so nothing from the first load slips by unseen.
    await page.reload();
    await page.getByRole('button', { name: 'Get a delivery' }).first().waitFor();
    expect(main.problems).toEqual([]);
    // The header as the app:// handler serves it (net.fetch goes through protocol.handle).
    const served = await app.evaluate(async ({ net }, url) => {
      const response = await net.fetch(url);
      return { status: response.status, csp: response.headers.get('content-security-policy') };
    }, APP_ENTRY);
    expect(served).toEqual({ status: 200, csp: APP_CSP });
    // And the page lives under it: connect-src 'none' refuses fetch, no 'unsafe-eval' refuses Function.
    const enforced = await page.evaluate(async () => {
      const fetched = await fetch('/index.html').then(
        () => 'fetched',
        () => 'refused',
      );
      let evaluated = 'refused';
      try {
        // The CSP must refuse exactly this.
        new Function('return 1')();
        evaluated = 'ran';
      } catch {
        // EvalError from the CSP.
      }
      return { fetched, evaluated };
    });
    expect(enforced).toEqual({ fetched: 'refused', evaluated: 'refused' });
    // Those two refusals show up as console errors and a failed request: expected here, so forgotten.
    main.problems.length = 0;
  });

  test('window.courier exposes exactly the contract, and nothing of Node is reachable', async () => {
    const expected = [...INVOKE_METHODS, ...PUSH_EVENTS.map((event) => subscriberName(event))].sort();
    expect(await bridgeShape(main.page)).toEqual({ keys: expected, functions: true, frozen: true, node: [] });
  });

  test('navigation to an outside URL is refused', async () => {
    const { app, page } = main;
    await page
      .evaluate(() => {
        (globalThis as unknown as { location: { href: string } }).location.href =
          'https://courier-smoke.invalid/';
      })
      .catch(() => undefined);
    await expect
      .poll(main.stderr, { timeout: 10_000 })
      .toContain('blocked navigation to https://courier-smoke.invalid/');
    expect(await windowUrls(app)).toEqual([APP_ENTRY]);
  });

  test('window.open is refused and no second window appears', async () => {
    const { app, page } = main;
    const popup = 'https://courier-smoke.invalid/popup';
    const opened = await page.evaluate(
      (url) => (globalThis as unknown as { open(url: string): unknown }).open(url),
      popup,
    );
    expect(opened).toBeNull();
    await expect.poll(main.stderr, { timeout: 10_000 }).toContain(`blocked window.open of ${popup}`);
    expect(await windowUrls(app)).toEqual([APP_ENTRY]);
    expect(app.windows()).toHaveLength(1);
  });

  test(`${FIELD_NAV} started from the UI ends verified, with taskbar progress while it runs`, async () => {
    const { app, page } = main;
    const progressCalls = await recordTaskbarProgress(app);
    const card = await startDeliveryFromUi(page);
    await waitForVerified(card);
    const calls = await progressCalls();
    expect(calls.some((call) => call.progress > 0 && call.progress < 1)).toBe(true);
    expect(calls.at(-1)?.progress).toBe(-1); // cleared once nothing runs
    const files = await listFiles(dirs.staging);
    expect(files.some((file) => file.path.endsWith('manifest.json'))).toBe(true);
    expect(files.filter((file) => isPart(file.path))).toEqual([]);
    expect(main.problems).toEqual([]);
  }, 240_000);

  test('a second launch quits at once and focuses the first instance', async () => {
    const { app } = main;
    const focusCount = await countFocus(app);
    expect(await launchSecondInstance(binary, dirs)).toBe(0);
    await expect.poll(focusCount, { timeout: 10_000 }).toBe(1);
    expect(await windowUrls(app)).toEqual([APP_ENTRY]);
  }, 60_000);

  test('safeStorage reports its backend, and the settings keep secrets accordingly', async () => {
    const storage = await storageReport(main.app);
    console.info(`[test:electron] safeStorage: ${JSON.stringify(storage)}`);
    const weak = storage.platform === 'linux' && ['basic_text', 'unknown'].includes(storage.backend ?? '');
    const settings = await callBridge(main.page, 'getSettings');
    expect(settings.value?.secretStorage).toBe(storage.available && !weak ? 'encrypted' : 'memoryOnly');
  });
});

describe.skipIf(Boolean(skipped))(named('desktop smoke: launches of their own'), () => {
  const bases: string[] = [];
  beforeAll(async () => {
    if (!packagedApp()) await ensureDesktopBuilt();
  }, 300_000);
  afterAll(async () => {
    for (const base of bases) await rm(base, { recursive: true, force: true });
  });

  test('quitting mid-download checkpoints it, and the next launch resumes it to verified', async () => {
    const dirs = await makeSmokeDirs('resume');
    bases.push(dirs.base);
    await seedSettings(dirs, { bandwidthLimit: 400_000 });
    const first = await launchApp({ binary, dirs });
    const card = await startDeliveryFromUi(first.page);
    await expect.poll(() => percentOf(card), { timeout: 60_000, interval: 100 }).toBeGreaterThanOrEqual(10);
    expect(await percentOf(card)).toBeLessThan(100);
    // Playwright's close() calls app.quit(): before-quit lets the service checkpoint, then it exits.
    await first.app.close();
    const checkpointed = await listFiles(dirs.staging);
    expect(checkpointed.some((file) => isPart(file.path) && file.size > 0)).toBe(true);
    expect(checkpointed.some((file) => file.path.includes('.courier'))).toBe(true);

    // Full speed now: the job must carry on by itself (nobody presses Start) and end verified.
    await seedSettings(dirs, { bandwidthLimit: null });
    const second = await launchApp({ binary, dirs });
    try {
      await waitForVerified(deliveryCard(second.page));
      expect((await listFiles(dirs.staging)).filter((file) => isPart(file.path))).toEqual([]);
      expect(second.problems).toEqual([]);
    } finally {
      await second.app.close();
    }
  }, 300_000);

  test.skipIf(process.platform !== 'linux')(
    'with basic_text (Linux), a password is kept in memory only and no file holds it',
    async () => {
      const dirs = await makeSmokeDirs('basic');
      bases.push(dirs.base);
      await seedSettings(dirs, { bandwidthLimit: null });
      const running = await launchApp({ binary, dirs, extraArgs: ['--password-store=basic'] });
      const secret = `smoke-secret-${Date.now().toString(36)}`;
      try {
        const storage = await storageReport(running.app);
        console.info(`[test:electron] safeStorage with --password-store=basic: ${JSON.stringify(storage)}`);
        expect(storage.backend).toBe('basic_text');
        const view = await callBridge(running.page, 'setSecret', { kind: 'password', value: secret });
        expect(view).toMatchObject({ ok: true, value: { hasPassword: true, secretStorage: 'memoryOnly' } });
        expect(running.stderr()).toContain('no OS keyring');
      } finally {
        await running.app.close();
      }
      const files = await listFiles(dirs.base);
      expect(files.filter((file) => file.path.endsWith('secrets.json'))).toEqual([]);
      for (const file of files.filter((f) => f.size < 16 * 1024 * 1024))
        expect((await readFile(file.path)).includes(secret), file.path).toBe(false);
    },
    120_000,
  );
});
