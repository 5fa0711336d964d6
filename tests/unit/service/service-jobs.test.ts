// The service over a real engine and the in-process demo server: jobs started through it push
// snapshots until staged, the history lists the package, verification and "open" act on paths the
// service resolves itself (E1, E5), and failures come back as values, never as exceptions.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { BUILTIN_IDS } from '../../../electron/demo-server/index.js';
import { serviceHarness, value, type ServiceHarness } from '../../support/service-harness.js';

let h: ServiceHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function stageFieldNav(harness: ServiceHarness) {
  const [started] = value(
    await harness.service.invoke('startJobs', { catalogIds: [BUILTIN_IDS.fieldNav], itemType: 'software' }),
  );
  return harness.waitForJob(started!.jobId, (job) => job.phase === 'staged' || job.phase === 'failed');
}

describe('jobs through the service (demo mode)', () => {
  test('with dependencies, the dependency is staged first and the history lists both', async () => {
    h = await serviceHarness();
    const [started] = value(
      await h.service.invoke('startJobs', {
        catalogIds: [BUILTIN_IDS.mixedStack],
        itemType: 'software',
        withDependencies: true,
      }),
    );
    const ended = await h.waitForJob(
      started!.jobId,
      (job) => job.phase === 'staged' || job.phase === 'failed',
    );
    expect(ended.phase).toBe('staged');
    const history = value(await h.service.invoke('listHistory', undefined));
    expect(history.map((p) => p.catalogId).sort()).toEqual(
      [BUILTIN_IDS.b64Tools, BUILTIN_IDS.mixedStack].sort(),
    );
  });

  test('a started job pushes snapshots until staged; listJobs, history and verify agree', async () => {
    h = await serviceHarness();
    const staged = await stageFieldNav(h);
    expect(staged).toMatchObject({ phase: 'staged', verified: true, catalogId: BUILTIN_IDS.fieldNav });
    const phases = h.messages.filter((m) => m.event === 'job').map((m) => m.payload.phase);
    expect(phases).toContain('downloading');
    expect(phases.at(-1)).toBe('staged');

    expect(value(await h.service.invoke('listJobs', undefined)).map((j) => j.jobId)).toEqual([staged.jobId]);
    const history = value(await h.service.invoke('listHistory', undefined));
    expect(history).toEqual([
      expect.objectContaining({ catalogId: BUILTIN_IDS.fieldNav, state: 'verified', fileCount: 3 }),
    ]);
    expect(history[0]!.packageId).not.toMatch(/[/\\]/);

    const byJob = value(await h.service.invoke('verifyJob', { jobId: staged.jobId }));
    expect(byJob).toMatchObject({
      state: 'verified',
      catalogId: BUILTIN_IDS.fieldNav,
      signaturesChecked: true,
    });
    expect(byJob.files.map((f) => f.status)).toEqual(['verified', 'verified', 'verified']);
    const byPackage = value(await h.service.invoke('verifyPackage', { packageId: history[0]!.packageId }));
    expect(byPackage.state).toBe('verified');
  });

  test('a changed file shows up in verifyPackage as changed', async () => {
    h = await serviceHarness();
    const staged = await stageFieldNav(h);
    const [packageSummary] = value(await h.service.invoke('listHistory', undefined));
    const check = value(await h.service.invoke('verifyJob', { jobId: staged.jobId }));
    await writeFile(join(staged.folder!, check.files[0]!.file), 'tampered');
    const again = value(await h.service.invoke('verifyPackage', { packageId: packageSummary!.packageId }));
    expect(again.state).toBe('changed');
    expect(again.files[0]!.status).toBe('changed');
  });

  test('E1: verifyPackage refuses ../x, absolute, nested and hidden ids, even when they point at a real package', async () => {
    h = await serviceHarness();
    const staged = await stageFieldNav(h);
    const [summary] = value(await h.service.invoke('listHistory', undefined));
    // A copy of a real package just outside the staging folder: reachable only by a path.
    const outside = join(h.stagingRoot, '..', 'outside');
    await mkdir(outside);
    await writeFile(join(outside, 'manifest.json'), await readFile(join(staged.folder!, 'manifest.json')));
    for (const packageId of [
      '../outside',
      '..',
      '.',
      outside,
      join(h.stagingRoot, summary!.packageId),
      `${summary!.packageId}/../../outside`,
      `..\\outside`,
      '.courier',
      'C:\\Windows',
      `${summary!.packageId}\u0000`,
      'does-not-exist',
    ]) {
      const result = await h.service.invoke('verifyPackage', { packageId });
      expect(result.ok, packageId).toBe(false);
      if (!result.ok) expect(result.error.code, packageId).toBe('CLIENT.invalidRequest');
    }
    expect(isAbsolute(outside)).toBe(true);
  });

  test('E5: open folder and report use the job folder resolved by the service; unknown jobs open nothing', async () => {
    h = await serviceHarness();
    const staged = await stageFieldNav(h);
    expect(value(await h.service.invoke('openJobFolder', { jobId: staged.jobId }))).toEqual({
      how: 'opened',
    });
    expect(value(await h.service.invoke('openJobReport', { jobId: staged.jobId }))).toEqual({
      how: 'opened',
    });
    expect(h.openPath.mock.calls).toEqual([[staged.folder], [join(staged.folder!, 'report.html')]]);

    const unknown = await h.service.invoke('openJobFolder', { jobId: randomUUID() });
    expect(unknown.ok).toBe(false);
    expect(h.openPath).toHaveBeenCalledTimes(2);
  });

  test('removeJob hides a finished job (jobRemoved pushed); starting it again brings it back', async () => {
    h = await serviceHarness();
    const staged = await stageFieldNav(h);
    expect(value(await h.service.invoke('removeJob', { jobId: staged.jobId }))).toEqual([]);
    expect(h.messages).toContainEqual({ event: 'jobRemoved', payload: { jobId: staged.jobId } });
    expect(value(await h.service.invoke('listJobs', undefined))).toEqual([]);
    const again = value(
      await h.service.invoke('startJobs', { catalogIds: [BUILTIN_IDS.fieldNav], itemType: 'software' }),
    );
    expect(again[0]!.jobId).toBe(staged.jobId);
    expect(value(await h.service.invoke('listJobs', undefined))).toHaveLength(1);
  });

  test('a failing delivery ends failed with its code; retry runs it again', async () => {
    h = await serviceHarness();
    const [started] = value(
      await h.service.invoke('startJobs', { catalogIds: [BUILTIN_IDS.notReleased], itemType: 'software' }),
    );
    const failed = await h.waitForJob(started!.jobId, (job) => job.phase === 'failed');
    expect(failed.error?.code).toBe('DELIVERY.downloadNotAvailable');
    const before = h.messages.length;
    value(await h.service.invoke('retryJob', { jobId: started!.jobId }));
    const phases: string[] = [];
    await h.waitForJob(started!.jobId, (job) => (phases.push(job.phase), job.phase === 'failed'), before);
    expect(phases[0]).not.toBe('failed'); // it really ran again
  });

  test('unknown job ids and wrong states are error values, never exceptions', async () => {
    h = await serviceHarness();
    for (const method of [
      'pauseJob',
      'resumeJob',
      'cancelJob',
      'retryJob',
      'removeJob',
      'verifyJob',
    ] as const) {
      const result = await h.service.invoke(method, { jobId: randomUUID() });
      expect(result.ok, method).toBe(false);
      if (!result.ok) expect(result.error.code, method).toBe('CLIENT.unknownJob');
    }
  });
});
