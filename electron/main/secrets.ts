// Secrets for the desktop app: encrypted with safeStorage and kept in userData only when the OS
// really encrypts (S1: never Linux's basic_text); a secret that no longer decrypts is dropped (S3).
import type { SafeStorage } from 'electron';
import type { Log } from '../shared/log.js';
import {
  createMemorySecretStore,
  type SecretName,
  type SecretStore,
  type SettingsStore,
} from '../service/index.js';

export type SafeStorageLike = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptStringAsync' | 'decryptStringAsync'
>;

export interface SafeSecretOptions {
  readonly safeStorage: SafeStorageLike;
  readonly platform: NodeJS.Platform;
  /** Where the ciphertexts are kept (a JSON file in userData). */
  readonly file: SettingsStore;
  readonly log: Log;
}

/** S1: encryption that is real. On Linux, basic_text is a hard-coded key, and unknown means "not ready". */
export async function encryptionUsable(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform,
): Promise<boolean> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
  if (platform !== 'linux') return true;
  const backend = safeStorage.getSelectedStorageBackend();
  return backend !== 'basic_text' && backend !== 'unknown';
}

export async function createSafeSecretStore(options: SafeSecretOptions): Promise<SecretStore> {
  const { safeStorage, file, log } = options;
  if (!(await encryptionUsable(safeStorage, options.platform))) {
    log('warn', 'no OS keyring: secrets stay in memory for this session only');
    return createMemorySecretStore();
  }
  const loaded = await file.load();
  const stored: Partial<Record<SecretName, string>> =
    typeof loaded === 'object' && loaded !== null ? { ...(loaded as Record<SecretName, string>) } : {};
  const plain = new Map<SecretName, string>();
  const persist = () => file.save(stored);

  const store: SecretStore = {
    available: true,
    async get(name) {
      if (plain.has(name)) return plain.get(name);
      const blob = stored[name];
      if (typeof blob !== 'string') return undefined;
      try {
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(blob, 'base64'));
        plain.set(name, result);
        if (shouldReEncrypt) await store.set(name, result);
        return result;
      } catch {
        // S3: a profile copied from another machine (or a reset keyring). Ask for it again.
        log('warn', `the stored ${name} could not be decrypted on this machine: dropped, enter it again`);
        delete stored[name];
        await persist();
        return undefined;
      }
    },
    async set(name, value) {
      stored[name] = (await safeStorage.encryptStringAsync(value)).toString('base64');
      plain.set(name, value);
      await persist();
    },
    async delete(name) {
      delete stored[name];
      plain.delete(name);
      await persist();
    },
  };
  return store;
}
