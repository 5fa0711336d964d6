// The electron-builder configuration as electron-builder itself loads and validates it: E10's fuses,
// asar, what may be packed, the installers per OS, the icon files and the macOS entitlements.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import type { Configuration, TargetConfigType } from 'electron-builder';
import { describe, expect, test } from 'vitest';
import config from '../../../electron-builder.js';
import { builderConfig } from '../../../scripts/pack-check.mjs';
import { repoRoot } from '../../support/paths.js';

const ICON_SIZES = [16, 32, 48, 64, 128, 256, 512, 1024];

function targetNames(target: TargetConfigType | undefined): string[] {
  const list = Array.isArray(target) ? target : target == null ? [] : [target];
  return list.map((entry) => (typeof entry === 'string' ? entry : entry.target));
}

/** Width, height and colour type from a PNG's signature and IHDR chunk. */
async function pngHeader(path: string): Promise<{ width: number; height: number; colourType: number }> {
  const bytes = await readFile(path);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), colourType: bytes[25]! };
}

describe('electron-builder configuration', () => {
  test('loads through electron-builder and passes its schema', async () => {
    const loaded: Configuration = await getConfig(repoRoot, builderConfig, null);
    expect(loaded.appId).toBe('org.getapp.courier');
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
  });

  test('E10: the app ships in an asar and every fuse is set the hardened way', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });

  test('names the app, its entry and where packages go; publishes nothing', () => {
    expect(config.productName).toBe('Courier');
    expect(config.extraMetadata?.main).toBe('dist/main/desktop-main.js');
    expect(config.directories).toEqual({ output: 'out', buildResources: 'build' });
    expect(config.publish).toBeNull();
  });

  test('packs built output and package.json only: no tests, sources, CLI, web-host or source maps', () => {
    const patterns = (config.files ?? []) as string[];
    const included = patterns.filter((pattern) => !pattern.startsWith('!'));
    for (const pattern of included) expect(pattern).toMatch(/^(package\.json$|dist\/)/);
    expect(included.some((pattern) => /^dist\/(cli|web-host)\b/.test(pattern))).toBe(false);
    expect(included).toEqual(
      expect.arrayContaining(['dist/main/**/*.js', 'dist/preload/preload.cjs', 'dist/renderer/**/*']),
    );
    expect(patterns).toContain('!**/*.map');
  });

  test('has installers for Windows, Linux and macOS', () => {
    expect(targetNames(config.win?.target)).toEqual(expect.arrayContaining(['nsis', 'portable']));
    expect(targetNames(config.linux?.target)).toEqual(expect.arrayContaining(['AppImage', 'deb', 'tar.gz']));
    expect(targetNames(config.mac?.target)).toEqual(expect.arrayContaining(['dmg', 'zip']));
    expect(config.linux?.category).toBe('Utility');
    // safeStorage needs a keyring backend on Linux, or Courier keeps no secret at all (S1).
    expect(config.deb?.depends).toContain('libsecret-1-0');
  });

  test('the icon electron-builder turns into .icns and .ico is a 1024 × 1024 RGBA PNG', async () => {
    expect(config.mac?.icon).toBe('build/icon.png');
    expect(config.win?.icon).toBe('build/icon.png');
    expect(await pngHeader(join(repoRoot, 'build', 'icon.png'))).toEqual({
      width: 1024,
      height: 1024,
      colourType: 6,
    });
  });

  test('the Linux icon set has every size, each PNG as large as its name says', async () => {
    expect(config.linux?.icon).toBe('build/icons');
    const names = (await readdir(join(repoRoot, 'build', 'icons'))).filter((name) => name.endsWith('.png'));
    expect(names.sort()).toEqual(ICON_SIZES.map((size) => `${size}x${size}.png`).sort());
    for (const size of ICON_SIZES) {
      const header = await pngHeader(join(repoRoot, 'build', 'icons', `${size}x${size}.png`));
      expect(header).toEqual({ width: size, height: size, colourType: 6 });
    }
  });

  test('macOS: hardened runtime, and app and helpers get JIT only (no unsigned memory, no foreign libraries)', async () => {
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.mac?.entitlements).toBe('build/entitlements.mac.plist');
    expect(config.mac?.entitlementsInherit).toBe('build/entitlements.mac.plist');
    const plist = await readFile(join(repoRoot, 'build', 'entitlements.mac.plist'), 'utf8');
    const granted = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((match) => match[1]);
    expect(granted).toEqual(['com.apple.security.cs.allow-jit']);
  });
});
