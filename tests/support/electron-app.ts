// The desktop smoke suite's launcher: finds a runnable Electron binary (or says why there is none),
// builds the app it runs, and starts it with Playwright's `_electron.launch` on a fresh user-data
// dir and staging folder. Never imports `electron`: without the binary, requiring it would try to
// download one (node_modules/electron/index.js).
import { spawn, execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdir, mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { ensureRendererBuilt } from './e2e-build.js';
import { repoRoot } from './paths.js';

/** Where the Electron binary came from, or why there is none (the suite then skips, with this reason). */
export type ElectronBinary = { readonly path: string; readonly source: string } | { readonly reason: string };

const STOCK_EXECUTABLE: Partial<Record<NodeJS.Platform, string>> = {
  linux: 'electron',
  win32: 'electron.exe',
  darwin: 'Electron.app/Contents/MacOS/Electron',
};

async function executable(path: string): Promise<boolean> {
  try {
    await access(path, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * The binary, the way node_modules/electron/index.js resolves it but without its download fallback:
 * COURIER_ELECTRON_BINARY (an executable), ELECTRON_OVERRIDE_DIST_PATH (a folder holding one), or the
 * `electron` package's dist/ named by its path.txt (both missing when the binary was never fetched).
 */
export async function findElectronBinary(env: NodeJS.ProcessEnv = process.env): Promise<ElectronBinary> {
  const pkg = join(repoRoot, 'node_modules', 'electron');
  const pathTxt = await readFile(join(pkg, 'path.txt'), 'utf8').then(
    (text) => text.trim(),
    () => undefined,
  );
  const candidates: { path: string; source: string }[] = [];
  if (env.COURIER_ELECTRON_BINARY)
    candidates.push({ path: env.COURIER_ELECTRON_BINARY, source: 'COURIER_ELECTRON_BINARY' });
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const name = pathTxt ?? STOCK_EXECUTABLE[process.platform] ?? 'electron';
    candidates.push({
      path: join(env.ELECTRON_OVERRIDE_DIST_PATH, name),
      source: 'ELECTRON_OVERRIDE_DIST_PATH',
    });
  }
  if (pathTxt) candidates.push({ path: join(pkg, 'dist', pathTxt), source: 'the electron package' });
  for (const candidate of candidates) if (await executable(candidate.path)) return candidate;
  const tried = candidates.map((c) => `${c.source}: ${c.path}`).join('; ');
  return {
    reason:
      `no Electron binary (${tried || 'node_modules/electron has no path.txt: the binary was never fetched'}); ` +
      'set COURIER_ELECTRON_BINARY or ELECTRON_OVERRIDE_DIST_PATH, or install electron where it can download',
  };
}

/** A packaged app to check (`electron-builder --dir` output), from COURIER_ELECTRON_APP. */
export interface PackagedApp {
  /** The packaged executable (a .app bundle on macOS), for `@electron/fuses`. */
  readonly executable: string;
  /** Its app.asar, which a stock Electron can run (the packaged binary refuses --inspect: E10). */
  readonly asar: string;
}

export function packagedApp(env: NodeJS.ProcessEnv = process.env): PackagedApp | undefined {
  const dir = env.COURIER_ELECTRON_APP;
  if (!dir) return undefined;
  if (process.platform === 'darwin') {
    const app = dir.endsWith('.app') ? dir : join(dir, 'Courier.app');
    return { executable: app, asar: join(app, 'Contents', 'Resources', 'app.asar') };
  }
  const name = process.platform === 'win32' ? 'Courier.exe' : 'courier-desktop';
  return { executable: join(dir, name), asar: join(dir, 'resources', 'app.asar') };
}

const run = promisify(execFile);

/** Builds main (with the plain-Node layers it imports), the preload bundle and the renderer. */
export async function ensureDesktopBuilt(): Promise<void> {
  if (process.env.COURIER_ELECTRON_NO_BUILD === '1') return;
  const node = process.execPath;
  await run(node, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.main.json'], {
    cwd: repoRoot,
  });
  await run(
    node,
    [join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '-c', 'vite.preload.config.ts'],
    {
      cwd: repoRoot,
    },
  );
  await ensureRendererBuilt();
}

/** One temp base per test file: a user-data dir per launch, and a staging folder. */
export interface SmokeDirs {
  readonly base: string;
  readonly userData: string;
  readonly staging: string;
}

export async function makeSmokeDirs(prefix: string): Promise<SmokeDirs> {
  const base = await mkdtemp(join(tmpdir(), `courier-electron-${prefix}-`));
  const dirs = { base, userData: join(base, 'user-data'), staging: join(base, 'packages') };
  await mkdir(dirs.userData, { recursive: true });
  await mkdir(dirs.staging, { recursive: true });
  return dirs;
}

/**
 * Settings the renderer may not change are seeded where main reads them (userData/settings.json, see
 * service/stores.ts): the staging folder (chosen in main only) and a bandwidth limit, so a download
 * on loopback lasts long enough to be seen running and to be interrupted.
 */
export async function seedSettings(
  dirs: SmokeDirs,
  settings: { bandwidthLimit: number | null },
): Promise<void> {
  const document = { mode: 'demo', stagingFolder: dirs.staging, ...settings };
  await writeFile(join(dirs.userData, 'settings.json'), `${JSON.stringify(document, null, 2)}\n`);
}

export interface LaunchOptions {
  readonly binary: string;
  readonly dirs: SmokeDirs;
  readonly extraArgs?: readonly string[];
}

/** The app argument: the built main, or a packaged app.asar when COURIER_ELECTRON_APP is set. */
export function appEntry(): string {
  return packagedApp()?.asar ?? join(repoRoot, 'dist', 'main', 'desktop-main.js');
}

/** Chromium's OS sandbox stays on unless it cannot start here (root, or no user namespaces). */
export function sandboxArgs(): string[] {
  return process.platform === 'linux' && process.env.COURIER_ELECTRON_SANDBOX !== '1' ? ['--no-sandbox'] : [];
}

export function appArgs(dirs: SmokeDirs, extra: readonly string[] = []): string[] {
  // --user-data-dir overrides app.getPath('userData') (Electron's PreSandboxStartup), which also
  // scopes the single-instance lock and settings to this launch.
  return [appEntry(), `--user-data-dir=${dirs.userData}`, ...sandboxArgs(), ...extra];
}

export function appEnv(dirs: SmokeDirs): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  // Any of these would turn the binary into plain Node or change what it loads.
  delete env.ELECTRON_RUN_AS_NODE;
  delete env.NODE_OPTIONS;
  delete env.ELECTRON_OVERRIDE_DIST_PATH;
  if (process.platform === 'linux') {
    // app.getPath('documents') and the XDG folders land in the temp base too. Not on macOS, where
    // another HOME would hide the login keychain from safeStorage.
    env.HOME = dirs.base;
    env.XDG_CONFIG_HOME = join(dirs.base, 'config');
  }
  return env;
}

export interface RunningApp {
  readonly app: ElectronApplication;
  readonly page: Page;
  /** Main-process stderr so far (Courier's own warnings: blocked navigation, window.open ...). */
  readonly stderr: () => string;
  /** Page errors, console errors and failed loads seen since the page was attached. */
  readonly problems: string[];
}

export async function launchApp(options: LaunchOptions): Promise<RunningApp> {
  const app = await _electron.launch({
    // Given explicitly: without it Playwright require()s the electron package (which may download).
    executablePath: options.binary,
    args: appArgs(options.dirs, options.extraArgs),
    env: appEnv(options.dirs),
    cwd: repoRoot,
    chromiumSandbox: process.env.COURIER_ELECTRON_SANDBOX === '1',
    timeout: 60_000,
  });
  let stderr = '';
  app.process().stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const page = await app.firstWindow({ timeout: 60_000 });
  page.setDefaultTimeout(60_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
  return { app, page, stderr: () => stderr, problems };
}

/** Starts a second instance on the same user-data dir (no Playwright: it is meant to quit at once). */
export function launchSecondInstance(binary: string, dirs: SmokeDirs): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, appArgs(dirs), { env: appEnv(dirs), cwd: repoRoot, stdio: 'ignore' });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the second instance did not quit within 30 s'));
    }, 30_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/** Every file under `root` (recursively) with its size. */
export async function listFiles(root: string): Promise<{ path: string; size: number }[]> {
  const found: { path: string; size: number }[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) found.push({ path, size: (await stat(path)).size });
    }
  };
  await walk(root);
  return found;
}
