// Browser mode's stand-in for native dialogs: no pickers, and no confirmations. Whoever holds the
// session token holds the page, so nothing here can answer for the person at the screen: what
// needs a confirmation is refused (the service explains where to do it). Imports service/ types only.
import type { Dialogs } from '../service/index.js';

export function browserDialogs(stagingFolder: string): Dialogs {
  return {
    unavailable: `Browser mode cannot open file pickers. Packages go to ${stagingFolder} (start with --out DIR to change it).`,
    chooseFolder: async () => undefined,
    chooseFile: async () => undefined,
    confirm: async () => false,
  };
}
