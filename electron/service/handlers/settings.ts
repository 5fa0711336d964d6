// Settings handlers: read, change, secrets in (never out), folder and file pickers run on this side.
// Imports shared/ and service siblings only.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { appError } from '../../shared/app-error.js';
import type { FilePurpose } from '../../shared/ipc-contract.js';
import { fail, ok } from '../../shared/result.js';
import { invalidRequest, type ServiceContext } from '../context.js';
import { loadChosenFile } from '../pem-files.js';
import { applyUpdate, type StoredSettings } from '../settings-model.js';
import type { InvokeHandlers } from '../types.js';

type SettingsHandlers = Pick<
  InvokeHandlers,
  'getSettings' | 'updateSettings' | 'setSecret' | 'chooseStagingFolder' | 'chooseFile' | 'clearFile'
>;

async function usableFolder(path: string): Promise<boolean> {
  try {
    await access(path, constants.W_OK);
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

export function settingsHandlers(ctx: ServiceContext): SettingsHandlers {
  const { deps } = ctx;
  /** Browser mode has no native pickers: tell the user instead of silently doing nothing. */
  const pickerUnavailable = async () => {
    if (deps.dialogs.unavailable)
      ctx.push({ event: 'notice', payload: { level: 'info', message: deps.dialogs.unavailable } });
    return ok(await ctx.view());
  };

  return {
    getSettings: async () => ok(await ctx.view()),

    async updateSettings(update) {
      const next = applyUpdate(ctx.settings(), update);
      return next.ok ? ctx.commit(next.value) : next;
    },

    async setSecret({ kind, value }) {
      await deps.secrets.set(kind, value);
      ctx.secretsChanged();
      return ok(await ctx.view());
    },

    async chooseStagingFolder() {
      const chosen = await deps.dialogs.chooseFolder('staging');
      if (chosen === undefined) return pickerUnavailable();
      if (!isAbsolute(chosen)) return invalidRequest('The chosen folder is not an absolute path.');
      const folder = resolve(chosen);
      if (!(await usableFolder(folder)))
        return fail(
          appError({
            code: 'CLIENT.fileSystem',
            message: `Courier cannot write to "${folder}". Choose a folder you can write to.`,
            retryable: false,
          }),
        );
      return ctx.commit({ ...ctx.settings(), stagingFolder: folder });
    },

    async chooseFile({ purpose }) {
      const chosen = await deps.dialogs.chooseFile(purpose);
      if (chosen === undefined) return pickerUnavailable();
      const loaded = await loadChosenFile(chosen, purpose);
      if (!loaded.ok) return loaded;
      const { fileName, pem, fingerprint } = loaded.value;
      const current = ctx.settings();
      if (purpose === 'clientKey') {
        await deps.secrets.set('clientKey', pem);
        ctx.secretsChanged();
        return ctx.commit({ ...current, clientKey: { fileName } });
      }
      const next: StoredSettings =
        purpose === 'publicKey'
          ? { ...current, publicKey: { fileName, pem, fingerprint: fingerprint ?? '' } }
          : { ...current, [purpose]: { fileName, pem } };
      return ctx.commit(next);
    },

    async clearFile({ purpose }) {
      if (purpose === 'clientKey') {
        await deps.secrets.delete('clientKey');
        ctx.secretsChanged();
      }
      const cleared: Record<FilePurpose, Partial<StoredSettings>> = {
        publicKey: { publicKey: null },
        caBundle: { caBundle: null },
        clientCertificate: { clientCertificate: null },
        clientKey: { clientKey: null },
      };
      return ctx.commit({ ...ctx.settings(), ...cleared[purpose] });
    },
  };
}
