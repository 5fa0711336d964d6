// "Verify a package" through the service, on a folder from the injected picker (a package folder or
// a drive holding one): verified, changed, missing and extra files; a cancelled picker; and the
// request schemas that leave a path from the UI nowhere to go (E1).
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BUILTIN_IDS } from '../../../electron/demo-server/index.js';
import { createRequestGate } from '../../../electron/service/index.js';
import type { JobSnapshot } from '../../../electron/shared/snapshots.js';
import { serviceHarness, value, type ServiceHarness } from '../../support/service-harness.js';
import { useTempDirs } from '../../support/temp-dir.js';

let h: ServiceHarness;
let staged: JobSnapshot;
let pick: () => Promise<string | undefined> = async () => undefined;
const tempDir = useTempDirs();

beforeAll(async () => {
  h = await serviceHarness({ dialogs: { chooseFolder: () => pick() } });
  const [job] = value(
    await h.service.invoke('startJobs', { catalogIds: [BUILTIN_IDS.fieldNav], itemType: 'software' }),
  );
  staged = await h.waitForJob(job!.jobId, (j) => j.phase === 'staged' || j.phase === 'failed');
  expect(staged.phase).toBe('staged');
}, 60_000);
afterAll(async () => h?.close());

/** A drive with a copy of the staged package on it (without Courier's control folder). */
async function driveWithPackage(): Promise<{ drive: string; folder: string }> {
  const drive = await tempDir();
  const folder = join(drive, basename(staged.folder!));
  await cp(staged.folder!, folder, { recursive: true, filter: (src) => !src.includes('.courier') });
  return { drive, folder };
}

describe('verifyFolderPicked', () => {
  test('the drive root finds its one package; every file verifies, signatures included', async () => {
    const { drive, folder } = await driveWithPackage();
    pick = async () => drive;
    const check = value(await h.service.invoke('verifyFolderPicked', undefined));
    expect(check).toMatchObject({ state: 'verified', folder, catalogId: BUILTIN_IDS.fieldNav, extra: [] });
    expect(check!.signaturesChecked).toBe(true);
    expect(check!.files.map((f) => f.status)).toEqual(['verified', 'verified', 'verified']);
  });

  test('reports changed, missing and extra files in the picked package folder', async () => {
    const { folder } = await driveWithPackage();
    pick = async () => folder;
    const before = value(await h.service.invoke('verifyFolderPicked', undefined))!;
    const [first, second] = before.files;
    await writeFile(join(folder, first!.file), 'not the original bytes');
    await rm(join(folder, second!.file));
    await writeFile(join(folder, 'notes.txt'), 'left here by someone');
    const check = value(await h.service.invoke('verifyFolderPicked', undefined))!;
    expect(check.state).toBe('changed');
    expect(check.files.find((f) => f.file === first!.file)?.status).toBe('changed');
    expect(check.files.find((f) => f.file === second!.file)?.status).toBe('missing');
    expect(check.extra).toEqual(['notes.txt']);
  });

  test('a cancelled picker answers null; a folder without a package, or with two, says so', async () => {
    pick = async () => undefined;
    expect(value(await h.service.invoke('verifyFolderPicked', undefined))).toBeNull();

    const empty = await tempDir();
    pick = async () => empty;
    const none = await h.service.invoke('verifyFolderPicked', undefined);
    expect(none).toMatchObject({ ok: false, error: { code: 'CLIENT.invalidRequest' } });
    if (!none.ok) expect(none.error.message).toMatch(/holds no Courier package/);

    const { drive } = await driveWithPackage();
    await mkdir(join(drive, 'second'));
    await cp(join(staged.folder!, 'manifest.json'), join(drive, 'second', 'manifest.json'));
    pick = async () => drive;
    const two = await h.service.invoke('verifyFolderPicked', undefined);
    expect(two.ok).toBe(false);
    if (!two.ok) expect(two.error.message).toMatch(/holds 2 packages/);
  });
});

describe('E1: the export requests carry ids only', () => {
  test('a folder or path in any export request is refused by the schema', () => {
    const gate = createRequestGate();
    const jobId = staged.jobId;
    const refused: [string, unknown][] = [
      ['exportJob', { jobId, target: '/media/usb' }],
      ['exportJob', { jobId, targetRoot: '/media/usb' }],
      ['exportJob', { jobId: '/home/tech/courier-packages/1.field-nav@2.3.1' }],
      ['exportJob', '/media/usb'],
      ['exportPackage', { packageId: 'x', folder: '/media/usb' }],
      ['exportPackage', { packageId: 'x'.repeat(256) }],
      ['exportPackage', { packageId: 'x', acceptUnverified: 'yes' }],
      ['exportJob', { jobId, acceptUnverified: 1 }],
      ['cancelExport', { jobId, packageId: 'x' }],
      ['cancelExport', { folder: '/media/usb' }],
      ['verifyFolderPicked', { folder: '/media/usb' }],
      ['verifyFolderPicked', '/media/usb'],
    ];
    for (const [method, payload] of refused) {
      const admitted = gate.admit(method, payload);
      expect(admitted.ok, `${method} ${JSON.stringify(payload)}`).toBe(false);
    }
    for (const [method, payload] of [
      ['exportJob', { jobId }],
      ['exportPackage', { packageId: '1.field-nav@2.3.1' }],
      ['exportPackage', { packageId: '1.field-nav@2.3.1', acceptUnverified: true }],
      ['exportJob', { jobId, acceptUnverified: false }],
      ['cancelExport', { jobId }],
      ['cancelExport', { packageId: '1.field-nav@2.3.1' }],
      ['verifyFolderPicked', undefined],
    ] as const)
      expect(gate.admit(method, payload).ok, method).toBe(true);
  });
});
