// `npm run pack:check`: packs the built app offline with electron-builder (`--linux dir`, the real
// configuration, fuses included) around a stand-in Electron, then checks what landed in app.asar and
// reads the fuses back. The packaging tests import the helpers. Plain Node: no electron import.
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { extractFile, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const builderConfig = 'electron-builder.js';
const require = createRequire(import.meta.url);

/** Fuse markers the way Electron stores them (one ASCII byte each), as @electron/fuses reads them. */
const FUSE_ON = 0x31;
const FUSE_OFF = 0x30;
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's shipped defaults, index by index (RunAsNode, CookieEncryption, NodeOptions,
// NodeCliInspect, EmbeddedAsarIntegrity, OnlyLoadAppFromAsar, V8Snapshot, FileProtocolPrivileges,
// WasmTrapHandlers). Each fuse E10 sets starts at the opposite value, so a fuse electron-builder
// failed to flip shows up.
const DEFAULT_WIRE = '101100011';

/**
 * A folder electron-builder accepts as `electronDist`: an executable `electron`, LICENSE, version and
 * an empty resources/. The binary cannot be downloaded here, so `electron` is a shell script that
 * refuses to run, followed (after `exit`, so the shell never reads it) by a fuse wire in Electron's
 * format: electron-builder's fuse step then flips real bytes instead of failing with "Could not find
 * sentinel". It proves the configuration reaches the binary, not that a real Electron honours it.
 * @param {string} dir
 */
export async function makeFakeElectronDist(dir) {
  await mkdir(join(dir, 'resources'), { recursive: true });
  const script = '#!/bin/sh\necho "stand-in Electron for pack:check: it cannot run" >&2\nexit 1\n# ';
  const wire = Buffer.concat([
    Buffer.from(script + SENTINEL, 'latin1'),
    Buffer.from([1, DEFAULT_WIRE.length]),
    Buffer.from(`${DEFAULT_WIRE}\n`, 'latin1'),
  ]);
  await writeFile(join(dir, 'electron'), wire);
  await chmod(join(dir, 'electron'), 0o755);
  await writeFile(join(dir, 'version'), require('electron/package.json').version);
  await writeFile(join(dir, 'LICENSE'), 'Stand-in for the Electron LICENSE (pack:check only).\n');
  return dir;
}

/**
 * Runs `electron-builder --linux dir` on the real configuration with the given Electron folder.
 * `output` overrides directories.output (tests pack into a temp folder, never into out/).
 * @param {{ electronDist: string, output?: string, echo?: boolean }} options
 * @returns {Promise<{ appOutDir: string, seconds: number, log: string }>}
 */
export function packLinuxDir({ electronDist, output, echo = false }) {
  const cli = join(dirname(require.resolve('electron-builder/package.json')), 'cli.js');
  const args = [cli, '--config', builderConfig, '--linux', 'dir', '--publish', 'never'];
  args.push(`-c.electronDist=${electronDist}`);
  if (output) args.push(`-c.directories.output=${output}`);
  const started = Date.now();
  return new Promise((resolvePack, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    const collect = (/** @type {Buffer} */ chunk) => {
      log += chunk;
      if (echo) process.stdout.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (Date.now() - started) / 1000;
      const appOutDir = join(output ? resolve(output) : join(repoRoot, 'out'), 'linux-unpacked');
      if (code === 0) resolvePack({ appOutDir, seconds, log });
      else reject(new Error(`electron-builder exited with ${code} after ${seconds}s:\n${log.slice(-4000)}`));
    });
  });
}

/**
 * Files in app.asar, as paths relative to the app root ("dist/main/desktop-main.js").
 * @param {string} asarPath
 */
export function asarFiles(asarPath) {
  return listPackage(asarPath, { isPack: false }).map((entry) => entry.replace(/^[\\/]/, ''));
}

// A specifier has no whitespace: that keeps a word like 'from' inside a list of strings from
// reading as an import.
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"\s]+)['"]/g;

/**
 * Every import the packaged main reaches (walked from its entry through relative imports) that the
 * asar cannot satisfy: a relative file that was not packed, or a package without node_modules/<name>.
 * Electron and node:* come from the runtime.
 * @param {string} asarPath
 * @param {string} entry
 */
export function unresolvedImports(asarPath, entry) {
  const files = new Set(asarFiles(asarPath));
  /** @type {string[]} */
  const missing = [];
  const seen = new Set();
  const queue = [entry];
  while (queue.length > 0) {
    const file = /** @type {string} */ (queue.shift());
    if (seen.has(file)) continue;
    seen.add(file);
    const source = extractFile(asarPath, file).toString('utf8');
    for (const [, spec = ''] of source.matchAll(IMPORT)) {
      if (spec.startsWith('.')) {
        const target = posix.normalize(posix.join(posix.dirname(file), spec));
        if (files.has(target)) queue.push(target);
        else missing.push(`${file} -> ${spec}`);
      } else if (!spec.startsWith('node:') && spec !== 'electron') {
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        if (!files.has(`node_modules/${name}/package.json`)) missing.push(`${file} -> ${spec}`);
      }
    }
  }
  return missing;
}

/**
 * The fuse wire of a packed binary, by fuse name: 'on', 'off' or another marker.
 * @param {string} binary
 */
export async function readFuses(binary) {
  const wire = await getCurrentFuseWire(binary);
  /** @type {Record<string, string>} */
  const fuses = {};
  for (const [index, state] of Object.entries(wire)) {
    if (index === 'version') continue;
    const name = FuseV1Options[Number(index)] ?? `fuse${index}`;
    fuses[name] = state === FUSE_ON ? 'on' : state === FUSE_OFF ? 'off' : String(state);
  }
  return fuses;
}

async function main() {
  const config = (await import(pathToFileURL(join(repoRoot, builderConfig)).href)).default;
  const temp = await mkdtemp(join(tmpdir(), 'courier-pack-check-'));
  try {
    const electronDist = await makeFakeElectronDist(join(temp, 'electron'));
    const { appOutDir, seconds } = await packLinuxDir({ electronDist, echo: true });
    const asarPath = join(appOutDir, 'resources', 'app.asar');
    const files = asarFiles(asarPath);
    const problems = unresolvedImports(asarPath, 'dist/main/desktop-main.js').map(
      (line) => `unresolved: ${line}`,
    );
    for (const required of ['package.json', 'dist/preload/preload.cjs', 'dist/renderer/index.html']) {
      if (!files.includes(required)) problems.push(`missing: ${required}`);
    }
    for (const file of files.filter((name) => /^(tests|electron|renderer|scripts|build)\//.test(name))) {
      problems.push(`should not be packed: ${file}`);
    }
    const packedMain = JSON.parse(extractFile(asarPath, 'package.json').toString('utf8')).main;
    if (packedMain !== 'dist/main/desktop-main.js')
      problems.push(`packaged package.json main is ${packedMain}`);
    const fuses = await readFuses(join(appOutDir, config.linux.executableName));
    const size = (await readFile(asarPath)).length;
    console.log(
      `\npack:check: ${files.length} entries, app.asar ${(size / 1e6).toFixed(1)} MB, packed in ${seconds}s`,
    );
    console.log(`fuses (stand-in binary): ${JSON.stringify(fuses)}`);
    console.log('A real build: npx @electron/fuses read --app <packaged binary> (see README).');
    if (problems.length > 0) {
      console.error(problems.join('\n'));
      process.exitCode = 1;
    }
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
