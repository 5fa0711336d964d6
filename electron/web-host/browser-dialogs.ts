// Browser mode's stand-ins for native dialogs and the shell: no pickers, and no confirmations.
// Whoever holds the session token holds the page, so nothing here can answer for the person at the
// screen: what needs a confirmation is refused (the service explains where to do it). Nothing opens
// on this computer either: folders are shown as paths, reports as pages of the host.
import type { Dialogs, Shell } from '../service/index.js';
import type { ReportPages } from './report-pages.js';

export function browserDialogs(stagingFolder: string): Dialogs {
  return {
    unavailable: `Browser mode cannot open file pickers. Packages go to ${stagingFolder} (start with --out DIR to change it).`,
    chooseFolder: async () => undefined,
    chooseFile: async () => undefined,
    confirm: async () => false,
  };
}

export function browserShell(reports: ReportPages): Shell {
  return { reportPage: (reportPath) => reports.pageFor(reportPath) };
}
