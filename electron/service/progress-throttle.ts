// Throttles job snapshots where the UI's events are produced: at most MAX_PROGRESS_EVENTS_PER_SECOND
// per job for byte progress, while phase changes (job or item) go out at once (E9). The last
// snapshot is never lost: it goes out when its slot comes.
import type { JobSnapshot } from '../shared/snapshots.js';
import type { Clock } from '../engine/index.js';

export interface ProgressThrottle {
  push(job: JobSnapshot): void;
  /** Drops a pending snapshot of a job that left the list. */
  forget(jobId: string): void;
  close(): void;
}

interface JobSlot {
  lastAt: number;
  lastKey: string;
  pending: JobSnapshot | undefined;
  cancelTimer: (() => void) | undefined;
}

/** What makes a snapshot a "phase change" rather than progress: anything but counters moved. */
function phaseKey(job: JobSnapshot): string {
  const items = job.items.map((i) => `${i.phase}:${i.outcome ?? ''}:${i.error?.code ?? ''}`).join(',');
  return `${job.phase}|${job.serverStatus ?? ''}|${job.error?.code ?? ''}|${job.folder ?? ''}|${items}`;
}

export function createProgressThrottle(options: {
  readonly clock: Clock;
  readonly perSecond: number;
  readonly emit: (job: JobSnapshot) => void;
}): ProgressThrottle {
  const { clock, emit } = options;
  const intervalMs = 1000 / options.perSecond;
  const slots = new Map<string, JobSlot>();

  const send = (slot: JobSlot, job: JobSnapshot, key: string) => {
    slot.cancelTimer?.();
    slot.cancelTimer = undefined;
    slot.pending = undefined;
    slot.lastAt = clock.now();
    slot.lastKey = key;
    emit(job);
  };

  return {
    push(job) {
      const key = phaseKey(job);
      const slot = slots.get(job.jobId);
      if (!slot) {
        const fresh: JobSlot = { lastAt: 0, lastKey: key, pending: undefined, cancelTimer: undefined };
        slots.set(job.jobId, fresh);
        return send(fresh, job, key);
      }
      const sinceLast = clock.now() - slot.lastAt;
      if (key !== slot.lastKey || sinceLast >= intervalMs) return send(slot, job, key);
      slot.pending = job;
      slot.cancelTimer ??= clock.setTimer(intervalMs - sinceLast, () => {
        slot.cancelTimer = undefined;
        if (slot.pending) send(slot, slot.pending, phaseKey(slot.pending));
      });
    },
    forget(jobId) {
      slots.get(jobId)?.cancelTimer?.();
      slots.delete(jobId);
    },
    close() {
      for (const slot of slots.values()) slot.cancelTimer?.();
      slots.clear();
    },
  };
}
