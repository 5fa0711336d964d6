// The package verdict through the service: History names a partly failed, a failed and an empty
// package for what they are (never "verified"), and a copy to a drive of a package that is not
// verified happens only when the request accepts it, then says what was copied.
import { access, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BUILTIN_IDS, startDemoServer } from '../../../electron/demo-server/index.js';
import type { PackageSummary } from '../../../electron/shared/ipc-contract.js';
import type { JobSnapshot } from '../../../electron/shared/snapshots.js';
import { sha256sumCheck } from '../../support/export-package.js';
import { serviceHarness, value, type ServiceHarness } from '../../support/service-harness.js';
import { useTempDirs } from '../../support/temp-dir.js';

const EMPTY_ID = 'empty-package';
let h: ServiceHarness;
let partly: JobSnapshot;
let tampered: JobSnapshot;
let asked = 0;
let drive: string | undefined;
const tempDir = useTempDirs();

async function stage(catalogId: string): Promise<JobSnapshot> {
  const [job] = value(await h.service.invoke('startJobs', { catalogIds: [catalogId], itemType: 'software' }));
  return h.waitForJob(job!.jobId, (j) => j.phase === 'staged' || j.phase === 'failed');
}

beforeAll(async () => {
  const demo = await startDemoServer({ faults: true });
  // Every response for one of field-nav's three files has a flipped byte: the other two stage.
  demo.faults!.storage('offline-tiles', { corruptByteAt: 1000 });
  h = await serviceHarness({
    startDemo: async () => demo,
    dialogs: { chooseFolder: async () => (asked++, drive) },
  });
  partly = await stage(BUILTIN_IDS.fieldNav);
  tampered = await stage(BUILTIN_IDS.tampered);
  // A manifest that lists nothing, as a package with no artifacts would leave.
  const manifest = JSON.parse(await readFile(join(partly.folder!, 'manifest.json'), 'utf8'));
  await mkdir(join(h.stagingRoot, EMPTY_ID));
  await writeFile(
    join(h.stagingRoot, EMPTY_ID, 'manifest.json'),
    JSON.stringify({ ...manifest, catalogId: 'empty@1.0.0', verified: false, artifacts: [] }),
  );
}, 90_000);
afterAll(async () => h?.close());

const history = async (): Promise<readonly PackageSummary[]> =>
  value(await h.service.invoke('listHistory', undefined));
const byCatalog = (all: readonly PackageSummary[], catalogId: string) =>
  all.find((p) => p.catalogId === catalogId);

describe('History states', () => {
  test('the deliveries ended failed: one staged two of three files, the other nothing', () => {
    expect(partly.phase).toBe('failed');
    expect(partly.items.filter((i) => i.outcome === 'verified')).toHaveLength(2);
    expect(tampered.phase).toBe('failed');
    expect(tampered.items.every((i) => i.outcome !== 'verified')).toBe(true);
  });

  test('a partly failed package is listed as failed with the files it holds', async () => {
    const pkg = byCatalog(await history(), BUILTIN_IDS.fieldNav);
    const staged = partly.items.filter((i) => i.outcome === 'verified');
    expect(pkg).toMatchObject({
      state: 'failed',
      fileCount: 2,
      totalBytes: staged.reduce((sum, i) => sum + i.size!, 0),
    });
  });

  test('a package that staged nothing is failed (not verified, not empty), or not listed at all', async () => {
    const pkg = byCatalog(await history(), BUILTIN_IDS.tampered);
    const hasManifest = await access(join(tampered.folder!, 'manifest.json')).then(
      () => true,
      () => false,
    );
    if (hasManifest) expect(pkg).toMatchObject({ state: 'failed', fileCount: 0, totalBytes: 0 });
    else expect(pkg).toBeUndefined();
  });

  test('a package listing no file is empty', async () => {
    expect(byCatalog(await history(), 'empty@1.0.0')).toMatchObject({
      packageId: EMPTY_ID,
      state: 'empty',
      fileCount: 0,
    });
  });

  test('no package of these is verified', async () => {
    expect((await history()).map((p) => p.state)).not.toContain('verified');
  });

  test('Verify again of the partly failed package: its files are intact, the package is still failed', async () => {
    const pkg = byCatalog(await history(), BUILTIN_IDS.fieldNav)!;
    const check = value(await h.service.invoke('verifyPackage', { packageId: pkg.packageId }));
    expect(check.files.map((f) => f.status)).toEqual(['verified', 'verified']);
    expect(check.state).toBe('failed');
  });
});

describe('copying a package that is not verified', () => {
  test('without acceptance: CLIENT.unverified naming the state, before any drive is chosen', async () => {
    drive = await tempDir();
    asked = 0;
    const all = await history();
    for (const [catalogId, state] of [
      [BUILTIN_IDS.fieldNav, 'failed'],
      ['empty@1.0.0', 'empty'],
    ] as const) {
      const pkg = byCatalog(all, catalogId)!;
      const refused = await h.service.invoke('exportPackage', { packageId: pkg.packageId });
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'CLIENT.unverified', detail: { packageState: state } },
      });
      const again = await h.service.invoke('exportPackage', {
        packageId: pkg.packageId,
        acceptUnverified: false,
      });
      expect(again).toMatchObject({ ok: false, error: { code: 'CLIENT.unverified' } });
    }
    expect(asked).toBe(0);
    expect(await readdir(drive)).toEqual([]);
  });

  test('with acceptance: the staged files are copied and read back, and the result says failed', async () => {
    drive = await tempDir();
    const pkg = byCatalog(await history(), BUILTIN_IDS.fieldNav)!;
    const summary = value(
      await h.service.invoke('exportPackage', { packageId: pkg.packageId, acceptUnverified: true }),
    );
    expect(summary).toMatchObject({
      packageId: pkg.packageId,
      verified: true,
      packageState: 'failed',
      filesCopied: 2,
    });
    expect(summary!.files).toHaveLength(2);
    expect(sha256sumCheck(summary!.targetFolder).status).toBe(0);
  });
});
