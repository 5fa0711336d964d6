// safeStorage policy for secrets (fake safeStorage, electron mocked): persisted encrypted only with a
// real OS keyring (S1: never Linux basic_text), a secret that no longer decrypts is dropped (S3).
import { describe, expect, test, vi } from 'vitest';
import type { SettingsStore } from '../../../electron/service/index.js';
import { fakeSafeStorage } from '../../support/electron-mock.js';

vi.mock('electron', async () => (await import('../../support/electron-mock.js')).electronModule());
const { createSafeSecretStore } = await import('../../../electron/main/secrets.js');

const log = vi.fn();
function memoryFile(initial?: unknown) {
  let content: unknown = initial;
  const file: SettingsStore & { content: () => unknown } = {
    load: vi.fn(async () => content),
    save: vi.fn(async (data: unknown) => void (content = JSON.parse(JSON.stringify(data)))),
    content: () => content,
  };
  return file;
}

describe('secret storage policy', () => {
  test('S1: Linux basic_text keeps secrets in memory only and never writes them', async () => {
    const safeStorage = fakeSafeStorage('basic_text');
    const file = memoryFile();
    const store = await createSafeSecretStore({ safeStorage, platform: 'linux', file, log });
    expect(store.available).toBe(false);
    await store.set('password', 'hunter2');
    expect(await store.get('password')).toBe('hunter2');
    expect(file.save).not.toHaveBeenCalled();
    expect(safeStorage.encryptStringAsync).not.toHaveBeenCalled();
  });

  test('S1: no encryption available, or a Linux backend not known yet, is memory only too', async () => {
    for (const [safeStorage, platform] of [
      [fakeSafeStorage('gnome_libsecret', false), 'linux'],
      [fakeSafeStorage('unknown'), 'linux'],
      [fakeSafeStorage('basic_text', false), 'win32'],
    ] as const) {
      const store = await createSafeSecretStore({ safeStorage, platform, file: memoryFile(), log });
      expect(store.available).toBe(false);
    }
  });

  test('a real keyring persists only ciphertext, readable by the next start', async () => {
    const file = memoryFile();
    const first = await createSafeSecretStore({
      safeStorage: fakeSafeStorage('kwallet5'),
      platform: 'linux',
      file,
      log,
    });
    expect(first.available).toBe(true);
    await first.set('deviceSecret', 'canary-secret-9a');
    expect(JSON.stringify(file.content())).not.toContain('canary-secret-9a');
    const second = await createSafeSecretStore({
      safeStorage: fakeSafeStorage(),
      platform: 'darwin',
      file,
      log,
    });
    expect(await second.get('deviceSecret')).toBe('canary-secret-9a');
    await second.delete('deviceSecret');
    expect(file.content()).toEqual({});
  });

  test('S3: a secret that fails to decrypt (profile from another machine) is dropped, not thrown', async () => {
    const file = memoryFile({
      password: Buffer.from('garbage from elsewhere').toString('base64'),
      deviceSecret: 'x',
    });
    const safeStorage = fakeSafeStorage();
    const store = await createSafeSecretStore({ safeStorage, platform: 'win32', file, log });
    await expect(store.get('password')).resolves.toBeUndefined();
    expect(file.content()).not.toHaveProperty('password');
    expect(log).toHaveBeenCalledWith('warn', expect.stringMatching(/could not be decrypted/));
    // ...and asking again does not retry the broken blob.
    await store.get('password');
    expect(safeStorage.decryptStringAsync).toHaveBeenCalledTimes(1);
  });
});
