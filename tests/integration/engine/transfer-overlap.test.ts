// Issue 9 through a whole engine: an item gives its transfer slot back once its body is written, so
// the next item downloads while this one is flushed, read back and committed, and still no two
// bodies come in at once with `concurrency: 1`.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { BUILTIN_IDS } from '../../../electron/demo-server/index.js';
import { nodeFs, type StagingFs } from '../../../electron/engine/staging/fs-adapter.js';
import { engineHarness, type EngineHarness } from '../../support/engine-harness.js';

let harness: EngineHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Long enough never to fire when the overlap works; without it, a regression would hang the test. */
const NO_OVERLAP_AFTER_MS = 10_000;

test('the next item transfers while the one before commits, one body at a time', async () => {
  /** Each `.part` in the order first opened, with the sizes of the other parts at that moment. */
  const opened: { part: string; othersOnDisk: Map<string, number> }[] = [];
  let renamed: string[] = [];
  let nextOpened: () => void = () => undefined;
  const fs: StagingFs = {
    ...nodeFs,
    async open(path, flags, mode) {
      const handle = await nodeFs.open(path, flags, mode);
      if (path.endsWith('.part') && !opened.some((o) => o.part === path)) {
        const othersOnDisk = new Map<string, number>();
        for (const { part } of opened)
          if (!renamed.includes(part)) othersOnDisk.set(part, (await stat(part)).size);
        opened.push({ part: path, othersOnDisk });
        nextOpened();
      }
      return handle;
    },
    async rename(from, to) {
      if (from.endsWith('.part') && renamed.length === 0) {
        // Hold the first commit until another item's transfer has begun (or give up, and fail below).
        const started = new Promise<void>((resolve) => {
          nextOpened = resolve;
          if (opened.length > 1) resolve();
        });
        await Promise.race([started, new Promise((resolve) => setTimeout(resolve, NO_OVERLAP_AFTER_MS))]);
      }
      if (from.endsWith('.part')) renamed = [...renamed, from];
      return nodeFs.rename(from, to);
    },
  };
  harness = await engineHarness({ config: { concurrency: 1 }, deps: { fs } });
  const job = await harness.fetch(BUILTIN_IDS.fieldNav);
  expect([job.phase, job.verified]).toEqual(['staged', true]);

  const sizes = new Map(job.items.map((item) => [`${item.fileName}.part`, item.size]));
  expect(opened.length).toBe(sizes.size);
  // The second item's download began before the first item had its final name...
  expect(opened[1]!.othersOnDisk.has(opened[0]!.part)).toBe(true);
  // ...and only after every byte of the first was written: one transfer at a time.
  for (const { othersOnDisk } of opened)
    for (const [part, bytes] of othersOnDisk) expect(bytes).toBe(sizes.get(basename(part)));
});
