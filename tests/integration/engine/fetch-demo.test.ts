// The whole engine against the demo server over real sockets into real folders: every built-in
// delivery, as a technician would fetch it.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, test } from 'vitest';
import { BUILTIN_IDS } from '../../../electron/demo-server/index.js';
import type { JobSnapshot } from '../../../electron/shared/snapshots.js';
import { engineHarness, type EngineHarness } from '../../support/engine-harness.js';

const run = promisify(execFile);
let harness: EngineHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function packageFiles(job: JobSnapshot): Promise<string[]> {
  return (await readdir(job.folder!)).filter((name) => !name.startsWith('.')).sort();
}

describe('fetching the demo catalog', () => {
  test('every downloadable delivery stages verified files that sha256sum and verify agree on', async () => {
    harness = await engineHarness();
    for (const id of [BUILTIN_IDS.fieldNav, BUILTIN_IDS.map, BUILTIN_IDS.b64Tools, BUILTIN_IDS.mixedStack]) {
      const job = await harness.fetch(id);
      expect(job.phase, id).toBe('staged');
      expect(job.verified, id).toBe(true);
      const manifest = JSON.parse(await readFile(join(job.folder!, 'manifest.json'), 'utf8'));
      expect(manifest.verified).toBe(true);
      // The bytes on disk are the bytes the server meant: compare with the catalog's own digests.
      const delivery = harness.server.catalog.deliveries.get(id)!;
      for (const artifact of delivery.artifacts.filter((a) => a.file)) {
        const staged = await readFile(join(job.folder!, artifact.file!.name));
        expect(
          createHash('sha256').update(staged).digest().equals(artifact.file!.sha256),
          artifact.itemKey,
        ).toBe(true);
      }
      const { stdout } = await run('sha256sum', ['-c', 'SHA256SUMS'], { cwd: job.folder! });
      expect(stdout).not.toMatch(/FAILED/);
      // A delivery with container images Courier cannot fetch is verified as far as it goes, and
      // says that it is incomplete.
      const recordedOnly = delivery.artifacts.some((a) => !a.file);
      const verified = await harness.engine.verifyFolder(job.folder!);
      expect(verified.ok && verified.value.state, id).toBe(recordedOnly ? 'incomplete' : 'verified');
    }
  });

  test('release artifacts carry no hash: the signature under the pinned key verifies them', async () => {
    harness = await engineHarness();
    const job = await harness.fetch(BUILTIN_IDS.fieldNav);
    expect(job.items.map((i) => [i.hashCheck, i.signatureCheck, i.outcome])).toEqual([
      ['none', 'verified', 'verified'],
      ['none', 'verified', 'verified'],
      ['none', 'verified', 'verified'],
    ]);
    const msi = job.items.find((i) => i.isExecutable)!;
    expect(msi.arguments).toBe('/quiet /norestart');
  });

  test('map: the gpkg is checked against its SHA256Hex, the sidecar is bound to it', async () => {
    harness = await engineHarness();
    const job = await harness.fetch(BUILTIN_IDS.map);
    const [gpkg, json] = job.items;
    expect(gpkg).toMatchObject({ hashCheck: 'verified', outcome: 'verified' });
    expect(json).toMatchObject({ outcome: 'verified', boundTo: 'gpkg' });
    expect(await packageFiles(job)).toEqual([
      'Orthophoto_field_area_2_0_19_2026_06_21T09_12_00_000Z.gpkg',
      'Orthophoto_field_area_2_0_19_2026_06_21T09_12_00_000Z.json',
      'SHA256SUMS',
      'manifest.json',
      'report.html',
    ]);
  });

  test('I1: 7.tampered ends in CLIENT.hashMismatch with expected and actual, after one re-download, and no final file', async () => {
    harness = await engineHarness();
    const job = await harness.fetch(BUILTIN_IDS.tampered);
    expect(job.phase).toBe('failed');
    expect(job.error?.code).toBe('CLIENT.hashMismatch');
    const [item] = job.items;
    expect(item!.error?.detail).toMatchObject({
      expected: expect.stringMatching(/^[0-9a-f]{64}$/),
      actual: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(item!.error?.message).toContain('7.tampered@1.0.0@tampered-1.0.0.bin');
    expect(harness.server.requestLog!.count('tampered-1.0.0.bin', 'storage')).toBe(2);
    expect(await packageFiles(job)).not.toContain('tampered-1.0.0.bin');
  });

  test('P3: 6.field-nav@2.4.0 ends with DELIVERY.downloadNotAvailable and downloads nothing', async () => {
    harness = await engineHarness();
    const job = await harness.fetch(BUILTIN_IDS.notReleased);
    expect(job.phase).toBe('failed');
    expect(job.error).toMatchObject({ code: 'DELIVERY.downloadNotAvailable' });
    expect(harness.server.requestLog!.count('', 'storage')).toBe(0);
  });

  test('an unknown catalogId ends with DELIVERY.notFound', async () => {
    harness = await engineHarness();
    const job = await harness.fetch('99.nope@1.0.0');
    expect(job.error?.code).toBe('DELIVERY.notFound');
  });

  test('M12: 5.mixed-stack stages its file and lists the image and the rpm as not downloadable', async () => {
    harness = await engineHarness();
    const job = await harness.fetch(BUILTIN_IDS.mixedStack);
    expect(job.items.map((i) => [i.outcome, i.reference])).toEqual([
      ['verified', null],
      ['notDownloadable', 'harbor.demo.invalid/mixed-stack/mixed-stack-api:1.0.0'],
      ['notDownloadable', 'rpm://mixed-stack-agent'],
    ]);
    expect(harness.server.requestLog!.entries.filter((e) => e.server === 'storage')).toHaveLength(1);
  });

  test('status reports reach the server: Start and Done per item, with strictly increasing times', async () => {
    harness = await engineHarness();
    await harness.fetch(BUILTIN_IDS.fieldNav);
    await new Promise((resolve) => setImmediate(resolve));
    const rows = harness.server.reports.list({ deviceId: 'TECH-LAPTOP-07', catalogId: BUILTIN_IDS.fieldNav });
    expect(rows.map((r) => [r.itemKey, r.deliveryStatus, r.downloadData]).sort()).toEqual(
      harness.server.catalog.deliveries
        .get(BUILTIN_IDS.fieldNav)!
        .artifacts.map((a) => [a.itemKey, 'Done', 100])
        .sort(),
    );
  });

  test('F7: fetching again reuses the verified files and downloads nothing', async () => {
    harness = await engineHarness();
    await harness.fetch(BUILTIN_IDS.fieldNav);
    const served = harness.server.requestLog!.count('', 'storage');
    const again = await harness.fetch(BUILTIN_IDS.fieldNav);
    expect(again.phase).toBe('staged');
    expect(again.verified).toBe(true);
    expect(harness.server.requestLog!.count('', 'storage')).toBe(served);
  });

  test('C3: starting the same delivery twice attaches to the running job', async () => {
    harness = await engineHarness();
    const first = harness.engine.start(BUILTIN_IDS.b64Tools);
    const second = harness.engine.start(BUILTIN_IDS.b64Tools);
    expect(first.ok && second.ok && first.value.jobId === second.value.jobId).toBe(true);
    await harness.engine.settled(first.ok ? first.value.jobId : '');
    expect(harness.server.requestLog!.count('b64-tools-1.0.0.tar.gz', 'storage')).toBe(1);
  });

  test('A4: the bearer token reaches the API only: never storage, journal, package files or events', async () => {
    harness = await engineHarness();
    const job = await harness.fetch(BUILTIN_IDS.fieldNav);
    const log = harness.server.requestLog!.entries;
    const tokens = log.flatMap((e) =>
      typeof e.headers.authorization === 'string' ? [e.headers.authorization.slice(7)] : [],
    );
    expect(tokens.length).toBeGreaterThan(0);
    expect(
      log.filter((e) => e.server === 'storage' && (e.headers.authorization || e.headers['device-auth'])),
    ).toEqual([]);
    const texts = [
      await readFile(join(job.folder!, '.courier', 'journal.json'), 'utf8'),
      await readFile(join(job.folder!, 'manifest.json'), 'utf8'),
      await readFile(join(job.folder!, 'report.html'), 'utf8'),
      JSON.stringify(harness.events),
    ];
    for (const token of new Set(tokens)) for (const text of texts) expect(text).not.toContain(token);
  });
});
