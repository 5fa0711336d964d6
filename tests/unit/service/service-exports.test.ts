// Copying a staged package to a drive through the service: the target comes from the injected
// picker (never from the request), the copy passes `sha256sum -c` on the target, progress arrives
// as exportProgress pushes, a stop leaves no package behind, and a cancelled picker copies nothing.
import { randomUUID } from 'node:crypto';
import { access, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BUILTIN_IDS } from '../../../electron/demo-server/index.js';
import type { FolderPurpose } from '../../../electron/service/index.js';
import type { ExportProgressEvent } from '../../../electron/shared/ipc-contract.js';
import type { JobSnapshot } from '../../../electron/shared/snapshots.js';
import { sha256sumCheck } from '../../support/export-package.js';
import { runVerifySh } from '../../support/self-check.js';
import { serviceHarness, value, type ServiceHarness } from '../../support/service-harness.js';
import { useTempDirs } from '../../support/temp-dir.js';

let h: ServiceHarness;
let staged: JobSnapshot;
/** What the injected folder picker answers next (undefined: the user cancelled it). */
let pick: (purpose: FolderPurpose | undefined) => Promise<string | undefined> = async () => undefined;
const tempDir = useTempDirs();

beforeAll(async () => {
  h = await serviceHarness({ dialogs: { chooseFolder: (purpose) => pick(purpose) } });
  const [job] = value(
    await h.service.invoke('startJobs', { catalogIds: [BUILTIN_IDS.fieldNav], itemType: 'software' }),
  );
  staged = await h.waitForJob(job!.jobId, (j) => j.phase === 'staged' || j.phase === 'failed');
  expect(staged.phase).toBe('staged');
}, 60_000);
afterAll(async () => h?.close());

const progressSince = (from: number): ExportProgressEvent[] =>
  h.messages.slice(from).flatMap((m) => (m.event === 'exportProgress' ? [m.payload] : []));
const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

describe('exportJob', () => {
  test('copies the job package to the picked folder; sha256sum -c passes there; progress is pushed', async () => {
    const drive = await tempDir();
    const purposes: (FolderPurpose | undefined)[] = [];
    pick = async (purpose) => (purposes.push(purpose), drive);
    const from = h.messages.length;
    const summary = value(await h.service.invoke('exportJob', { jobId: staged.jobId }));
    expect(purposes).toEqual(['exportTarget']);
    const packageId = staged.folder!.split(/[/\\]/).at(-1)!;
    expect(summary).toMatchObject({
      catalogId: BUILTIN_IDS.fieldNav,
      packageId,
      targetFolder: join(drive, packageId),
      verified: true,
      packageState: 'verified',
      filesCopied: 3,
      filesReused: 0,
      readBackMayBeCached: true,
    });
    expect(summary!.files.map((f) => f.how)).toEqual(['copied', 'copied', 'copied']);
    expect(summary!.fileSystem).not.toBe('');
    const sums = sha256sumCheck(summary!.targetFolder);
    expect(sums.output).toMatch(/: OK/);
    expect(sums.status).toBe(0);
    // The engine's key (the demo server's here) goes along, so the drive checks itself alone.
    const selfCheck = runVerifySh(summary!.targetFolder);
    expect(selfCheck.status, selfCheck.output).toBe(0);
    expect(selfCheck.verdict).toBe('DRIVE VERIFIED: 3 files intact, 3 signatures valid.');

    const events = progressSince(from);
    expect(events.every((e) => e.jobId === staged.jobId && e.targetFolder === summary!.targetFolder)).toBe(
      true,
    );
    const phases = events.map((e) => e.phase).filter((p, i, all) => p !== all[i - 1]);
    expect(phases).toEqual(['preflight', 'copy', 'readBack', 'done']);
    expect(events.at(-1)).toMatchObject({ phase: 'done', bytesDone: summary!.bytesTotal, error: null });

    // Again to the same drive: nothing to copy, every file re-checked where it is.
    const again = value(await h.service.invoke('exportJob', { jobId: staged.jobId }));
    expect(again).toMatchObject({ filesCopied: 0, filesReused: 3, verified: true });
  });

  test('a cancelled picker copies nothing and answers null', async () => {
    const drive = await tempDir();
    let asked = 0;
    pick = async () => (asked++, undefined);
    const from = h.messages.length;
    expect(value(await h.service.invoke('exportJob', { jobId: staged.jobId }))).toBeNull();
    expect(asked).toBe(1);
    expect(progressSince(from)).toEqual([]);
    expect(await readdir(drive)).toEqual([]);
  });

  test('cancelExport stops a copy under way: CLIENT.cancelled, no package on the drive; then it can run again', async () => {
    const drive = await tempDir();
    pick = async () => drive;
    const from = h.messages.length;
    // Stop as soon as the copy phase starts (pushes are delivered synchronously to subscribers).
    const stop = h.service.subscribe(({ event, payload }) => {
      if (event === 'exportProgress' && payload.phase === 'copy')
        void h.service.invoke('cancelExport', { jobId: staged.jobId });
    });
    const result = await h.service.invoke('exportJob', { jobId: staged.jobId });
    stop();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('CLIENT.cancelled');
    const last = progressSince(from).at(-1);
    expect(last).toMatchObject({ phase: 'failed', error: { code: 'CLIENT.cancelled' } });
    const target = join(drive, staged.folder!.split(/[/\\]/).at(-1)!);
    expect(await exists(join(target, 'manifest.json'))).toBe(false);
    expect(await exists(join(target, 'SHA256SUMS'))).toBe(false);

    const rerun = value(await h.service.invoke('exportJob', { jobId: staged.jobId }));
    expect(rerun?.verified).toBe(true);
    expect(sha256sumCheck(rerun!.targetFolder).status).toBe(0);
  });

  test('one export per package at a time: a second request while the first waits for its picker is refused', async () => {
    let answer: (folder: string | undefined) => void = () => undefined;
    let pickerOpened!: () => void;
    const pickerOpen = new Promise<void>((resolve) => (pickerOpened = resolve));
    pick = () =>
      new Promise((resolve) => {
        answer = resolve;
        pickerOpened();
      });
    const first = h.service.invoke('exportJob', { jobId: staged.jobId });
    // The first request is waiting for its picker (it checks the package first: no fixed tick count).
    await pickerOpen;
    const second = await h.service.invoke('exportJob', { jobId: staged.jobId });
    expect(second.ok).toBe(false);
    if (!second.ok) {
      expect(second.error.code).toBe('CLIENT.invalidRequest');
      expect(second.error.message).toMatch(/already being copied/);
    }
    // The same package through History is the same folder: refused too.
    const [pkg] = value(await h.service.invoke('listHistory', undefined));
    const third = await h.service.invoke('exportPackage', { packageId: pkg!.packageId });
    expect(third.ok).toBe(false);
    answer(undefined);
    expect(value(await first)).toBeNull();
  });

  test('an unknown job is refused with a plain message', async () => {
    const result = await h.service.invoke('exportJob', { jobId: randomUUID() });
    expect(result).toMatchObject({ ok: false, error: { code: 'CLIENT.unknownJob' } });
    // Nothing to stop is not an error: a stop racing the end of a copy must not alarm anyone.
    expect((await h.service.invoke('cancelExport', { jobId: randomUUID() })).ok).toBe(true);
  });
});

describe('exportPackage (from History)', () => {
  test('copies a History package by id; ids that are paths are refused before any picker opens', async () => {
    const drive = await tempDir();
    let asked = 0;
    pick = async () => (asked++, drive);
    const [pkg] = value(await h.service.invoke('listHistory', undefined));
    const from = h.messages.length;
    const summary = value(await h.service.invoke('exportPackage', { packageId: pkg!.packageId }));
    expect(summary).toMatchObject({ packageId: pkg!.packageId, verified: true, filesCopied: 3 });
    expect(sha256sumCheck(summary!.targetFolder).status).toBe(0);
    expect(progressSince(from).every((e) => e.jobId === null && e.packageId === pkg!.packageId)).toBe(true);
    expect(asked).toBe(1);

    for (const packageId of ['..', '../outside', staged.folder!, `${pkg!.packageId}/..`, '.courier']) {
      const refused = await h.service.invoke('exportPackage', { packageId });
      expect(refused.ok, packageId).toBe(false);
    }
    expect(asked).toBe(1);
  });
});
