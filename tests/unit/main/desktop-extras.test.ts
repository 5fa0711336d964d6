// Taskbar progress, notifications and sleep prevention follow the service's job events.
import { describe, expect, test, vi } from 'vitest';
import type { JobSnapshot } from '../../../electron/shared/snapshots.js';
import { stubService } from '../../support/web-host-client.js';

vi.mock('electron', async () => (await import('../../support/electron-mock.js')).electronModule());
const { attachDesktopExtras } = await import('../../../electron/main/desktop-extras.js');

const job = (phase: JobSnapshot['phase'], bytesDone: number, bytesTotal: number | null = 100) =>
  ({
    jobId: 'j',
    catalogId: 'cat@1',
    phase,
    bytesDone,
    bytesTotal,
    verified: phase === 'staged',
    error: null,
  }) as JobSnapshot;

describe('desktop extras', () => {
  test('progress bar, sleep blocker and a notification follow one job from download to staged', () => {
    const service = stubService();
    const window = { setProgressBar: vi.fn(), isDestroyed: () => false };
    const notify = vi.fn();
    const powerSaveBlocker = { start: vi.fn(() => 3), stop: vi.fn() };
    attachDesktopExtras({ service, window, notify, powerSaveBlocker });
    service.emit({ event: 'job', payload: job('downloading', 25) });
    expect(window.setProgressBar).toHaveBeenLastCalledWith(0.25);
    expect(powerSaveBlocker.start).toHaveBeenCalledWith('prevent-app-suspension');
    service.emit({ event: 'job', payload: job('downloading', 50, null) });
    expect(window.setProgressBar).toHaveBeenLastCalledWith(2, { mode: 'indeterminate' });
    expect(powerSaveBlocker.start).toHaveBeenCalledTimes(1);
    expect(notify).not.toHaveBeenCalled();
    service.emit({ event: 'job', payload: job('staged', 100) });
    expect(window.setProgressBar).toHaveBeenLastCalledWith(-1);
    expect(powerSaveBlocker.stop).toHaveBeenCalledWith(3);
    expect(notify).toHaveBeenCalledWith({ title: 'Package staged and verified', body: 'cat@1' });
  });

  test('a failure notifies once; a job first seen already finished does not', () => {
    const service = stubService();
    const notify = vi.fn();
    attachDesktopExtras({
      service,
      window: { setProgressBar: vi.fn(), isDestroyed: () => false },
      notify,
      powerSaveBlocker: { start: vi.fn(() => 1), stop: vi.fn() },
    });
    service.emit({ event: 'job', payload: { ...job('staged', 1), jobId: 'old' } });
    service.emit({ event: 'job', payload: job('preparing', 0) });
    service.emit({
      event: 'job',
      payload: { ...job('failed', 0), error: { code: 'CLIENT.network', message: 'down', retryable: true } },
    });
    service.emit({ event: 'job', payload: { ...job('failed', 0), error: null } });
    expect(notify).toHaveBeenCalledTimes(1);
    expect(notify).toHaveBeenCalledWith({ title: 'Delivery failed', body: 'cat@1: down' });
  });
});
