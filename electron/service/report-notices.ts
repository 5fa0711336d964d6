// Tells the user about status reports waiting for the server (the `reports` engine event), once per
// change rather than at every retry: a warning while some wait, a note when the last one got through.
import type { Notice } from '../shared/ipc-payloads.js';

export interface ReportNotices {
  onSwept(outcome: { readonly waiting: number; readonly sent: number }): void;
}

export function createReportNotices(notify: (notice: Notice) => void): ReportNotices {
  let told = 0;
  return {
    onSwept({ waiting, sent }) {
      if (waiting > 0 && waiting !== told) {
        notify({
          level: 'warn',
          message: `${waiting} status ${waiting === 1 ? 'report is' : 'reports are'} waiting to reach the server, which cannot be reached now. Courier keeps them and sends them when it can.`,
          topic: { name: 'reportsWaiting', values: { count: waiting } },
        });
      } else if (waiting === 0 && (told > 0 || sent > 0)) {
        notify({
          level: 'info',
          message: 'The status reports that were waiting have reached the server.',
          topic: { name: 'reportsSent' },
        });
      }
      told = waiting;
    },
  };
}
