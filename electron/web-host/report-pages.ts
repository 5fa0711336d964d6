// Browser mode's report pages: each report.html the service asks to show (resolved from a job, never
// a path from the UI) gets an unguessable page path, /report/<ticket>, that serves that one file and
// nothing else. The same file keeps its page, so a reload of the report tab works.
import { randomBytes } from 'node:crypto';
import { sameToken } from './access.js';

export const REPORT_PAGE_PREFIX = '/report/';
/** Jobs in one session stay far below this; the oldest page is forgotten past it. */
const MAX_PAGES = 1000;

export interface ReportPages {
  /** The page (a same-origin path) that shows this report file. */
  pageFor(reportPath: string): string;
  /** The report file a request path names, or undefined when it names none. */
  fileFor(pathname: string): string | undefined;
}

export function createReportPages(): ReportPages {
  /** ticket → report file, in the order handed out. */
  const files = new Map<string, string>();
  return {
    pageFor(reportPath) {
      for (const [ticket, file] of files) if (file === reportPath) return REPORT_PAGE_PREFIX + ticket;
      const ticket = randomBytes(32).toString('base64url');
      files.set(ticket, reportPath);
      if (files.size > MAX_PAGES) files.delete(files.keys().next().value!);
      return REPORT_PAGE_PREFIX + ticket;
    },
    fileFor(pathname) {
      if (!pathname.startsWith(REPORT_PAGE_PREFIX)) return undefined;
      const given = pathname.slice(REPORT_PAGE_PREFIX.length);
      // Compared like the session token: the lookup must not time-leak a ticket.
      for (const [ticket, file] of files) if (sameToken(given, ticket)) return file;
      return undefined;
    },
  };
}
