// Native pickers, confirmations and "open in file manager" for the service: chosen, asked and resolved
// in main only, so the renderer never hands a path to act on (E1, E5) nor answers a question meant
// for the person at the screen.
import {
  dialog,
  shell,
  type BrowserWindow,
  type FileFilter,
  type MessageBoxOptions,
  type OpenDialogOptions,
} from 'electron';
import type { FilePurpose } from '../shared/ipc-contract.js';
import type { Confirmation, Dialogs, FolderPurpose, Shell } from '../service/index.js';

const FILES: Record<FilePurpose, { title: string; filters: FileFilter[] }> = {
  publicKey: {
    title: 'Choose the signing public key (cosign.pub)',
    filters: [{ name: 'Public key', extensions: ['pub', 'pem'] }],
  },
  caBundle: {
    title: 'Choose the certificate authority bundle',
    filters: [{ name: 'Certificates', extensions: ['pem', 'crt', 'cer'] }],
  },
  clientCertificate: {
    title: 'Choose the client certificate',
    filters: [{ name: 'Certificate', extensions: ['pem', 'crt', 'cer'] }],
  },
  clientKey: {
    title: 'Choose the client private key',
    filters: [{ name: 'Private key', extensions: ['pem', 'key'] }],
  },
};

const FOLDERS: Record<FolderPurpose, OpenDialogOptions> = {
  staging: { title: 'Choose where packages are staged', properties: ['openDirectory', 'createDirectory'] },
  exportTarget: {
    title: 'Choose the drive or folder to copy the package to',
    buttonLabel: 'Copy here',
    properties: ['openDirectory', 'createDirectory'],
  },
  // No createDirectory: a package to check must already be there.
  packageToVerify: {
    title: 'Choose a package folder (or a drive holding one) to verify',
    buttonLabel: 'Verify',
    properties: ['openDirectory'],
  },
};

/** Cancel first, default and on Escape: only a deliberate click on the named button says yes. */
export function confirmationBox(question: Confirmation): MessageBoxOptions {
  return {
    type: 'warning',
    title: question.title,
    message: question.message,
    detail: question.detail,
    buttons: ['Cancel', question.confirmLabel],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
}

export function createDialogs(window: () => BrowserWindow | undefined): Dialogs {
  let lastDrive: string | undefined;
  const pick = async (options: OpenDialogOptions) => {
    const win = window();
    const answer = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return answer.canceled ? undefined : answer.filePaths[0];
  };
  return {
    async chooseFolder(purpose = 'staging') {
      // The drive a technician copied to is the one they will check or copy to next: start there.
      const start = purpose === 'staging' ? undefined : lastDrive;
      const chosen = await pick({ ...FOLDERS[purpose], ...(start ? { defaultPath: start } : {}) });
      if (chosen !== undefined && purpose !== 'staging') lastDrive = chosen;
      return chosen;
    },
    chooseFile: (purpose) =>
      pick({
        title: FILES[purpose].title,
        filters: [...FILES[purpose].filters, { name: 'All files', extensions: ['*'] }],
        properties: ['openFile'],
      }),
    async confirm(question) {
      const win = window();
      const options = confirmationBox(question);
      const answer = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
      return answer.response === 1;
    },
  };
}

/** Only paths the service resolved from a job; never a URL (no openExternal anywhere, E5). */
export const electronShell: Shell = { openPath: (path) => shell.openPath(path) };
