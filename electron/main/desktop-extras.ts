// Desktop niceties driven by the service's push events: taskbar/dock progress, a notification when
// a job is staged or fails, and no system sleep while downloading.
import type { BrowserWindow, Notification, PowerSaveBlocker } from 'electron';
import { isActiveJob } from '../shared/job-phases.js';
import type { JobSnapshot } from '../shared/snapshots.js';
import type { CourierService } from '../service/index.js';

export interface ExtrasDeps {
  readonly service: CourierService;
  readonly window: Pick<BrowserWindow, 'setProgressBar' | 'isDestroyed'>;
  readonly notify: (options: { title: string; body: string }) => void;
  readonly powerSaveBlocker: Pick<PowerSaveBlocker, 'start' | 'stop'>;
}

export const electronNotifier =
  (NotificationClass: typeof Notification) =>
  (options: { title: string; body: string }): void => {
    if (NotificationClass.isSupported()) new NotificationClass({ ...options, silent: false }).show();
  };

export function attachDesktopExtras(deps: ExtrasDeps): () => void {
  const jobs = new Map<string, JobSnapshot>();
  let blocker: number | undefined;

  const refresh = () => {
    const busy = [...jobs.values()].filter(isActiveJob);
    if (busy.length > 0 && blocker === undefined)
      blocker = deps.powerSaveBlocker.start('prevent-app-suspension');
    if (busy.length === 0 && blocker !== undefined) {
      deps.powerSaveBlocker.stop(blocker);
      blocker = undefined;
    }
    if (deps.window.isDestroyed()) return;
    const total = busy.reduce((sum, job) => sum + (job.bytesTotal ?? 0), 0);
    const done = busy.reduce((sum, job) => sum + job.bytesDone, 0);
    if (busy.length === 0) deps.window.setProgressBar(-1);
    else if (total === 0 || busy.some((job) => job.bytesTotal === null))
      deps.window.setProgressBar(2, { mode: 'indeterminate' });
    else deps.window.setProgressBar(Math.min(1, done / total));
  };

  const unsubscribe = deps.service.subscribe((message) => {
    if (message.event === 'jobRemoved') jobs.delete(message.payload.jobId);
    if (message.event === 'job') {
      const job = message.payload;
      const before = jobs.get(job.jobId)?.phase;
      jobs.set(job.jobId, job);
      if (before !== undefined && before !== job.phase) {
        if (job.phase === 'staged')
          deps.notify({
            title: job.verified ? 'Package staged and verified' : 'Package staged',
            body: job.catalogId,
          });
        if (job.phase === 'failed')
          deps.notify({
            title: 'Delivery failed',
            body: `${job.catalogId}: ${job.error?.message ?? ''}`.trim(),
          });
      }
    }
    if (message.event === 'job' || message.event === 'jobRemoved') refresh();
  });
  return () => {
    unsubscribe();
    if (blocker !== undefined) deps.powerSaveBlocker.stop(blocker);
    blocker = undefined;
  };
}
