// `courier fetch --cert FILE --key FILE` against a gateway in mTLS mode: the certificate alone signs
// in (auth_type: CC), no password is asked for, and the package is staged verified.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { BUILTIN_IDS, startDemoServer, type DemoServer } from '../../../electron/demo-server/index.js';
import { main } from '../../../electron/cli/courier-cli.js';
import { EXIT } from '../../../electron/cli/exit-codes.js';
import { captureIo } from '../../support/cli-io.js';
import { selfSignedCert } from '../../support/http-test-server.js';
import { useTempDirs } from '../../support/temp-dir.js';

const tempDir = useTempDirs();
const made = selfSignedCert();
let server: DemoServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe.skipIf('skip' in made)('courier fetch with a client certificate', () => {
  test('signs in with the certificate alone and stages the delivery', async () => {
    if ('skip' in made) return;
    server = await startDemoServer({
      faults: true,
      tls: { key: made.key, cert: made.cert, clientCa: made.cert },
    });
    const dir = await tempDir();
    const files = {
      ca: join(dir, 'ca.pem'),
      cert: join(dir, 'client.pem'),
      key: join(dir, 'client.key'),
      pub: join(dir, 'cosign.pub'),
    };
    await writeFile(files.ca, made.cert);
    await writeFile(files.cert, made.cert);
    await writeFile(files.key, made.key);
    await writeFile(files.pub, server.publicKeyPem);
    const io = captureIo();
    const exit = await main(
      [
        'fetch',
        BUILTIN_IDS.b64Tools,
        '--json',
        '--out',
        join(dir, 'out').replace(/out$/, ''),
        '--server',
        server.apiUrl,
        '--ca',
        files.ca,
        '--cert',
        files.cert,
        '--key',
        files.key,
        '--storage-origin',
        server.storageUrl,
        '--allow-http',
        '--public-key',
        files.pub,
      ],
      io,
    );
    expect(io.err()).toBe('');
    expect(exit).toBe(EXIT.ok);
    const result = JSON.parse(io.out().trim().split('\n').at(-1)!) as { jobs: { verified: boolean }[] };
    expect(result.jobs[0]!.verified).toBe(true);
    expect(server.requestLog!.count('/login', 'api')).toBe(0);
  });
});
