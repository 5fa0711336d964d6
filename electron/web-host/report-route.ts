// GET /report/<ticket>: one package report as a page of its own, for "Open report" in browser mode.
// Opened like the renderer's files (the asset cookie the page load set) plus the ticket the service
// handed out for that report; served as the HTML Courier generated, under a sandboxing CSP.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { REPORT_CSP } from '../service/index.js';
import { sameToken, tokenFromCookie } from './access.js';
import type { ReportPages } from './report-pages.js';
import { refuse, secureHeaders } from './responses.js';

/** A report lists every artifact; far more than any real package needs. */
const MAX_REPORT_BYTES = 16 * 1024 * 1024;

const plain = (res: ServerResponse, status: number, text: string) => {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
};

export async function handleReport(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: { pages: ReportPages; assetToken: string; port: number },
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return refuse(res, 405, 'CLIENT.invalidRequest', 'Use GET.');
  }
  if (!sameToken(tokenFromCookie(req, deps.port), deps.assetToken))
    return plain(res, 403, 'Open the report from Courier (the page `npm run web` printed the link to).\n');
  const file = deps.pages.fileFor(url.pathname);
  if (file === undefined) return plain(res, 404, 'No such report. Open it again from the delivery.\n');
  let body: Buffer | undefined;
  try {
    // The file the service resolved, as written: a link put in its place is not followed, and a
    // pipe (O_NONBLOCK) cannot hold the request open.
    const flags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
    const handle = await open(file, flags);
    try {
      const info = await handle.stat();
      if (info.isFile() && info.size <= MAX_REPORT_BYTES) body = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch {
    // Gone, or a link: answered below like any report that cannot be shown.
  }
  if (body === undefined)
    return plain(res, 404, 'The report cannot be read. Was the package folder moved or deleted?\n');
  secureHeaders(res, REPORT_CSP);
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}
