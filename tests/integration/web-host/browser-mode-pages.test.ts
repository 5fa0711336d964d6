// Browser mode's ways around "nothing opens on this computer", over real sockets and a real service:
// Open report serves that one report.html as a page of the host (the page's cookie and the ticket
// the service handed out, a sandboxing CSP, text/html; nothing else can be reached through it),
// Open folder answers with the path, and PEM text pasted in Settings gets past the 4 KiB cap.
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BUILTIN_IDS } from '../../../electron/demo-server/index.js';
import { REPORT_CSP } from '../../../electron/service/index.js';
import type { JobSnapshot } from '../../../electron/shared/snapshots.js';
import { browserDialogs, browserShell } from '../../../electron/web-host/browser-dialogs.js';
import { createReportPages } from '../../../electron/web-host/report-pages.js';
import { startWebHost, type WebHost } from '../../../electron/web-host/server.js';
import { selfSignedCert } from '../../support/http-test-server.js';
import { serviceHarness, type ServiceHarness } from '../../support/service-harness.js';
import { rawRequest } from '../../support/web-host-client.js';

let h: ServiceHarness;
let host: WebHost;
let staged: JobSnapshot;
let cookie: string;

const post = (method: string, body?: unknown) =>
  rawRequest(host.port, {
    method: 'POST',
    path: `/api/invoke/${method}`,
    headers: { 'content-type': 'application/json', 'x-courier-token': host.token },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
const get = (path: string, headers: Record<string, string> = {}) => rawRequest(host.port, { path, headers });
const valueOf = <T>(res: { json(): unknown }): T => {
  const body = res.json() as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`expected ok, got: ${body.error?.message}`);
  return body.value;
};

beforeAll(async () => {
  const reports = createReportPages();
  h = await serviceHarness({ dialogs: browserDialogs('/staging'), shell: browserShell(reports) });
  const rendererDir = join(h.appData, '..', 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Courier</title>');
  host = await startWebHost({ service: h.service, rendererDir, reports });
  const [job] = valueOf<JobSnapshot[]>(
    await post('startJobs', { catalogIds: [BUILTIN_IDS.b64Tools], itemType: 'software' }),
  );
  staged = await h.waitForJob(job!.jobId, (j) => j.phase === 'staged' || j.phase === 'failed');
  expect(staged.phase).toBe('staged');
  // What the browser holds after opening the printed link: the asset cookie.
  const page = await get(`/?token=${host.token}`);
  cookie = String(page.headers['set-cookie']).split(';')[0]!;
}, 60_000);
afterAll(async () => {
  await host?.close();
  await h?.close();
});

describe('Open report in browser mode', () => {
  test('answers with a report page that shows exactly that report, under a sandboxing CSP', async () => {
    const opening = valueOf<{ how: string; url: string }>(
      await post('openJobReport', { jobId: staged.jobId }),
    );
    expect(opening.how).toBe('newTab');
    expect(opening.url).toMatch(/^\/report\/[A-Za-z0-9_-]{43}$/);
    // The same report keeps its page (a reload of the tab works).
    expect(valueOf(await post('openJobReport', { jobId: staged.jobId }))).toEqual(opening);

    const res = await get(opening.url, { cookie });
    expect(res.status).toBe(200);
    expect(res.text).toBe(await readFile(join(staged.folder!, 'report.html'), 'utf8'));
    expect(res.text).toContain(BUILTIN_IDS.b64Tools);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(REPORT_CSP);
    expect(REPORT_CSP).toMatch(/(^|; )sandbox($|;)/);
    expect(REPORT_CSP).not.toMatch(/script-src|connect-src/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  test('without the page cookie, with the session token instead, or another ticket: nothing', async () => {
    const { url } = valueOf<{ url: string }>(await post('openJobReport', { jobId: staged.jobId }));
    const ticket = url.slice('/report/'.length);
    const denied = [
      await get(url),
      await get(`${url}?token=${host.token}`),
      await get(url, { cookie: `${cookie}x` }),
      await get(`/report/${host.token}`, { cookie }),
      await get(`/report/${ticket.slice(0, -1)}`, { cookie }),
      await get(`/report/${ticket}%2f..%2fmanifest.json`, { cookie }),
      await get('/report/', { cookie }),
    ];
    expect(denied.map((r) => r.status)).toEqual([403, 403, 403, 404, 404, 404, 404]);
    for (const res of denied) expect(res.text).not.toContain(BUILTIN_IDS.b64Tools);
    const posted = await rawRequest(host.port, { method: 'POST', path: url, headers: { cookie } });
    expect(posted.status).toBe(405);
  });

  test('a link put in place of report.html is not followed', async () => {
    const { url } = valueOf<{ url: string }>(await post('openJobReport', { jobId: staged.jobId }));
    const report = join(staged.folder!, 'report.html');
    const original = await readFile(report);
    await rm(report);
    await symlink(join(staged.folder!, 'manifest.json'), report);
    try {
      const res = await get(url, { cookie });
      expect(res.status).toBe(404);
      expect(res.text).not.toContain('"artifacts"');
    } finally {
      await rm(report);
      await writeFile(report, original);
    }
  });
});

describe('Open folder in browser mode', () => {
  test('answers with the folder to show, not an error', async () => {
    const res = await post('openJobFolder', { jobId: staged.jobId });
    expect(res.json()).toEqual({ ok: true, value: { how: 'showPath', path: staged.folder } });
  });
});

describe('pasted PEM text over HTTP', () => {
  const made = selfSignedCert();
  test.skipIf('skip' in made)('a CA bundle larger than 4 KiB is taken; past the paste cap, 413', async () => {
    if ('skip' in made) return;
    const bundle = Array.from({ length: 12 }, () => made.cert).join('\n');
    expect(bundle.length).toBeGreaterThan(4096);
    const taken = await post('pastePem', { purpose: 'caBundle', pem: bundle });
    expect(taken.status).toBe(200);
    expect(taken.json()).toMatchObject({ ok: true, value: { caBundle: { fileName: 'Pasted text' } } });

    const huge = await post('pastePem', { purpose: 'caBundle', pem: 'A'.repeat(70 * 1024) });
    expect(huge.status).toBe(413);
    // Every other method keeps the 4 KiB cap.
    const big = await post('startJobs', { catalogIds: ['x'.repeat(5000)], itemType: 'software' });
    expect(big.status).toBe(413);
  });
});
