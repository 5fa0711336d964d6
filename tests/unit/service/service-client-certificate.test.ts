// Signing in with a client certificate (mTLS, protocol §1.2) through the service: the chosen auth
// mode is kept across restarts, a missing certificate is explained before any request, and against
// a gateway that asks for certificates the connection test names the certificate that signed in.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { startDemoServer, type DemoServer } from '../../../electron/demo-server/index.js';
import { INVOKE_SCHEMAS } from '../../../electron/shared/ipc-schemas.js';
import { selfSignedCert } from '../../support/http-test-server.js';
import { serviceHarness, value, type ServiceHarness } from '../../support/service-harness.js';
import { useTempDirs } from '../../support/temp-dir.js';

const harnesses: ServiceHarness[] = [];
let server: DemoServer | undefined;
const open = async (...args: Parameters<typeof serviceHarness>) => {
  const h = await serviceHarness(...args);
  harnesses.push(h);
  return h;
};
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
  await server?.close();
  server = undefined;
});
const tempDir = useTempDirs();

describe('client certificate sign-in', () => {
  test('the IPC schema accepts the new auth mode and still refuses unknown ones', () => {
    const schema = INVOKE_SCHEMAS.updateSettings;
    expect(schema.safeParse({ authMode: 'clientCertificate' }).success).toBe(true);
    expect(schema.safeParse({ authMode: 'kerberos' }).success).toBe(false);
  });

  test('the view round-trips authMode clientCertificate, across a restart too', async () => {
    const appData = await tempDir();
    const first = await open({ appData });
    const view = value(
      await first.service.invoke('updateSettings', {
        mode: 'server',
        apiUrl: 'https://getapp.example.org/api',
        authMode: 'clientCertificate',
      }),
    );
    expect(view.authMode).toBe('clientCertificate');
    expect(value(await first.service.invoke('getSettings', undefined)).authMode).toBe('clientCertificate');
    await first.close();
    const second = await open({ appData });
    expect(value(await second.service.invoke('getSettings', undefined)).authMode).toBe('clientCertificate');
  });

  test('without the certificate and key the connection test says what to choose, and where', async () => {
    const h = await open();
    value(
      await h.service.invoke('updateSettings', {
        mode: 'server',
        apiUrl: 'https://getapp.example.org/api',
        authMode: 'clientCertificate',
      }),
    );
    const result = value(await h.service.invoke('testConnection', undefined));
    expect(result).toMatchObject({ reachable: false, signedIn: false, error: { code: 'CLIENT.auth' } });
    expect(result.message).toBe(
      'Courier cannot connect yet: No client certificate or key is set. Choose the client certificate and its key on the Connection page.',
    );
  });

  const made = selfSignedCert();
  test.skipIf('skip' in made)(
    'against an mTLS gateway the connection test signs in with the certificate and names it',
    async () => {
      if ('skip' in made) return;
      server = await startDemoServer({ tls: { key: made.key, cert: made.cert, clientCa: made.cert } });
      const dir = await tempDir();
      const files = { caBundle: 'ca.pem', clientCertificate: 'client.crt', clientKey: 'client.key' };
      await writeFile(join(dir, files.caBundle), made.cert);
      await writeFile(join(dir, files.clientCertificate), made.cert);
      await writeFile(join(dir, files.clientKey), made.key);
      const h = await open({
        dialogs: { chooseFile: async (purpose) => join(dir, files[purpose as keyof typeof files]) },
      });
      value(
        await h.service.invoke('updateSettings', {
          mode: 'server',
          apiUrl: server.apiUrl,
          authMode: 'clientCertificate',
          storageOrigins: [server.storageUrl],
          allowHttp: true,
        }),
      );
      for (const purpose of ['caBundle', 'clientCertificate', 'clientKey'] as const)
        value(await h.service.invoke('chooseFile', { purpose }));
      const result = value(await h.service.invoke('testConnection', undefined));
      expect(result).toMatchObject({ reachable: true, signedIn: true, error: null });
      expect(result.message).toBe(
        `Connected to ${new URL(server.apiUrl).origin} with the client certificate client.crt.`,
      );
    },
  );
});
