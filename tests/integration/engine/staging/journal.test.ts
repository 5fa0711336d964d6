// The resume journal (C1): round trip, never a crash on garbage, crash-safe replacement at every step,
// and no URL, token or header ever reaches the file (S2).
import { readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ManualClock } from '../../../../electron/engine/clock.js';
import { nodeFs } from '../../../../electron/engine/staging/fs-adapter.js';
import { openJobFolder } from '../../../../electron/engine/staging/job-folder.js';
import type { JobFolder } from '../../../../electron/engine/staging/job-folder.js';
import { JOURNAL_FILE, readJournal, writeJournal } from '../../../../electron/engine/staging/journal.js';
import type { Journal } from '../../../../electron/engine/staging/journal.js';
import { PROGRESS_LOG_FILE } from '../../../../electron/engine/staging/progress-log.js';
import { errno, faultyFs } from '../../../support/staging-faulty-fs.js';
import { useTempDirs } from '../../../support/temp-dir.js';

const tempDir = useTempDirs();

async function jobFolder(): Promise<JobFolder> {
  const opened = await openJobFolder({
    stagingRoot: await tempDir(),
    catalogId: '9.tool@1.0.0',
    fs: nodeFs,
    clock: new ManualClock(),
  });
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value;
}

function journal(offset: number, outbox: Journal['outbox'] = []): Journal {
  return {
    format: 'courier-journal/1',
    catalogId: '9.tool@1.0.0',
    itemType: 'software',
    apiOrigin: 'https://getapp.example:8443',
    deviceId: 'laptop-7',
    startedAt: '2026-07-02T08:00:00.000Z',
    snapshot: [
      {
        itemKey: '9.tool@1.0.0@tool.bin',
        fileName: 'tool.bin',
        artifactType: 'software',
        size: 4096,
        expectedHash: { algorithm: 'SHA256Hex', value: 'ab'.repeat(32) },
        signature: 'MEUCIQ==',
        isExecutable: true,
        arguments: '/S',
        metaData: '{"a":1}',
        reference: null,
      },
    ],
    items: [{ itemKey: '9.tool@1.0.0@tool.bin', offset, validator: { etag: '"v1"' }, state: 'downloading' }],
    outbox,
  };
}

describe('journal', () => {
  test('round trip; a missing journal is undefined without a warning', async () => {
    const folder = await jobFolder();
    expect(await readJournal(folder)).toEqual({ journal: undefined });
    expect(
      await writeJournal(folder, journal(1024, [{ deliveryStatus: 'Download', downloadData: 25 }])),
    ).toEqual({ ok: true, value: { generation: 1, logEmpty: true } });
    expect(await readJournal(folder)).toEqual({
      journal: { ...journal(1024, [{ deliveryStatus: 'Download', downloadData: 25 }]), generation: 1 },
    });
    // The progress log is there, empty, from the first write on: its name is durable with the journal's.
    expect(await readdir(folder.controlDir)).toEqual([JOURNAL_FILE, 'parts', PROGRESS_LOG_FILE].sort());
    expect(await readFile(join(folder.controlDir, PROGRESS_LOG_FILE), 'utf8')).toBe('');
  });

  const good = JSON.stringify(journal(1));
  test.each([
    ['empty file', ''],
    ['truncated JSON', good.slice(0, good.length / 2)],
    ['null', 'null'],
    ['an array', '[]'],
    ['another version', good.replace('courier-journal/1', 'courier-journal/2')],
    ['offset as a string', good.replace('"offset":1', '"offset":"1"')],
    ['negative offset', good.replace('"offset":1', '"offset":-1')],
    ['unknown state', good.replace('"downloading"', '"exploded"')],
    ['binary junk', '\u0000\u00ff\ufffd{'],
    ['another catalog', good.replace(/"catalogId":"9.tool@1.0.0"/, '"catalogId":"8.other@2"')],
  ])('C1: %s → undefined plus a warning, never a throw', async (_name, text) => {
    const folder = await jobFolder();
    await writeFile(join(folder.controlDir, JOURNAL_FILE), text);
    const read = await readJournal(folder);
    expect(read.journal).toBeUndefined();
    expect(read.warning).toMatch(/journal.*was ignored.*restart from zero/);
  });

  test('C1/F6: a journal planted as a symlink is ignored, not followed', async () => {
    const folder = await jobFolder();
    const outside = join(await tempDir(), 'j.json');
    await writeFile(outside, good);
    await symlink(outside, join(folder.controlDir, JOURNAL_FILE));
    expect(await readJournal(folder)).toMatchObject({
      journal: undefined,
      warning: expect.stringMatching(/symbolic link/),
    });
  });

  test('S2: no URL, token or header reaches the file, even if the caller passes them', async () => {
    const folder = await jobFolder();
    const leaky = journal(0, [
      {
        deliveryStatus: 'Done',
        url: 'https://minio.example/b/x?X-Amz-Signature=abc',
        accessToken: 'CANARY-1',
        nested: { Authorization: 'Bearer CANARY-2', link: 'https://minio.example/y?X-Amz-Credential=z' },
      },
    ]);
    const withExtras = {
      ...leaky,
      token: 'CANARY-3',
      snapshot: leaky.snapshot!.map((item) => ({
        ...item,
        url: 'https://minio.example/z?X-Amz-Signature=q',
        headers: { authorization: 'CANARY-4' },
      })),
    } as Journal;
    expect((await writeJournal(folder, withExtras)).ok).toBe(true);
    const text = await readFile(join(folder.controlDir, JOURNAL_FILE), 'utf8');
    expect(text).not.toMatch(/CANARY|X-Amz|minio|https:\/\/minio|"url"|"headers"/i);
    expect((await readJournal(folder)).journal?.outbox).toEqual([
      { deliveryStatus: 'Done', nested: { link: null } },
    ]);
  });

  test('F3: writing after the job folder vanished → CLIENT.targetRemoved, nothing recreated', async () => {
    const folder = await jobFolder();
    await rm(folder.path, { recursive: true });
    expect(await writeJournal(folder, journal(0))).toMatchObject({
      ok: false,
      error: { code: 'CLIENT.targetRemoved' },
    });
    expect(await readdir(folder.root)).toEqual([]);
  });

  test('an apiOrigin with a path or query is refused and nothing is written', async () => {
    const folder = await jobFolder();
    const result = await writeJournal(folder, {
      ...journal(0),
      apiOrigin: 'https://getapp.example/api?token=x',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'CLIENT.internal' } });
    expect(await readdir(folder.controlDir)).toEqual(['parts']);
  });

  test('C1: a crash at any step of a rewrite (including mid-write) leaves the old or the new journal, never a torn one', async () => {
    const probe = await jobFolder();
    const clean = faultyFs();
    await writeJournal({ ...probe, fs: clean }, journal(2048));
    const steps = clean.calls.length;
    expect(steps).toBeGreaterThanOrEqual(6);
    const seen = new Set<number>();
    for (let crashAt = 0; crashAt <= steps; crashAt += 1) {
      for (const torn of [false, true]) {
        const folder = await jobFolder();
        expect((await writeJournal(folder, journal(1024))).ok).toBe(true);
        // The "process" dies at call crashAt: that call and every later one fail, like after SIGKILL.
        // A torn variant first lets the write put half of its bytes on disk.
        let dead = false;
        const fs = faultyFs({
          before: (call, index) => {
            if (dead || index > crashAt || (index === crashAt && !(torn && call.op === 'write'))) {
              dead = true;
              return errno('EIO', 'crashed');
            }
            return undefined;
          },
          mutateWrite: (_path, bytes) => (torn ? bytes.subarray(0, Math.ceil(bytes.length / 2)) : bytes),
        });
        await writeJournal({ ...folder, fs }, journal(2048));
        const after = await readJournal(folder);
        expect(after.warning, `crash at ${crashAt}, torn ${torn}`).toBeUndefined();
        const offset = after.journal?.items[0]?.offset;
        expect([1024, 2048], `crash at ${crashAt}`).toContain(offset);
        seen.add(offset!);
        // The next clean write succeeds despite any leftover temp file.
        expect((await writeJournal(folder, journal(4096))).ok).toBe(true);
        expect((await readJournal(folder)).journal?.items[0]?.offset).toBe(4096);
      }
    }
    expect([...seen].sort()).toEqual([1024, 2048]);
  });
});
