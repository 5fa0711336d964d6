// Settings through the service: secrets go in and never come out (S2), picked files are checked and
// fingerprinted, settings persist without secrets, the connection test speaks plainly, and a
// settings change retires the engine while its jobs survive as snapshots.
import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { BUILTIN_IDS, startDemoServer, type DemoServer } from '../../../electron/demo-server/index.js';
import { ManualClock } from '../../../electron/engine/clock.js';
import { serviceHarness, value, type ServiceHarness } from '../../support/service-harness.js';
import { useTempDirs } from '../../support/temp-dir.js';

const CANARY_PASSWORD = 'canary-pw-7d1f0c39b2';
const CANARY_SECRET = 'canary-device-secret-55e2a1';

const harnesses: ServiceHarness[] = [];
const open = async (...args: Parameters<typeof serviceHarness>) => {
  const h = await serviceHarness(...args);
  harnesses.push(h);
  return h;
};
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
});
const tempDir = useTempDirs();

describe('settings', () => {
  test('S2: secrets never appear in any getSettings result or pushed event, even while used to sign in', async () => {
    const h = await open({
      demoOptions: { credentials: { password: CANARY_PASSWORD, deviceSecret: CANARY_SECRET } },
    });
    // Start the demo server (demo mode), then point server mode at it with the canary credentials.
    value(await h.service.invoke('testConnection', undefined));
    const demo = h.demo()!;
    const results: unknown[] = [];
    const call = async (...args: Parameters<typeof h.service.invoke>) => {
      const result = await h.service.invoke(...args);
      results.push(result);
      return result;
    };
    // Secrets are entered for the server they belong to (entered before, they would be dropped: A4).
    await call('updateSettings', {
      mode: 'server',
      apiUrl: demo.apiUrl,
      username: demo.credentials.username,
      storageOrigins: [demo.storageUrl],
      allowHttp: true,
    });
    await call('setSecret', { kind: 'password', value: CANARY_PASSWORD });
    await call('setSecret', { kind: 'deviceSecret', value: CANARY_SECRET });
    expect(await call('testConnection', undefined)).toMatchObject({ ok: true, value: { signedIn: true } });
    await call('updateSettings', { authMode: 'deviceSecret' });
    expect(await call('testConnection', undefined)).toMatchObject({ ok: true, value: { signedIn: true } });
    const view = value(await h.service.invoke('getSettings', undefined));
    expect(view).toMatchObject({ hasPassword: true, hasDeviceSecret: true, secretStorage: 'memoryOnly' });
    const everything = JSON.stringify([results, view, h.messages]);
    expect(everything).not.toContain(CANARY_PASSWORD);
    expect(everything).not.toContain(CANARY_SECRET);
    expect(await readFile(join(h.appData, 'settings.json'), 'utf8')).not.toMatch(/canary/);
  });

  test('settings persist across restarts; memory-only secrets do not', async () => {
    const appData = await tempDir();
    const first = await open({ appData });
    value(
      await first.service.invoke('updateSettings', {
        mode: 'server',
        apiUrl: 'https://getapp.example.org/api',
        username: 'tech',
        concurrency: 5,
        storageOrigins: ['https://s3.example.org/bucket/x'],
      }),
    );
    value(await first.service.invoke('setSecret', { kind: 'password', value: CANARY_PASSWORD }));
    await first.close();
    const second = await open({ appData });
    const view = value(await second.service.invoke('getSettings', undefined));
    expect(view).toMatchObject({
      mode: 'server',
      apiUrl: 'https://getapp.example.org/api',
      username: 'tech',
      concurrency: 5,
      storageOrigins: ['https://s3.example.org'],
      hasPassword: false,
    });
  });

  test('invalid server addresses are refused with a plain message and change nothing', async () => {
    const h = await open();
    for (const apiUrl of ['not a url', 'ftp://x.example', 'https://user:pw@getapp.example.org']) {
      const result = await h.service.invoke('updateSettings', { apiUrl });
      expect(result.ok, apiUrl).toBe(false);
    }
    expect(value(await h.service.invoke('getSettings', undefined)).apiUrl).toBe('');
  });

  test('chooseFile(publicKey) keeps the file name and the SPKI SHA-256 fingerprint; a non-key is refused', async () => {
    const dir = await tempDir();
    const demo = await startDemoServer();
    const keyPath = join(dir, 'cosign.pub');
    await writeFile(keyPath, demo.publicKeyPem);
    await demo.close();
    const junkPath = join(dir, 'notes.txt');
    await writeFile(junkPath, 'hello');
    let next = keyPath;
    const h = await open({ dialogs: { chooseFile: async () => next } });
    const view = value(await h.service.invoke('chooseFile', { purpose: 'publicKey' }));
    const der = createPublicKey(demo.publicKeyPem).export({ type: 'spki', format: 'der' });
    expect(view.publicKey).toEqual({
      fileName: 'cosign.pub',
      fingerprint: createHash('sha256').update(der).digest('hex'),
    });
    expect(JSON.stringify(view)).not.toContain('BEGIN PUBLIC KEY');
    next = junkPath;
    const refused = await h.service.invoke('chooseFile', { purpose: 'publicKey' });
    expect(refused.ok).toBe(false);
    expect(value(await h.service.invoke('clearFile', { purpose: 'publicKey' })).publicKey).toBeNull();
  });

  test('a chosen client key shows by name only, and only while its bytes are held', async () => {
    const dir = await tempDir();
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const keyPath = join(dir, 'client.key');
    await writeFile(keyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const h = await open({ dialogs: { chooseFile: async () => keyPath } });
    expect(value(await h.service.invoke('getSettings', undefined)).clientKey).toBeNull();
    const view = value(await h.service.invoke('chooseFile', { purpose: 'clientKey' }));
    expect(view.clientKey).toEqual({ fileName: 'client.key' });
    expect(JSON.stringify(view)).not.toContain('PRIVATE KEY');
    expect(value(await h.service.invoke('clearFile', { purpose: 'clientKey' })).clientKey).toBeNull();
  });

  test('a cancelled picker changes nothing; a chosen staging folder is used for history', async () => {
    const dir = await tempDir();
    let chosen: string | undefined = undefined;
    const h = await open({ dialogs: { chooseFolder: async () => chosen } });
    const before = value(await h.service.invoke('getSettings', undefined));
    expect(value(await h.service.invoke('chooseStagingFolder', undefined))).toEqual(before);
    chosen = dir;
    expect(value(await h.service.invoke('chooseStagingFolder', undefined)).stagingFolder).toBe(dir);
    expect(value(await h.service.invoke('listHistory', undefined))).toEqual([]);
  });

  test('an exception inside a handler comes back as a generic error value, not a throw', async () => {
    const h = await open({
      dialogs: {
        chooseFolder: async () => {
          throw new Error('picker exploded');
        },
      },
    });
    const result = await h.service.invoke('chooseStagingFolder', undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'CLIENT.internal', retryable: true } });
    if (!result.ok) expect(result.error.message).not.toContain('exploded');
  });

  test('testConnection in demo mode is reachable and signed in; a wrong password is explained', async () => {
    const h = await open();
    const demo = value(await h.service.invoke('testConnection', undefined));
    expect(demo).toMatchObject({ reachable: true, signedIn: true, error: null });
    expect(demo.message).toMatch(/demo server/);
    const server = h.demo()!;
    value(
      await h.service.invoke('updateSettings', {
        mode: 'server',
        apiUrl: server.apiUrl,
        username: 'technician',
      }),
    );
    value(await h.service.invoke('setSecret', { kind: 'password', value: 'wrong' }));
    const wrong = value(await h.service.invoke('testConnection', undefined));
    expect(wrong).toMatchObject({ reachable: true, signedIn: false, error: { code: 'CLIENT.auth' } });
    expect(wrong.message).toMatch(/sign/i);
  });

  test('listProjects maps the offering to ProjectOffers', async () => {
    const h = await open();
    const page = value(await h.service.invoke('listProjects', { query: '', page: 1, perPage: 50 }));
    expect(page.projects.map((p) => p.catalogId)).toContain(BUILTIN_IDS.fieldNav);
    expect(page.projects.find((p) => p.catalogId === BUILTIN_IDS.fieldNav)).toMatchObject({
      version: '2.3.1',
      projectName: expect.any(String),
    });
  });

  test('a settings change retires the engine: the running job is paused, kept as a snapshot, and resumes on the new engine', async () => {
    const h = await open();
    value(await h.service.invoke('updateSettings', { bandwidthLimit: 256 * 1024 }));
    const [job] = value(
      await h.service.invoke('startJobs', { catalogIds: [BUILTIN_IDS.largeImage], itemType: 'software' }),
    );
    await h.waitForJob(job!.jobId, (j) => j.phase === 'downloading');
    value(await h.service.invoke('updateSettings', { concurrency: 2 }));
    await h.waitForJob(job!.jobId, (j) => j.phase === 'paused');
    expect(h.messages.some((m) => m.event === 'notice' && /paused/.test(m.payload.message))).toBe(true);
    expect(value(await h.service.invoke('listJobs', undefined))).toEqual([
      expect.objectContaining({ jobId: job!.jobId, phase: 'paused' }),
    ]);
    const resumed = value(await h.service.invoke('resumeJob', { jobId: job!.jobId }));
    expect(resumed.jobId).not.toBe(job!.jobId);
    expect(h.messages).toContainEqual({ event: 'jobRemoved', payload: { jobId: job!.jobId } });
    expect(value(await h.service.invoke('listJobs', undefined)).map((j) => j.jobId)).toEqual([resumed.jobId]);
    value(await h.service.invoke('cancelJob', { jobId: resumed.jobId }));
  });

  test('Goal 9: close() gives up waiting after 2 s even when the engine never settles', async () => {
    const clock = new ManualClock();
    const h = await open({
      clock,
      startDemo: () => new Promise<DemoServer>(() => undefined), // hangs forever
    });
    void h.service.invoke('startJobs', { catalogIds: ['x'], itemType: 'software' });
    let closed = false;
    const closing = h.service.close().then(() => (closed = true));
    await clock.advance(1999);
    expect(closed).toBe(false);
    await clock.advance(1);
    await closing;
    expect(closed).toBe(true);
    const after = await h.service.invoke('getSettings', undefined);
    expect(after.ok).toBe(false);
  });
});
