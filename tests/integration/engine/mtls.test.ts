// mTLS sign-in (protocol §1.2): against a gateway that asks for client certificates, the engine
// presents its certificate with `auth_type: CC` and stages a delivery without any password or token;
// without a certificate the server's refusal ends as CLIENT.auth.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { BUILTIN_IDS, startDemoServer, type DemoServer } from '../../../electron/demo-server/index.js';
import { createEngine, type Engine, type EngineConfigInput } from '../../../electron/engine/index.js';
import { selfSignedCert } from '../../support/http-test-server.js';

const made = selfSignedCert();
const skip = 'skip' in made ? made.skip : undefined;
let server: DemoServer | undefined;
let engine: Engine | undefined;
let root: string | undefined;
afterEach(async () => {
  await engine?.close();
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
  engine = server = root = undefined;
});

async function setup(tls: EngineConfigInput['tls'], auth: EngineConfigInput['auth']) {
  if ('skip' in made) throw new Error(made.skip);
  server = await startDemoServer({
    faults: true,
    tls: { key: made.key, cert: made.cert, clientCa: made.cert },
  });
  root = await mkdtemp(join(tmpdir(), 'courier-mtls-'));
  const created = createEngine({
    apiUrl: server.apiUrl,
    auth,
    deviceId: 'TECH-LAPTOP-07',
    stagingRoot: root,
    storageOrigins: [server.storageUrl],
    allowHttp: true,
    publicKeyPem: server.publicKeyPem,
    ...(tls ? { tls } : {}),
  });
  if (!created.ok) throw new Error(created.error.message);
  engine = created.value;
  const started = engine.start(BUILTIN_IDS.fieldNav);
  const settled = await engine.settled(started.ok ? started.value.jobId : '');
  if (!settled.ok) throw new Error(settled.error.message);
  return settled.value;
}

describe.skipIf(skip !== undefined)(`mTLS sign-in${skip ? ` (${skip})` : ''}`, () => {
  test('a client certificate with auth_type CC stages the delivery; no password, no token', async () => {
    if ('skip' in made) return;
    const job = await setup({ ca: made.cert, cert: made.cert, key: made.key }, { kind: 'clientCertificate' });
    expect([job.phase, job.verified]).toEqual(['staged', true]);
    const api = server!.requestLog!.entries.filter((e) => e.server === 'api');
    expect(api.some((e) => e.url.includes('/login'))).toBe(false);
    expect(api.every((e) => e.headers.authorization === undefined)).toBe(true);
    expect(api.filter((e) => e.url.includes('delivery/')).every((e) => e.headers['auth_type'] === 'CC')).toBe(
      true,
    );
  });

  test('without a certificate the gateway refuses and the job ends with CLIENT.auth', async () => {
    if ('skip' in made) return;
    const job = await setup({ ca: made.cert }, { kind: 'deviceSecret', secret: 'wrong-secret' });
    expect(job.phase).toBe('failed');
    expect(job.error?.code).toBe('CLIENT.auth');
  });

  test('the certificate mode refuses to start without a certificate and key', () => {
    const created = createEngine({
      apiUrl: 'https://127.0.0.1:1/api',
      auth: { kind: 'clientCertificate' },
      deviceId: 'd',
      stagingRoot: tmpdir(),
    });
    expect(created.ok ? null : created.error.code).toBe('CLIENT.invalidRequest');
  });
});
