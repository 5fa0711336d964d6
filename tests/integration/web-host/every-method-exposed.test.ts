// Every method of the IPC contract reaches the service through both front doors: window.courier as
// the preload exposes it (through main's checked IPC handlers, electron mocked) and POST
// /api/invoke/<method> on the browser host (a real socket). The methods come from the contract's
// exhaustive table and each has a sample request typed against the contract, so a new method does
// not compile here until it has one, and fails here until both hosts expose it.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import {
  INVOKE_METHODS,
  type InvokeMethod,
  type InvokeRequest,
} from '../../../electron/shared/ipc-contract.js';
import { startWebHost, type WebHost } from '../../../electron/web-host/server.js';
import { fake } from '../../support/electron-mock.js';
import { rawRequest, stubService } from '../../support/web-host-client.js';

vi.mock('electron', async () => (await import('../../support/electron-mock.js')).electronModule());

const jobId = randomUUID();
/** One valid request per method (what the real UI would send). */
const SAMPLES: { readonly [M in InvokeMethod]: InvokeRequest<M> } = {
  getSettings: undefined,
  updateSettings: { concurrency: 2 },
  setSecret: { kind: 'password', value: 'sample-password' },
  chooseStagingFolder: undefined,
  chooseFile: { purpose: 'publicKey' },
  pastePem: { purpose: 'publicKey', pem: '-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n' },
  clearFile: { purpose: 'caBundle' },
  testConnection: undefined,
  listProjects: { query: '', page: 1, perPage: 50 },
  startJobs: { catalogIds: ['1.field-nav@2.3.1'], itemType: 'software' },
  listJobs: undefined,
  pauseJob: { jobId },
  resumeJob: { jobId },
  cancelJob: { jobId },
  retryJob: { jobId },
  removeJob: { jobId },
  verifyJob: { jobId },
  openJobFolder: { jobId },
  openJobReport: { jobId },
  listHistory: undefined,
  verifyPackage: { packageId: 'pkg-1' },
  exportJob: { jobId },
  exportPackage: { packageId: 'pkg-1', acceptUnverified: true },
  cancelExport: { packageId: 'pkg-1' },
  verifyFolderPicked: undefined,
  verifyDrivePackage: { packageId: 'pkg-1' },
};

/** What the stub service answers, as it looks after crossing either wire (JSON drops undefined). */
const answered = (method: InvokeMethod) =>
  JSON.parse(JSON.stringify({ ok: true, value: { method, request: SAMPLES[method] } })) as unknown;

test('the samples cover exactly the contract methods', () => {
  expect(Object.keys(SAMPLES).sort()).toEqual([...INVOKE_METHODS].sort());
  expect(INVOKE_METHODS.length).toBeGreaterThan(0);
});

describe('Electron: window.courier from the preload, through main', () => {
  const service = stubService();
  let api: Record<string, (request?: unknown) => Promise<unknown>>;

  beforeAll(async () => {
    const { registerInvokeHandlers } = await import('../../../electron/main/ipc.js');
    registerInvokeHandlers({
      ipcMain: fake.ipcMain as never,
      service,
      isTrusted: () => true,
      log: () => undefined,
    });
    // What Electron does between the two: the renderer's invoke lands on main's handler.
    fake.ipcRenderer.invoke.mockImplementation(async (channel: string, ...args: unknown[]) => {
      const handler = fake.ipcMain.handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return handler({}, ...args);
    });
    await import('../../../electron/preload/preload.js');
    api = fake.contextBridge.exposeInMainWorld.mock.calls[0]![1] as typeof api;
  });

  test.each([...INVOKE_METHODS])('%s reaches the service', async (method) => {
    expect(typeof api[method], method).toBe('function');
    const result = await api[method]!(SAMPLES[method]);
    expect(JSON.parse(JSON.stringify(result))).toEqual(answered(method));
    expect(service.invoke).toHaveBeenLastCalledWith(method, SAMPLES[method]);
  });
});

describe('browser mode: POST /api/invoke/<method> on the web host', () => {
  const service = stubService();
  let rendererDir: string;
  let host: WebHost;

  beforeAll(async () => {
    rendererDir = await mkdtemp(join(tmpdir(), 'courier-test-'));
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html>');
    host = await startWebHost({ service, rendererDir });
  });
  afterAll(async () => {
    await host.close();
    await rm(rendererDir, { recursive: true, force: true });
  });

  test.each([...INVOKE_METHODS])('%s reaches the service', async (method) => {
    const request = SAMPLES[method];
    const res = await rawRequest(host.port, {
      method: 'POST',
      path: `/api/invoke/${method}`,
      headers: { 'content-type': 'application/json', 'x-courier-token': host.token },
      ...(request === undefined ? {} : { body: JSON.stringify(request) }),
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json()).toEqual(answered(method));
    expect(service.invoke).toHaveBeenLastCalledWith(method, request);
  });
});
