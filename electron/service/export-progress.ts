// Turns one export's engine progress into the UI's exportProgress events: the engine's phases in
// the UI's words, at most MAX_PROGRESS_EVENTS_PER_SECOND, phase changes and the end at once, the last
// progress never lost.
import type { AppError } from '../shared/app-error.js';
import type { ExportPhase, ExportProgressEvent } from '../shared/ipc-contract.js';
import type { Clock, ExportProgress } from '../engine/index.js';

export interface ExportReporter {
  progress(p: ExportProgress): void;
  done(bytesTotal: number): void;
  failed(error: AppError): void;
}

/** Checking the package and checking the drive are one step to a technician: "checking". */
const PHASE: Readonly<Record<ExportProgress['phase'], ExportPhase>> = {
  verifySource: 'preflight',
  checkTarget: 'preflight',
  copy: 'copy',
  readBack: 'readBack',
};

export function createExportReporter(options: {
  readonly clock: Clock;
  readonly perSecond: number;
  readonly base: Pick<ExportProgressEvent, 'jobId' | 'packageId' | 'targetFolder'>;
  readonly emit: (event: ExportProgressEvent) => void;
}): ExportReporter {
  const { clock, base, emit } = options;
  const intervalMs = 1000 / options.perSecond;
  let last: ExportProgressEvent | undefined;
  let lastAt = Number.NEGATIVE_INFINITY;
  let pending: ExportProgressEvent | undefined;
  let cancelTimer: (() => void) | undefined;
  let ended = false;

  const send = (event: ExportProgressEvent) => {
    cancelTimer?.();
    cancelTimer = undefined;
    pending = undefined;
    last = event;
    lastAt = clock.now();
    emit(event);
  };

  const end = (event: ExportProgressEvent) => {
    if (ended) return;
    ended = true;
    send(event); // supersedes any pending progress
  };

  return {
    progress(p) {
      if (ended) return;
      const event: ExportProgressEvent = {
        ...base,
        phase: PHASE[p.phase],
        bytesDone: p.bytesDone,
        bytesTotal: p.bytesTotal,
        speed: p.speed,
        etaMs: p.etaMs,
        error: null,
      };
      const sinceLast = clock.now() - lastAt;
      if (event.phase !== last?.phase || sinceLast >= intervalMs) return send(event);
      pending = event;
      cancelTimer ??= clock.setTimer(intervalMs - sinceLast, () => {
        cancelTimer = undefined;
        if (pending) send(pending);
      });
    },
    done(bytesTotal) {
      end({ ...base, phase: 'done', bytesDone: bytesTotal, bytesTotal, speed: 0, etaMs: 0, error: null });
    },
    failed(error) {
      const at = pending ?? last;
      end({
        ...base,
        phase: 'failed',
        bytesDone: at?.bytesDone ?? 0,
        bytesTotal: at?.bytesTotal ?? 0,
        speed: 0,
        etaMs: null,
        error,
      });
    },
  };
}
