// E6: the preload exposes exactly the contract (one function per invoke method, one subscriber per
// push event) and nothing of Electron; the built CommonJS bundle does the same with only `electron`
// available to require.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { build } from 'vite';
import {
  INVOKE_METHODS,
  PUSH_EVENTS,
  invokeChannel,
  pushChannel,
  subscriberName,
} from '../../../electron/shared/ipc-contract.js';
import { fake } from '../../support/electron-mock.js';
import { repoRoot } from '../../support/paths.js';
import { useTempDirs } from '../../support/temp-dir.js';

vi.mock('electron', async () => (await import('../../support/electron-mock.js')).electronModule());

const allowlist = [...INVOKE_METHODS, ...PUSH_EVENTS.map(subscriberName)].sort();
const tempDir = useTempDirs();

function exposed(exposeInMainWorld: { mock: { calls: unknown[][] } }) {
  expect(exposeInMainWorld.mock.calls).toHaveLength(1);
  const [name, api] = exposeInMainWorld.mock.calls[0]!;
  expect(name).toBe('courier');
  return api as Record<string, unknown>;
}

describe('preload', () => {
  test('E6: window.courier has exactly the contract keys, all functions, nothing of ipcRenderer', async () => {
    await import('../../../electron/preload/preload.js');
    const api = exposed(fake.contextBridge.exposeInMainWorld);
    expect(Object.keys(api).sort()).toEqual(allowlist);
    for (const [key, value] of Object.entries(api)) expect(typeof value, key).toBe('function');
    expect(Object.values(api)).not.toContain(fake.ipcRenderer);
    expect(Object.isFrozen(api)).toBe(true);
  });

  test('E6: invoke passes one argument on the contract channel; subscribers get the payload, never the event', async () => {
    await import('../../../electron/preload/preload.js');
    const api = exposed(fake.contextBridge.exposeInMainWorld) as Record<
      string,
      (...args: unknown[]) => unknown
    >;
    api.pauseJob!({ jobId: 'j' }, 'smuggled', 'more');
    expect(fake.ipcRenderer.invoke).toHaveBeenLastCalledWith(invokeChannel('pauseJob'), { jobId: 'j' });
    const listener = vi.fn();
    const stop = api.onJob!(listener) as () => void;
    const [channel, forward] = fake.ipcRenderer.on.mock.calls.at(-1)! as [string, (...a: unknown[]) => void];
    expect(channel).toBe(pushChannel('job'));
    forward({ sender: fake.ipcRenderer, senderId: 0 }, { jobId: 'j' });
    expect(listener).toHaveBeenCalledWith({ jobId: 'j' });
    expect(listener.mock.calls[0]).toHaveLength(1);
    stop();
    expect(fake.ipcRenderer.removeListener).toHaveBeenCalledWith(pushChannel('job'), forward);
  });

  test('E6: the built preload.cjs is one CommonJS file that requires only electron and exposes the same keys', async () => {
    const outDir = await tempDir();
    await build({
      configFile: join(repoRoot, 'vite.preload.config.ts'),
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true },
    });
    const code = await readFile(join(outDir, 'preload.cjs'), 'utf8');
    const required: string[] = [];
    const expose = vi.fn();
    const fakeRequire = (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
      return {
        contextBridge: { exposeInMainWorld: expose },
        ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
      };
    };
    const module = { exports: {} };
    new Function('require', 'module', 'exports', code)(fakeRequire, module, module.exports);
    expect(required).toEqual(['electron']);
    expect(Object.keys(exposed(expose)).sort()).toEqual(allowlist);
  });
});
