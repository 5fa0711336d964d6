// Plain implementations of the service's stores that every host can use: the settings JSON file in
// an app-data folder (replaced atomically) and a memory-only secret store.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createTurns } from '../shared/in-turn.js';
import type { SecretName, SecretStore, SettingsStore } from './types.js';

export const SETTINGS_FILE = 'settings.json';
const MAX_SETTINGS_BYTES = 4 * 1024 * 1024;

/** settings.json in `folder` (created, with parents: it is the app's own data folder, not staging). */
export function createJsonSettingsStore(folder: string): SettingsStore {
  return createJsonFileStore(folder, SETTINGS_FILE);
}

/** One JSON document in `folder`, replaced atomically; unreadable or damaged reads as undefined. */
export function createJsonFileStore(folder: string, fileName: string): SettingsStore {
  const path = join(folder, fileName);
  // One save at a time: two overlapping saves could rename in either order and leave the older
  // settings on disk, to come back at the next start.
  const inTurn = createTurns();
  return {
    async load() {
      try {
        const text = await readFile(path, 'utf8');
        if (text.length > MAX_SETTINGS_BYTES) return undefined;
        return JSON.parse(text, (key, value: unknown) => (key === '__proto__' ? undefined : value));
      } catch {
        // Missing or damaged: the service starts from defaults (and the next save repairs it).
        return undefined;
      }
    },
    save: (data) => inTurn(() => replaceFile(folder, path, data)),
  };
}

/** Writes `data` to a temporary file beside `path`, flushes it, and renames it over `path`. */
async function replaceFile(folder: string, path: string, data: unknown): Promise<void> {
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const temp = join(folder, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  // 0600: it names the server and user (or holds ciphertexts); a crash must never leave half a file.
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(data, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Secrets for this session only: what a host without an OS keyring (or browser mode) uses (S1). */
export function createMemorySecretStore(): SecretStore {
  const values = new Map<SecretName, string>();
  return {
    available: false,
    get: async (name) => values.get(name),
    set: async (name, value) => void values.set(name, value),
    delete: async (name) => void values.delete(name),
  };
}
