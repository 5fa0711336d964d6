// "Verify a package" through the service, on a folder from the injected picker (a package folder or
// a drive holding one): verified, changed, missing and extra files; a cancelled picker. In browser
// mode (no picker), the packages on the export target to choose from, each checked by its folder
// name. And the request schemas that leave a path from the UI nowhere to go (E1).
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BUILTIN_IDS } from '../../../electron/demo-server/index.js';
import { createRequestGate } from '../../../electron/service/index.js';
import type { PickedPackageCheck } from '../../../electron/shared/ipc-contract.js';
import type { Result } from '../../../electron/shared/result.js';
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

/** What a host with a picker answers: a check (or null), never a list of packages to choose from. */
function picked(
  result: Result<PickedPackageCheck | { packages: unknown } | null>,
): PickedPackageCheck | null {
  const answer = value(result);
  if (answer !== null && 'packages' in answer) throw new Error('expected a check, got a package list');
  return answer;
}

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
    const check = picked(await h.service.invoke('verifyFolderPicked', undefined));
    expect(check).toMatchObject({ state: 'verified', folder, catalogId: BUILTIN_IDS.fieldNav, extra: [] });
    expect(check!.signaturesChecked).toBe(true);
    expect(check!.files.map((f) => f.status)).toEqual(['verified', 'verified', 'verified']);
  });

  test('reports changed, missing and extra files in the picked package folder', async () => {
    const { folder } = await driveWithPackage();
    pick = async () => folder;
    const before = picked(await h.service.invoke('verifyFolderPicked', undefined))!;
    const [first, second] = before.files;
    await writeFile(join(folder, first!.file), 'not the original bytes');
    await rm(join(folder, second!.file));
    await writeFile(join(folder, 'notes.txt'), 'left here by someone');
    const check = picked(await h.service.invoke('verifyFolderPicked', undefined))!;
    expect(check.state).toBe('changed');
    expect(check.files.find((f) => f.file === first!.file)?.status).toBe('changed');
    expect(check.files.find((f) => f.file === second!.file)?.status).toBe('missing');
    expect(check.extra).toEqual(['notes.txt']);
  });

  test('a cancelled picker answers null; a folder without a package, or with two, says so', async () => {
    pick = async () => undefined;
    expect(picked(await h.service.invoke('verifyFolderPicked', undefined))).toBeNull();

    const empty = await tempDir();
    pick = async () => empty;
    const none = await h.service.invoke('verifyFolderPicked', undefined);
    expect(none).toMatchObject({ ok: false, error: { code: 'CLIENT.notAPackage' } });
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

describe('browser mode: no picker, the packages on the export target to choose from', () => {
  const noPicker = { unavailable: 'Browser mode cannot open file pickers.' };
  let browser: ServiceHarness;
  let drive: string;
  beforeAll(async () => {
    drive = await mkdtemp(join(tmpdir(), 'courier-drive-'));
    browser = await serviceHarness({ dialogs: noPicker, exportTarget: drive });
  });
  afterAll(async () => {
    await browser?.close();
    await rm(drive, { recursive: true, force: true });
  });
  /** The staged package copied onto the drive as `name` (without Courier's control folder). */
  const copyOnto = (name: string) =>
    cp(staged.folder!, join(drive, name), { recursive: true, filter: (src) => !src.includes('.courier') });

  test('lists every package on the drive; the one chosen is checked there, not anywhere else', async () => {
    const empty = value(await browser.service.invoke('verifyFolderPicked', undefined));
    expect(empty).toEqual({ folder: drive, packages: [] });

    await copyOnto('field-nav-a');
    await copyOnto('field-nav-b');
    await mkdir(join(drive, 'holiday-photos'));
    const choice = value(await browser.service.invoke('verifyFolderPicked', undefined));
    if (choice === null || !('packages' in choice)) throw new Error('expected the packages to choose from');
    expect(choice.folder).toBe(drive);
    expect(choice.packages.map((p) => [p.packageId, p.catalogId, p.state]).sort()).toEqual([
      ['field-nav-a', BUILTIN_IDS.fieldNav, 'verified'],
      ['field-nav-b', BUILTIN_IDS.fieldNav, 'verified'],
    ]);

    const b = value(await browser.service.invoke('verifyDrivePackage', { packageId: 'field-nav-b' }));
    expect(b).toMatchObject({ state: 'verified', folder: join(drive, 'field-nav-b') });
    await writeFile(join(drive, 'field-nav-b', b.files[0]!.file), 'not the original bytes');
    const changed = value(await browser.service.invoke('verifyDrivePackage', { packageId: 'field-nav-b' }));
    expect(changed.state).toBe('changed');
    const a = value(await browser.service.invoke('verifyDrivePackage', { packageId: 'field-nav-a' }));
    expect(a).toMatchObject({ state: 'verified', folder: join(drive, 'field-nav-a') });
  });

  test('E1: a package id that is a path, hidden or not on the drive is refused', async () => {
    const staging = basename(staged.folder!); // in the staging folder, but not on the drive
    for (const packageId of ['../field-nav-a', '/etc', '.courier', 'field-nav-a/..', staging]) {
      const refused = await browser.service.invoke('verifyDrivePackage', { packageId });
      expect(refused, packageId).toMatchObject({
        ok: false,
        error: { code: 'CLIENT.invalidRequest', message: 'That package is not in the export target.' },
      });
    }
  });

  test('without --export-target the answer says how to set it; with a picker there is no list', async () => {
    const bare = await serviceHarness({ dialogs: noPicker });
    try {
      for (const answer of [
        await bare.service.invoke('verifyFolderPicked', undefined),
        await bare.service.invoke('verifyDrivePackage', { packageId: 'field-nav-a' }),
      ]) {
        expect(answer.ok).toBe(false);
        if (!answer.ok) expect(answer.error.message).toMatch(/--export-target DIR/);
      }
    } finally {
      await bare.close();
    }
    const desktop = await h.service.invoke('verifyDrivePackage', { packageId: 'field-nav-a' });
    expect(desktop).toMatchObject({ ok: false, error: { code: 'CLIENT.invalidRequest' } });
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
      ['verifyDrivePackage', { packageId: 'x', folder: '/media/usb' }],
      ['verifyDrivePackage', { path: '/media/usb/x' }],
      ['verifyDrivePackage', undefined],
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
      ['verifyDrivePackage', { packageId: '1.field-nav@2.3.1' }],
    ] as const)
      expect(gate.admit(method, payload).ok, method).toBe(true);
  });
});
