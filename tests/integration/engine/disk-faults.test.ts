// F1 at job level: not enough space before the start refuses the job; ENOSPC half-way pauses it,
// keeps the partial, says how much space is needed, and the job finishes once space is back.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { BUILTIN_IDS } from '../../../electron/demo-server/index.js';
import { nodeFs } from '../../../electron/engine/staging/fs-adapter.js';
import { engineHarness, type EngineHarness } from '../../support/engine-harness.js';
import { errno, faultyFs } from '../../support/staging-faulty-fs.js';

let harness: EngineHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('F1: disk full', () => {
  test('before the start: refused with bytes needed and available, nothing downloaded', async () => {
    const fs = { ...nodeFs, statfs: async () => ({ bavail: 10, bsize: 4096 }) };
    harness = await engineHarness({ deps: { fs } });
    const job = await harness.fetch(BUILTIN_IDS.fieldNav);
    expect(job.phase).toBe('failed');
    expect(job.error?.code).toBe('CLIENT.diskFull');
    expect(job.error?.detail).toMatchObject({ bytesAvailable: 40_960 });
    expect(harness.server.requestLog!.count('', 'storage')).toBe(0);
  });

  test('half-way: the job pauses keeping the partial, then completes when resumed', async () => {
    let full = true;
    let written = 0;
    const fs = faultyFs({
      before: (call) => {
        if (call.op !== 'write' || !call.path.endsWith('field-nav-offline-tiles-2.3.1.zip.part'))
          return undefined;
        written += 1;
        return full && written > 2 ? errno('ENOSPC', 'no space left on device') : undefined;
      },
    });
    // 1 MiB checkpoints make 1 MiB writes, so the disk fills up after two of the file's four.
    harness = await engineHarness({
      deps: { fs },
      config: {
        concurrency: 1,
        download: { backoffBaseMs: 0, backoffMaxMs: 0, checkpointBytes: 1024 * 1024 },
      },
    });
    const started = harness.engine.start(BUILTIN_IDS.fieldNav);
    const jobId = started.ok ? started.value.jobId : '';
    const paused = await harness.engine.settled(jobId);
    expect(paused.ok && paused.value.phase).toBe('paused');
    expect(paused.ok && paused.value.error?.code).toBe('CLIENT.diskFull');
    const folder = paused.ok ? paused.value.folder! : '';
    const part = await stat(join(folder, '.courier', 'parts', 'field-nav-offline-tiles-2.3.1.zip.part'));
    expect(part.size).toBeGreaterThan(0);

    full = false;
    harness.engine.resume(jobId);
    const done = await harness.engine.settled(jobId);
    expect(done.ok && [done.value.phase, done.value.verified]).toEqual(['staged', true]);
  });
});
