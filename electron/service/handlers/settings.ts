// Settings handlers: read, change, secrets in (never out), folder and file pickers run on this side,
// files' PEM text pasted where no picker can open. What the UI alone must not do (send secrets to a
// new server, switch verification off) is guarded here.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { appError } from '../../shared/app-error.js';
import { FILE_PURPOSE_FLAGS, type FilePurpose, type SettingsView } from '../../shared/ipc-contract.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { invalidRequest, type ServiceContext } from '../context.js';
import { checkPemText, loadChosenFile, type LoadedFile } from '../pem-files.js';
import {
  applyUpdate,
  bindingCurrent,
  bindingOf,
  dropsSecrets,
  type StoredSettings,
} from '../settings-model.js';
import type { Confirmation, InvokeHandlers, ServiceDeps } from '../types.js';

type SettingsHandlers = Pick<
  InvokeHandlers,
  | 'getSettings'
  | 'updateSettings'
  | 'setSecret'
  | 'chooseStagingFolder'
  | 'chooseFile'
  | 'pastePem'
  | 'clearFile'
>;

/** What Settings shows for PEM text that came without a file. */
export const PASTED_FILE_NAME = 'Pasted text';

async function usableFolder(path: string): Promise<boolean> {
  try {
    await access(path, constants.W_OK);
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

const UNVERIFIED_QUESTION: Confirmation = {
  title: 'Keep unverified files?',
  message: 'Keep files that nothing can vouch for?',
  detail:
    'With this on, a file that has neither a published hash nor a signature Courier can check is kept ' +
    '(marked Unverified) instead of refused. Nothing would show if such a file had been changed on ' +
    'the way. Turn it on only if you expect such files from a server you trust.',
  confirmLabel: 'Keep unverified files',
};

/**
 * Turning "keep unverified files" on is asked of the person at the screen (a native dialog), never
 * taken from the UI's word alone: a compromised renderer or a leaked browser-mode token must not
 * switch verification off in one call. Turning it off needs nobody's permission.
 */
async function confirmUnverified(deps: ServiceDeps): Promise<Result<void>> {
  if (deps.dialogs.unavailable !== undefined || !deps.dialogs.confirm)
    return invalidRequest(
      'Keeping unverified files can only be turned on in the Courier desktop app, where Courier can ask you to confirm it.',
    );
  if (await deps.dialogs.confirm(UNVERIFIED_QUESTION)) return ok(undefined);
  // Not CLIENT.cancelled: its remedy speaks of resuming downloads.
  return invalidRequest('Nothing was changed: keeping unverified files was not confirmed.');
}

const SECRETS_DROPPED =
  'The server address, storage addresses or plain-http setting changed, so the saved password and ' +
  'device secret were removed: they are only ever sent to the server they were entered for. ' +
  'Enter them again on the Connection page.';

export function settingsHandlers(ctx: ServiceContext): SettingsHandlers {
  const { deps } = ctx;
  /** Browser mode has no native pickers: tell the user instead of silently doing nothing. */
  const pickerUnavailable = async () => {
    if (deps.dialogs.unavailable)
      ctx.push({
        event: 'notice',
        payload: {
          level: 'info',
          message: deps.dialogs.unavailable,
          topic: { name: 'noPickers', values: { folder: ctx.stagingRoot() } },
        },
      });
    return ok(await ctx.view());
  };

  /** A checked file (chosen or pasted) becomes the setting of its purpose; a client key a secret. */
  const keep = async (purpose: FilePurpose, file: LoadedFile): Promise<Result<SettingsView>> => {
    const { fileName, pem, fingerprint } = file;
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
  };

  return {
    getSettings: async () => ok(await ctx.view()),

    async updateSettings(update) {
      const current = ctx.settings();
      const next = applyUpdate(current, update);
      if (!next.ok) return next;
      if (next.value.allowUnverified && !current.allowUnverified) {
        const confirmed = await confirmUnverified(deps);
        if (!confirmed.ok) return confirmed;
      }
      // The settings may have changed while the dialog was open: apply the update to what is there now.
      const latest = ctx.settings() === current ? next : applyUpdate(ctx.settings(), update);
      if (!latest.ok) return latest;
      if (dropsSecrets(ctx.settings(), latest.value)) {
        const held = await Promise.all([deps.secrets.get('password'), deps.secrets.get('deviceSecret')]);
        await Promise.all([deps.secrets.delete('password'), deps.secrets.delete('deviceSecret')]);
        ctx.secretsChanged();
        if (held.some((secret) => secret !== undefined))
          ctx.push({
            event: 'notice',
            payload: { level: 'warn', message: SECRETS_DROPPED, topic: { name: 'secretsDropped' } },
          });
      }
      return ctx.commit(latest.value);
    },

    async setSecret({ kind, value }) {
      const current = ctx.settings();
      // Both secrets share one binding: one left from another connection must not be rebound with it.
      if (!bindingCurrent(current))
        await deps.secrets.delete(kind === 'password' ? 'deviceSecret' : 'password');
      await deps.secrets.set(kind, value);
      ctx.secretsChanged();
      // The secret is for the connection set now, and for no other (see settings-model).
      return ctx.commit({ ...ctx.settings(), secretBinding: bindingOf(ctx.settings()) });
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
      // Not a notice: the UI offers pasting instead, so a call here is a mistake to explain.
      if (deps.dialogs.unavailable !== undefined)
        return invalidRequest(
          `Browser mode cannot open a file picker. Paste the file's PEM text in Settings instead, or start it with ${FILE_PURPOSE_FLAGS[purpose]} FILE.`,
        );
      const chosen = await deps.dialogs.chooseFile(purpose);
      if (chosen === undefined) return ok(await ctx.view());
      const loaded = await loadChosenFile(chosen, purpose);
      return loaded.ok ? keep(purpose, loaded.value) : loaded;
    },

    async pastePem({ purpose, pem, fileName = PASTED_FILE_NAME }) {
      const checked = checkPemText(purpose, fileName, pem);
      return checked.ok ? keep(purpose, checked.value) : checked;
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
