// The app says when status reports wait for the server, once per change, not at every retry, and
// says so again when they have gone through; each with its topic, so the UI can word it in Hebrew.
import { describe, expect, test } from 'vitest';
import { createReportNotices } from '../../../electron/service/report-notices.js';
import type { Notice } from '../../../electron/shared/ipc-payloads.js';

describe('notices about waiting status reports', () => {
  test('a warning when reports start waiting, none while the count holds, a note when they are through', () => {
    const shown: Notice[] = [];
    const notices = createReportNotices((notice) => shown.push(notice));
    notices.onSwept({ waiting: 0, sent: 0 }); // nothing was waiting: nothing to say
    notices.onSwept({ waiting: 4, sent: 0 });
    notices.onSwept({ waiting: 4, sent: 0 }); // a retry that changed nothing
    notices.onSwept({ waiting: 1, sent: 3 });
    notices.onSwept({ waiting: 0, sent: 1 });
    expect(shown).toEqual([
      {
        level: 'warn',
        message: expect.stringMatching(/^4 status reports are waiting to reach the server/),
        topic: { name: 'reportsWaiting', values: { count: 4 } },
      },
      {
        level: 'warn',
        message: expect.stringMatching(/^1 status report is waiting to reach the server/),
        topic: { name: 'reportsWaiting', values: { count: 1 } },
      },
      {
        level: 'info',
        message: 'The status reports that were waiting have reached the server.',
        topic: { name: 'reportsSent' },
      },
    ]);
  });
});
