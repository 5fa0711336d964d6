// Turns byte counts into throttled ExportProgress reports (speed, ETA) for one export run. No I/O.
import type { Clock } from '../clock.js';
import { createSpeedMeter, type SpeedMeter } from '../speed-meter.js';
import type { ExportPhase, ExportProgress } from './export-types.js';

/** As for downloads: at most 5 progress events a second, phase changes at once. */
const MIN_GAP_MS = 200;

export interface ProgressTracker {
  /** Starts a phase and reports it at once. */
  begin(phase: ExportPhase, bytesTotal: number, filesTotal: number): void;
  /** `bytes` more of `file` done; reported when the last report is old enough. */
  add(bytes: number, file: string): void;
  fileDone(): void;
  /** Reports the phase's state now (its end), whatever the throttle says. */
  flush(): void;
  /** Average bytes per second of a finished phase, null when nothing moved or no time passed. */
  averageSpeed(phase: ExportPhase): number | null;
}

export function createProgressTracker(
  clock: Clock,
  onProgress: ((progress: ExportProgress) => void) | undefined,
): ProgressTracker {
  let phase: ExportPhase = 'verifySource';
  let bytesDone = 0;
  let bytesTotal = 0;
  let filesDone = 0;
  let filesTotal = 0;
  let file: string | null = null;
  let meter: SpeedMeter = createSpeedMeter(clock);
  let lastReport = -Infinity;
  let startedAt = clock.now();
  const averages = new Map<ExportPhase, number | null>();

  const report = () => {
    lastReport = clock.now();
    const speed = meter.speed();
    onProgress?.({
      phase,
      file,
      bytesDone,
      bytesTotal,
      filesDone,
      filesTotal,
      speed,
      etaMs: meter.etaMs(bytesTotal - bytesDone),
    });
  };
  const close = () => {
    const elapsed = clock.now() - startedAt;
    averages.set(phase, bytesDone > 0 && elapsed > 0 ? Math.round((bytesDone * 1000) / elapsed) : null);
  };

  return {
    begin(next, total, files) {
      phase = next;
      bytesDone = 0;
      bytesTotal = total;
      filesDone = 0;
      filesTotal = files;
      file = null;
      meter = createSpeedMeter(clock);
      meter.update(0);
      startedAt = clock.now();
      report();
    },
    add(bytes, name) {
      bytesDone += bytes;
      file = name;
      meter.update(bytesDone);
      if (clock.now() - lastReport >= MIN_GAP_MS) report();
    },
    fileDone() {
      filesDone += 1;
    },
    flush() {
      close();
      file = null;
      report();
    },
    averageSpeed: (which) => averages.get(which) ?? null,
  };
}
