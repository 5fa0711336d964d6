// Download checkpoints through a whole engine (C1, goal 4): the order fsync the data → append the
// record → fdatasync the log, so that no record in the progress log ever claims bytes the disk may
// lose, even when a `.part` fsync fails (F5).
import { basename } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { BUILTIN_IDS } from '../../../electron/demo-server/index.js';
import { nodeFs, type StagingFs } from '../../../electron/engine/staging/fs-adapter.js';
import { PROGRESS_LOG_FILE } from '../../../electron/engine/staging/progress-log.js';
import { decodeRecords, type ProgressRecord } from '../../../electron/engine/staging/progress-record.js';
import { engineHarness, type EngineHarness } from '../../support/engine-harness.js';
import { errno } from '../../support/staging-faulty-fs.js';

/**
 * The real file system, watched: a `.part` is durable up to what its writes had finished before an
 * fsync began, and that fsync resolved. Every record appended to the progress log is checked against
 * that, and every log write must be fdatasynced before the next one.
 */
function witnessFs(failPartSync: (n: number) => boolean = () => false) {
  const written = new Map<string, number>();
  const durable = new Map<string, number>();
  const violations: string[] = [];
  const records: ProgressRecord[] = [];
  const counts = { partSyncs: 0, logWrites: 0, logSyncs: 0 };
  let unsynced = false;
  const partFor = (itemKey: string) =>
    [...written.keys()].find((p) => itemKey.endsWith(`@${basename(p, '.part')}`));
  const forget = (path: string) => {
    written.delete(path);
    durable.delete(path);
  };
  const fs: StagingFs = {
    ...nodeFs,
    rm: async (path, options) => {
      forget(path);
      return nodeFs.rm(path, options);
    },
    async open(path, flags, mode) {
      const handle = await nodeFs.open(path, flags, mode);
      const isPart = path.endsWith('.part');
      const isLog = path.endsWith(PROGRESS_LOG_FILE);
      if (isPart && !written.has(path)) written.set(path, 0);
      return {
        read: (...args) => handle.read(...args),
        stat: () => handle.stat(),
        close: () => handle.close(),
        async write(buffer, offset, length, position) {
          if (isLog) {
            counts.logWrites += 1;
            if (unsynced) violations.push('a log write came before the previous one was fdatasynced');
            unsynced = true;
            for (const record of decodeRecords(Buffer.from(buffer.subarray(offset, offset + length)))) {
              records.push(record);
              const part = partFor(record.itemKey);
              const safe = part === undefined ? 0 : (durable.get(part) ?? 0);
              if (record.offset > safe)
                violations.push(
                  `${record.itemKey}: a record claims ${record.offset} bytes, ${safe} are durable`,
                );
            }
          }
          const result = await handle.write(buffer, offset, length, position);
          if (isPart) written.set(path, Math.max(written.get(path) ?? 0, position + result.bytesWritten));
          return result;
        },
        async sync() {
          // Only writes finished before the fsync began are covered by it.
          const covered = written.get(path) ?? 0;
          if (isPart && failPartSync(++counts.partSyncs)) throw errno('EIO', 'fsync failed');
          await handle.sync();
          if (isPart) durable.set(path, Math.max(durable.get(path) ?? 0, covered));
        },
        async datasync() {
          await handle.datasync();
          if (isLog) {
            counts.logSyncs += 1;
            unsynced = false;
          }
        },
        async truncate(length) {
          await handle.truncate(length);
          if (isPart) {
            written.set(path, Math.min(written.get(path) ?? 0, length));
            durable.set(path, Math.min(durable.get(path) ?? 0, length));
          }
        },
      };
    },
  };
  return { fs, violations, records, counts };
}

let harness: EngineHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('the order fsync data → append → fdatasync', () => {
  test('C1/goal 4: every record claims only bytes an fsync of its .part already made durable, and is fdatasynced', async () => {
    const witness = witnessFs();
    harness = await engineHarness({
      config: { concurrency: 3, download: { checkpointBytes: 256 * 1024 } },
      deps: { fs: witness.fs },
    });
    const job = await harness.fetch(BUILTIN_IDS.fieldNav);
    expect([job.phase, job.verified]).toEqual(['staged', true]);
    expect(witness.violations).toEqual([]);
    expect(witness.records.length).toBeGreaterThanOrEqual(10);
    expect(witness.counts.logSyncs).toBe(witness.counts.logWrites);
  });

  test('F5/C1: a .part fsync that fails leaves no record of the bytes it should have made durable', async () => {
    const witness = witnessFs((n) => n === 6);
    harness = await engineHarness({
      config: { concurrency: 1, download: { checkpointBytes: 256 * 1024, attempts: 1 } },
      deps: { fs: witness.fs },
    });
    const job = await harness.fetch(BUILTIN_IDS.fieldNav);
    expect(job.verified).toBe(false);
    expect(job.items.some((item) => item.error?.code === 'CLIENT.fileSystem')).toBe(true);
    expect(witness.violations).toEqual([]);
    expect(witness.records.length).toBeGreaterThan(0);
  });
});
