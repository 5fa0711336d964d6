// `npm run web --public-key/--ca/--cert/--key`: real files loaded into a real service before the page
// opens, checked like pasted PEM text; a file that cannot be used names its flag, path and reason.
import { generateKeyPairSync } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { afterEach, describe, expect, test } from 'vitest';
import { FILE_OPTIONS, applyGivenFiles, givenFiles } from '../../../electron/web-host/given-files.js';
import { selfSignedCert } from '../../support/http-test-server.js';
import { serviceHarness, value, type ServiceHarness } from '../../support/service-harness.js';
import { useTempDirs } from '../../support/temp-dir.js';

const tempDir = useTempDirs();
let h: ServiceHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The files as main.ts reads them from its command line. */
const filesFrom = (args: string[]) =>
  givenFiles(parseArgs({ args, options: { ...FILE_OPTIONS }, strict: true }).values);

describe('files given to npm run web by flag', () => {
  const made = selfSignedCert();
  test.skipIf('skip' in made)('each flag loads its file; Settings shows them by file name', async () => {
    if ('skip' in made) return;
    const dir = await tempDir();
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    await writeFile(join(dir, 'cosign.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
    await writeFile(join(dir, 'ca.pem'), made.cert);
    await writeFile(join(dir, 'client.crt'), made.cert);
    await writeFile(join(dir, 'client.key'), made.key);
    h = await serviceHarness({ dialogs: { unavailable: 'no pickers' } });
    const files = filesFrom([
      '--public-key',
      join(dir, 'cosign.pub'),
      '--ca',
      join(dir, 'ca.pem'),
      '--cert',
      join(dir, 'client.crt'),
      '--key',
      join(dir, 'client.key'),
    ]);
    const applied = await applyGivenFiles(h.service, files);
    expect(applied.problem).toBeUndefined();
    expect(applied.loaded).toEqual([
      '--public-key cosign.pub',
      '--ca ca.pem',
      '--cert client.crt',
      '--key client.key',
    ]);
    const view = value(await h.service.invoke('getSettings', undefined));
    expect(view).toMatchObject({
      publicKey: { fileName: 'cosign.pub' },
      caBundle: { fileName: 'ca.pem' },
      clientCertificate: { fileName: 'client.crt' },
      clientKey: { fileName: 'client.key' },
    });
  });

  test('a file that is not what its flag needs stops the start, naming flag, path and reason', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'notes.txt'), 'hello');
    h = await serviceHarness({ dialogs: { unavailable: 'no pickers' } });
    const wrong = await applyGivenFiles(h.service, filesFrom(['--public-key', join(dir, 'notes.txt')]));
    expect(wrong.problem).toMatch(
      new RegExp(
        `^--public-key ${join(dir, 'notes.txt')}: CLIENT\\.\\w+: "notes.txt" cannot be used as the signing public key`,
      ),
    );
    const missing = await applyGivenFiles(h.service, filesFrom(['--ca', join(dir, 'gone.pem')]));
    expect(missing.problem).toMatch(
      /^--ca .*gone\.pem: CLIENT\.fileSystem: Courier could not read "gone\.pem"/,
    );
    const half = await applyGivenFiles(h.service, filesFrom(['--cert', join(dir, 'notes.txt')]));
    expect(half.problem).toBe('--cert and --key go together');
    expect(value(await h.service.invoke('getSettings', undefined)).publicKey).toBeNull();
  });
});
