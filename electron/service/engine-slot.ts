// Owns the one engine the service drives: builds it lazily from the current settings, replaces it when
// those settings change (pausing and closing the old one), and starts the demo server on demand.
import { stat } from 'node:fs/promises';
import { appError } from '../shared/app-error.js';
import type { Log } from '../shared/log.js';
import { fail, ok, type Result } from '../shared/result.js';
import type { EngineEvent } from '../shared/snapshots.js';
import {
  createEngine,
  createStagingRoot,
  type Engine,
  type EngineConfigInput,
  type EngineDeps,
} from '../engine/index.js';
import { buildEngineConfig, engineKey } from './engine-config.js';
import type { StoredSettings } from './settings-model.js';
import type { DemoInfo, SecretStore } from './types.js';

export interface EngineSlotDeps {
  readonly settings: () => StoredSettings;
  readonly stagingRoot: () => string;
  readonly defaultStagingFolder: string;
  readonly secrets: SecretStore;
  readonly secretsVersion: () => number;
  readonly startDemo: () => Promise<DemoInfo>;
  readonly onEvent: (engine: Engine, event: EngineEvent) => void;
  readonly log: Log;
  readonly engineConfig?: Partial<EngineConfigInput> | undefined;
  readonly engineDeps?: Partial<EngineDeps> | undefined;
}

export interface EngineSlot {
  /** The engine for the current settings, created (and the demo server started) if needed. */
  get(): Promise<Result<Engine>>;
  current(): Engine | undefined;
  /** Retires the engine if the settings it was built from changed. */
  refresh(): void;
  close(): Promise<void>;
}

const folderError = (message: string, code: 'CLIENT.targetRemoved' | 'CLIENT.fileSystem') =>
  fail(appError({ code, message, retryable: code === 'CLIENT.targetRemoved' }));

/** The engine never creates its root (a removed USB drive must not become a folder on the system disk). */
async function ensureStagingRoot(path: string, isDefault: boolean): Promise<Result<string>> {
  try {
    if ((await stat(path)).isDirectory()) return ok(path);
    return folderError(
      `The staging folder "${path}" is not a folder. Choose another one.`,
      'CLIENT.fileSystem',
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !isDefault)
      return folderError(
        `The staging folder "${path}" is not there (was a drive removed?). Reconnect it or choose another folder.`,
        'CLIENT.targetRemoved',
      );
  }
  if ((await createStagingRoot(path)) === undefined) return ok(path);
  return folderError(`Courier could not create the staging folder "${path}".`, 'CLIENT.fileSystem');
}

export function createEngineSlot(deps: EngineSlotDeps): EngineSlot {
  let current: { engine: Engine; key: string; unsubscribe: () => void } | undefined;
  let creating: Promise<Result<Engine>> | undefined;
  let retiring: Promise<void> = Promise.resolve();
  let demo: Promise<DemoInfo> | undefined;
  let closed = false;

  const desiredKey = () => engineKey(deps.settings(), deps.stagingRoot(), deps.secretsVersion());

  const startDemo = async (): Promise<Result<DemoInfo>> => {
    demo ??= deps.startDemo();
    try {
      return ok(await demo);
    } catch (error) {
      demo = undefined;
      deps.log('error', `demo server: ${(error as Error).message}`);
      return fail(
        appError({
          code: 'CLIENT.network',
          message: 'The built-in demo server could not start. Restart Courier and try again.',
          retryable: true,
        }),
      );
    }
  };

  const retire = () => {
    const old = current;
    current = undefined;
    if (!old) return;
    retiring = retiring.then(async () => {
      try {
        await old.engine.close(); // pauses every job at a checkpoint; their last snapshots still arrive
      } catch (error) {
        deps.log('error', `closing the engine: ${(error as Error).message}`);
      } finally {
        old.unsubscribe();
      }
    });
  };

  const create = async (key: string): Promise<Result<Engine>> => {
    await retiring; // the old engine must have released its job folders' locks first
    const settings = deps.settings();
    const root = deps.stagingRoot();
    const folder = await ensureStagingRoot(root, root === deps.defaultStagingFolder);
    if (!folder.ok) return folder;
    const demoInfo = settings.mode === 'demo' ? await startDemo() : ok(undefined);
    if (!demoInfo.ok) return demoInfo;
    const config = await buildEngineConfig(settings, root, deps.secrets, demoInfo.value);
    if (!config.ok) return config;
    const extra = deps.engineConfig ?? {};
    const created = createEngine(
      {
        ...config.value,
        ...extra,
        polling: { ...config.value.polling, ...extra.polling },
        download: { ...config.value.download, ...extra.download },
      },
      deps.engineDeps,
    );
    if (!created.ok) return created;
    const engine = created.value;
    const unsubscribe = engine.subscribe((event) => deps.onEvent(engine, event));
    current = { engine, key, unsubscribe };
    return created;
  };

  return {
    async get() {
      for (;;) {
        if (closed)
          return fail(
            appError({ code: 'CLIENT.cancelled', message: 'Courier is closing.', retryable: false }),
          );
        const key = desiredKey();
        if (current?.key === key) return ok(current.engine);
        if (current) retire();
        if (!creating) {
          creating = create(key).finally(() => (creating = undefined));
          return creating;
        }
        const result = await creating;
        if (!result.ok) return result;
      }
    },
    current: () => current?.engine,
    refresh() {
      if (current && current.key !== desiredKey()) retire();
    },
    async close() {
      closed = true;
      await creating?.catch(() => undefined);
      retire();
      await retiring;
      const running = demo;
      demo = undefined;
      if (running) await (await running.catch(() => undefined))?.close();
    },
  };
}
