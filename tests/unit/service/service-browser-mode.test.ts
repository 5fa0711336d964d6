// Browser mode through the service, where nothing opens on this computer and no picker exists: Open
// folder answers with the path to show, Open report with the host's page for it; files come in as
// pasted PEM text, checked like chosen files, and only what their purpose needs is kept (never a
// private key in the plain settings file).
import { createHash, generateKeyPairSync } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { BUILTIN_IDS } from '../../../electron/demo-server/index.js';
import { SETTINGS_FILE } from '../../../electron/service/stores.js';
import { selfSignedCert } from '../../support/http-test-server.js';
import { serviceHarness, value, type ServiceHarness } from '../../support/service-harness.js';

const NO_PICKER = {
  unavailable: 'Browser mode cannot open file pickers.',
  chooseFile: vi.fn(async () => '/home/tech/cosign.pub'),
};

const harnesses: ServiceHarness[] = [];
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
  NO_PICKER.chooseFile.mockClear();
});
const browserMode = async (reportPage = vi.fn((path: string) => `/report/page-for-${path.length}`)) => {
  const h = await serviceHarness({ dialogs: NO_PICKER, shell: { reportPage } });
  harnesses.push(h);
  return { h, reportPage };
};
const settingsFile = (h: ServiceHarness) => readFile(join(h.appData, SETTINGS_FILE), 'utf8');

function ecKeys() {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return {
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    fingerprint: createHash('sha256').update(der).digest('hex'),
  };
}

describe('browser mode: Open folder and Open report', () => {
  test('Open folder answers with the package folder to show; Open report with its page', async () => {
    const { h, reportPage } = await browserMode();
    const [started] = value(
      await h.service.invoke('startJobs', { catalogIds: [BUILTIN_IDS.b64Tools], itemType: 'software' }),
    );
    const staged = await h.waitForJob(started!.jobId, (j) => j.phase === 'staged' || j.phase === 'failed');
    expect(staged.phase).toBe('staged');

    const folder = value(await h.service.invoke('openJobFolder', { jobId: staged.jobId }));
    expect(folder).toEqual({ how: 'showPath', path: staged.folder });
    const report = value(await h.service.invoke('openJobReport', { jobId: staged.jobId }));
    const reportPath = join(staged.folder!, 'report.html');
    expect(reportPage).toHaveBeenCalledExactlyOnceWith(reportPath);
    expect(report).toEqual({ how: 'newTab', url: `/report/page-for-${reportPath.length}` });
    expect(h.messages.filter((m) => m.event === 'notice')).toEqual([]);
  });
});

describe('browser mode: files pasted as PEM text', () => {
  test('the settings say there are no pickers; Choose… is refused and names the flag', async () => {
    const { h } = await browserMode();
    expect(value(await h.service.invoke('getSettings', undefined)).nativePickers).toBe(false);
    for (const [purpose, flag] of [
      ['publicKey', '--public-key FILE'],
      ['clientKey', '--key FILE'],
    ] as const) {
      const refused = await h.service.invoke('chooseFile', { purpose });
      expect(refused).toMatchObject({ ok: false, error: { code: 'CLIENT.invalidRequest' } });
      if (!refused.ok) expect(refused.error.message).toContain(`Paste the file's PEM text`);
      if (!refused.ok) expect(refused.error.message).toContain(flag);
    }
    expect(NO_PICKER.chooseFile).not.toHaveBeenCalled();
    // No success-looking notice either: the answer itself explains.
    expect(h.messages.filter((m) => m.event === 'notice')).toEqual([]);
  });

  test('a pasted public key is pinned with its fingerprint; a wrong one names what is wrong', async () => {
    const { h } = await browserMode();
    const keys = ecKeys();
    const view = value(
      await h.service.invoke('pastePem', { purpose: 'publicKey', pem: `\n  ${keys.publicPem}\n\n` }),
    );
    expect(view.publicKey).toEqual({ fileName: 'Pasted text', fingerprint: keys.fingerprint });
    expect(await settingsFile(h)).toContain(JSON.stringify(keys.publicPem));

    const junk = await h.service.invoke('pastePem', { purpose: 'publicKey', pem: 'hello' });
    expect(junk.ok).toBe(false);
    if (!junk.ok)
      expect(junk.error.message).toBe(
        '"Pasted text" cannot be used as the signing public key (cosign.pub): it is not an ECDSA P-256 public key in PEM form.',
      );
    // The key pinned before stays.
    expect(value(await h.service.invoke('getSettings', undefined)).publicKey?.fingerprint).toBe(
      keys.fingerprint,
    );
  });

  test('a private key pasted as the public key is refused and never written to the settings file', async () => {
    const { h } = await browserMode();
    const keys = ecKeys();
    const refused = await h.service.invoke('pastePem', { purpose: 'publicKey', pem: keys.privatePem });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/holds a private key/);
    expect(value(await h.service.invoke('getSettings', undefined)).publicKey).toBeNull();
    const onDisk = await settingsFile(h).catch(() => '');
    expect(onDisk).not.toContain('PRIVATE KEY');
  });

  const made = selfSignedCert();
  test.skipIf('skip' in made)(
    'a certificate pasted with its key keeps the certificate only; the key goes to the secrets',
    async () => {
      if ('skip' in made) return;
      const { h } = await browserMode();
      const both = `${made.cert}\n${made.key}`;
      const ca = value(await h.service.invoke('pastePem', { purpose: 'caBundle', pem: both }));
      expect(ca.caBundle).toEqual({ fileName: 'Pasted text' });
      const cert = value(
        await h.service.invoke('pastePem', {
          purpose: 'clientCertificate',
          pem: both,
          fileName: 'client.pem',
        }),
      );
      expect(cert.clientCertificate).toEqual({ fileName: 'client.pem' });
      const key = value(await h.service.invoke('pastePem', { purpose: 'clientKey', pem: made.key }));
      expect(key.clientKey).toEqual({ fileName: 'Pasted text' });
      expect(await h.secrets.get('clientKey')).toBe(made.key);

      const onDisk = await settingsFile(h);
      expect(onDisk).toContain('BEGIN CERTIFICATE');
      expect(onDisk).not.toContain('PRIVATE KEY');
      expect(JSON.stringify(key)).not.toContain('PRIVATE KEY');

      const notAKey = await h.service.invoke('pastePem', { purpose: 'clientKey', pem: made.cert });
      expect(notAKey.ok).toBe(false);
      if (!notAKey.ok) expect(notAKey.error.message).toMatch(/client private key: it is not an unencrypted/);
    },
  );
});
