// Browser mode end to end without a browser: the real service (engine + demo server) behind the
// loopback host; a job started over HTTP streams its snapshots over server-sent events until staged.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { BUILTIN_IDS } from '../../../electron/demo-server/index.js';
import type { JobSnapshot } from '../../../electron/shared/snapshots.js';
import { browserDialogs } from '../../../electron/web-host/browser-dialogs.js';
import { startWebHost, type WebHost } from '../../../electron/web-host/server.js';
import { serviceHarness, type ServiceHarness } from '../../support/service-harness.js';
import { useTempDirs } from '../../support/temp-dir.js';
import { openSse, rawRequest } from '../../support/web-host-client.js';

const tempDir = useTempDirs();
let h: ServiceHarness | undefined;
let host: WebHost | undefined;
afterEach(async () => {
  await host?.close();
  await h?.close();
  h = host = undefined;
});

test('a job started over HTTP streams snapshots over SSE until staged; secrets never cross the wire (S2)', async () => {
  const rendererDir = join(await tempDir(), 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html>');
  h = await serviceHarness();
  host = await startWebHost({ service: h.service, rendererDir });
  const sse = await openSse(host.port, `/api/events?token=${host.token}`);
  const post = (method: string, body?: unknown) =>
    rawRequest(host!.port, {
      method: 'POST',
      path: `/api/invoke/${method}`,
      headers: { 'content-type': 'application/json', 'x-courier-token': host!.token },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  const secret = await post('setSecret', { kind: 'password', value: 'canary-web-secret-1234' });
  expect(secret.json()).toMatchObject({ ok: true, value: { hasPassword: true } });
  expect(secret.text).not.toContain('canary-web-secret-1234');

  const started = await post('startJobs', { catalogIds: [BUILTIN_IDS.b64Tools], itemType: 'software' });
  const [job] = (started.json() as { value: JobSnapshot[] }).value;
  const seen: string[] = [];
  let staged: JobSnapshot | undefined;
  while (!staged) {
    const [event] = await sse.next(1);
    if (event!.event !== 'job') continue;
    const snapshot = event!.data as JobSnapshot;
    expect(snapshot.jobId).toBe(job!.jobId);
    seen.push(snapshot.phase);
    if (snapshot.phase === 'staged' || snapshot.phase === 'failed') staged = snapshot;
  }
  expect(staged.phase).toBe('staged');
  expect(seen).toContain('downloading');
  sse.close();

  const history = await post('listHistory');
  expect(history.json()).toMatchObject({
    ok: true,
    value: [{ catalogId: BUILTIN_IDS.b64Tools, state: 'verified' }],
  });
});

test('E1: over the browser-mode token, "keep unverified files" cannot be switched on; off stays allowed', async () => {
  const rendererDir = join(await tempDir(), 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html>');
  h = await serviceHarness({ dialogs: browserDialogs(rendererDir) });
  host = await startWebHost({ service: h.service, rendererDir });
  const post = (method: string, body?: unknown) =>
    rawRequest(host!.port, {
      method: 'POST',
      path: `/api/invoke/${method}`,
      headers: { 'content-type': 'application/json', 'x-courier-token': host!.token },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const on = await post('updateSettings', { allowUnverified: true });
  expect(on.json()).toMatchObject({ ok: false, error: { code: 'CLIENT.invalidRequest' } });
  expect((await post('getSettings')).json()).toMatchObject({ ok: true, value: { allowUnverified: false } });
  const off = await post('updateSettings', { allowUnverified: false });
  expect(off.json()).toMatchObject({ ok: true, value: { allowUnverified: false } });
});
