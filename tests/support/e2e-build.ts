// Makes sure dist/renderer holds a build of the current renderer sources before an e2e file serves
// it: rebuilds (vite, in a child process) when it is missing or older than any source. A lock folder
// keeps parallel e2e files from building over each other.
import { execFile } from 'node:child_process';
import { mkdir, readdir, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './paths.js';

export const rendererDist = join(repoRoot, 'dist', 'renderer');
const SOURCES = ['renderer', join('electron', 'shared'), 'vite.config.ts', 'package-lock.json'];
const LOCK = join(repoRoot, 'dist', '.renderer-build.lock');
const LOCK_STALE_MS = 120_000;

async function newestMtime(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((entry) => newestMtime(join(path, entry))));
  return Math.max(info.mtimeMs, ...times);
}

async function isFresh(): Promise<boolean> {
  try {
    const built = (await stat(join(rendererDist, 'index.html'))).mtimeMs;
    const sources = await Promise.all(SOURCES.map((source) => newestMtime(join(repoRoot, source))));
    return built >= Math.max(...sources);
  } catch {
    return false;
  }
}

async function withLock<T>(work: () => Promise<T>): Promise<T> {
  await mkdir(join(repoRoot, 'dist'), { recursive: true });
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch {
      // Another e2e file is building; a lock left by a killed run is taken over after a while.
      const age = await stat(LOCK).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > LOCK_STALE_MS) await rmdir(LOCK).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await work();
  } finally {
    await rmdir(LOCK).catch(() => undefined);
  }
}

export async function ensureRendererBuilt(): Promise<string> {
  if (await isFresh()) return rendererDist;
  await withLock(async () => {
    if (await isFresh()) return;
    const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
    await promisify(execFile)(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: repoRoot });
  });
  return rendererDist;
}
