// Export progress as a display sees it: at most 5 reports a second, phase changes and phase ends at
// once, speed and ETA from the shared speed meter, an average speed per finished phase.
import { describe, expect, test } from 'vitest';
import { ManualClock } from '../../../../electron/engine/clock.js';
import { createProgressTracker } from '../../../../electron/engine/export/progress.js';
import type { ExportProgress } from '../../../../electron/engine/export/export-types.js';

describe('export progress', () => {
  test('throttles byte updates to one per 200 ms but reports phase starts and ends at once', async () => {
    const clock = new ManualClock();
    const seen: ExportProgress[] = [];
    const progress = createProgressTracker(clock, (p) => seen.push(p));
    progress.begin('copy', 10_000_000, 2);
    for (let i = 0; i < 10; i += 1) {
      progress.add(100_000, 'a.zip');
      await clock.advance(50);
    }
    progress.fileDone();
    progress.flush();
    // begin + one every 200 ms over 500 ms + the flush
    expect(seen.length).toBeLessThanOrEqual(5);
    expect(seen[0]).toMatchObject({ phase: 'copy', bytesDone: 0, bytesTotal: 10_000_000, file: null });
    expect(seen.at(-1)).toMatchObject({ bytesDone: 1_000_000, filesDone: 1, file: null });
    progress.begin('readBack', 1_000_000, 1);
    expect(seen.at(-1)).toMatchObject({ phase: 'readBack', bytesDone: 0 });
  });

  test('speed, ETA and the phase average follow the bytes moved per clock time', async () => {
    const clock = new ManualClock();
    let last: ExportProgress | undefined;
    const progress = createProgressTracker(clock, (p) => (last = p));
    progress.begin('copy', 8 * 1024 * 1024, 1);
    for (let i = 0; i < 4; i += 1) {
      await clock.advance(1000);
      progress.add(1024 * 1024, 'a.zip');
    }
    expect(last?.speed).toBe(1024 * 1024);
    expect(last?.etaMs).toBe(4000);
    progress.flush();
    expect(progress.averageSpeed('copy')).toBe(1024 * 1024);
    expect(progress.averageSpeed('readBack')).toBeNull();
  });
});
