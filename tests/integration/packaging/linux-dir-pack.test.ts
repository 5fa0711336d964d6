// The real electron-builder run, offline: `--linux dir` with the real configuration around a stand-in
// Electron (scripts/pack-check.mjs). What a user would miss is checked in the resulting app.asar and
// binary: the app's files, every import main makes, no tests or sources, and E10's fuses flipped.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { extractFile } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import config from '../../../electron-builder.js';
import {
  asarFiles,
  makeFakeElectronDist,
  packLinuxDir,
  readFuses,
  unresolvedImports,
} from '../../../scripts/pack-check.mjs';
import { ensureRendererBuilt } from '../../support/e2e-build.js';
import { repoRoot } from '../../support/paths.js';

const run = promisify(execFile);
const dist = join(repoRoot, 'dist');
/** What tsconfig.main.json emits: main and the plain-Node layers it imports. */
const MAIN_LAYERS = ['main', 'shared', 'engine', 'service', 'demo-server'];

/**
 * Builds what the pack needs when it is missing. Main is compiled into a temp folder and only absent
 * folders are copied in: `npm test` has built shared/engine/service already, and the built CLI other
 * tests are running imports them, so they are never rewritten under it. The renderer build is shared
 * with the e2e files (lock and freshness check).
 */
async function ensureBuilt(temp: string): Promise<void> {
  if (MAIN_LAYERS.some((layer) => !existsSync(join(dist, layer)))) {
    const out = join(temp, 'tsc');
    const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    await run(process.execPath, [tsc, '-p', 'tsconfig.main.json', '--outDir', out], { cwd: repoRoot });
    for (const layer of MAIN_LAYERS) {
      if (!existsSync(join(dist, layer))) await cp(join(out, layer), join(dist, layer), { recursive: true });
    }
  }
  if (!existsSync(join(dist, 'preload', 'preload.cjs'))) {
    await run('npm', ['run', 'build:preload'], { cwd: repoRoot });
  }
  await ensureRendererBuilt();
}

let temp = '';
let appOutDir = '';
let asarPath = '';
let files: string[] = [];

beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'courier-pack-'));
  await ensureBuilt(temp);
  const electronDist = await makeFakeElectronDist(join(temp, 'electron'));
  ({ appOutDir } = await packLinuxDir({ electronDist, output: join(temp, 'out') }));
  asarPath = join(appOutDir, 'resources', 'app.asar');
  files = asarFiles(asarPath);
}, 180_000);

afterAll(async () => {
  if (temp) await rm(temp, { recursive: true, force: true });
});

describe('electron-builder --linux dir (offline, stand-in Electron)', () => {
  test('app.asar holds main, the preload, the renderer and package.json', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'dist/main/desktop-main.js',
        'dist/preload/preload.cjs',
        'dist/renderer/index.html',
        'package.json',
      ]),
    );
    // onlyLoadAppFromAsar: nothing of the app may live beside the asar.
    expect(existsSync(join(appOutDir, 'resources', 'app'))).toBe(false);
  });

  test('no tests, sources, source maps, CLI or web-host are packed', () => {
    const unwanted = files.filter(
      (file) =>
        /^(tests|electron|renderer|scripts|build|src)\//.test(file) ||
        /^dist\/(cli|web-host)\//.test(file) ||
        /\.(map|ts|tsx)$/.test(file),
    );
    expect(unwanted).toEqual([]);
  });

  test('every import reachable from main resolves inside the asar (runtime dependencies included)', () => {
    expect(unresolvedImports(asarPath, 'dist/main/desktop-main.js')).toEqual([]);
  });

  test('node_modules holds runtime dependencies only, never a devDependency', async () => {
    const pkg = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    const packed = new Set(files.map((file) => /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1]));
    // Every runtime dependency travels with the app, and nothing else does.
    const runtime = Object.keys(
      (
        JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as {
          dependencies: Record<string, string>;
        }
      ).dependencies,
    );
    for (const name of runtime) expect(packed.has(name), name).toBe(true);
    expect(Object.keys(pkg.devDependencies).filter((name) => packed.has(name))).toEqual([]);
  });

  test('the packaged package.json starts dist/main/desktop-main.js as ESM and carries no scripts', () => {
    const packaged = JSON.parse(extractFile(asarPath, 'package.json').toString('utf8')) as Record<
      string,
      unknown
    >;
    expect(packaged).toMatchObject({ main: 'dist/main/desktop-main.js', type: 'module', name: 'courier' });
    expect(packaged).not.toHaveProperty('scripts');
    expect(packaged).not.toHaveProperty('devDependencies');
  });

  test('E10: electron-builder flipped every fuse in the binary it packed', async () => {
    const fuses = await readFuses(join(appOutDir, config.linux?.executableName ?? 'courier'));
    expect(fuses).toMatchObject({
      RunAsNode: 'off',
      EnableNodeOptionsEnvironmentVariable: 'off',
      EnableNodeCliInspectArguments: 'off',
      OnlyLoadAppFromAsar: 'on',
      EnableEmbeddedAsarIntegrityValidation: 'on',
      EnableCookieEncryption: 'on',
      GrantFileProtocolExtraPrivileges: 'off',
    });
  });
});
