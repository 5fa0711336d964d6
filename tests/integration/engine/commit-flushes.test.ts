// §0.4 through a whole engine, and what it costs: a downloaded file is fsynced after its last write
// and before it gets its final name (F5: a power cut must not leave a final name over missing bytes),
// and only once there (issue 9: the commit does not flush it again). A commit not told the file is
// durable fsyncs it itself: staging/commit.test.ts.
import { afterEach, expect, test } from 'vitest';
import { BUILTIN_IDS } from '../../../electron/demo-server/index.js';
import { engineHarness, type EngineHarness } from '../../support/engine-harness.js';
import { faultyFs, type FsCall } from '../../support/staging-faulty-fs.js';

let harness: EngineHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** The fsyncs of `part` between its last write and its rename, or undefined if it was never renamed. */
function syncsBeforeRename(calls: readonly FsCall[], part: string): number | undefined {
  const renamed = calls.findIndex((call) => call.op === 'rename' && call.path === part);
  if (renamed < 0) return undefined;
  const lastWrite = calls.findLastIndex(
    (call, i) => i < renamed && call.op === 'write' && call.path === part,
  );
  return calls.slice(lastWrite + 1, renamed).filter((call) => call.op === 'sync' && call.path === part)
    .length;
}

test('F5: each downloaded file is fsynced exactly once between its last write and its final name', async () => {
  const fs = faultyFs();
  harness = await engineHarness({ config: { concurrency: 3 }, deps: { fs } });
  const job = await harness.fetch(BUILTIN_IDS.fieldNav);
  expect([job.phase, job.verified]).toEqual(['staged', true]);
  const parts = [
    ...new Set(fs.calls.filter((c) => c.path.endsWith('.part') && c.op === 'write').map((c) => c.path)),
  ];
  expect(parts).toHaveLength(job.items.length);
  for (const part of parts) expect(syncsBeforeRename(fs.calls, part)).toBe(1);
});
