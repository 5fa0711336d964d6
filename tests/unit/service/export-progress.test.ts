// Export progress as the UI gets it: at most 5 events a second, phase changes and the end at once,
// the last progress never lost; and where the export folder comes from when no picker can open.
import { describe, expect, test } from 'vitest';
import type { ExportProgress } from '../../../electron/engine/index.js';
import { createExportReporter } from '../../../electron/service/export-progress.js';
import { pickFolder } from '../../../electron/service/folder-pick.js';
import { appError } from '../../../electron/shared/app-error.js';
import type { ExportProgressEvent } from '../../../electron/shared/ipc-contract.js';
import { SyncClock } from '../../support/service-sync-clock.js';

const base = { jobId: 'job-1', packageId: '1.field-nav@2.3.1', targetFolder: '/media/usb/1.field-nav@2.3.1' };

function reporter() {
  const clock = new SyncClock();
  const events: ExportProgressEvent[] = [];
  const r = createExportReporter({ clock, perSecond: 5, base, emit: (e) => events.push(e) });
  const at = (phase: ExportProgress['phase'], bytesDone: number, bytesTotal = 1000): ExportProgress => ({
    phase,
    file: 'a.bin',
    bytesDone,
    bytesTotal,
    filesDone: 0,
    filesTotal: 1,
    speed: 100,
    etaMs: 1000,
  });
  return { clock, events, r, at };
}

describe('createExportReporter', () => {
  test('a burst of progress within a second yields at most 5 events, the last value included', () => {
    const { clock, events, r, at } = reporter();
    for (let ms = 0; ms < 1000; ms += 10) {
      clock.advanceTo(ms);
      r.progress(at('copy', ms));
    }
    clock.advanceTo(1000);
    expect(events.length).toBeLessThanOrEqual(6); // 5 per second, plus the pending one at 1000 ms
    expect(events.filter((e) => e.phase === 'copy').at(-1)?.bytesDone).toBe(990);
    expect(events.every((e) => e.jobId === 'job-1' && e.targetFolder === base.targetFolder)).toBe(true);
  });

  test('phase changes go out at once, in the UI words; the engine pre-flight steps are one phase', () => {
    const { events, r, at } = reporter();
    r.progress(at('verifySource', 0));
    r.progress(at('verifySource', 500));
    r.progress(at('checkTarget', 0));
    r.progress(at('copy', 0));
    r.progress(at('readBack', 0));
    expect(events.map((e) => e.phase)).toEqual(['preflight', 'copy', 'readBack']);
  });

  test('the end goes out at once and supersedes pending progress; nothing follows it', () => {
    const { clock, events, r, at } = reporter();
    r.progress(at('readBack', 10));
    r.progress(at('readBack', 20)); // pending behind the throttle
    r.done(1000);
    clock.advanceTo(5000);
    r.progress(at('readBack', 30));
    expect(events.map((e) => [e.phase, e.bytesDone])).toEqual([
      ['readBack', 10],
      ['done', 1000],
    ]);
  });

  test('a failure carries its error and the bytes reached so far', () => {
    const { events, r, at } = reporter();
    r.progress(at('copy', 300));
    const error = appError({ code: 'CLIENT.cancelled', message: 'stopped', retryable: true });
    r.failed(error);
    expect(events.at(-1)).toMatchObject({ phase: 'failed', bytesDone: 300, speed: 0, etaMs: null, error });
  });
});

describe('pickFolder', () => {
  const noPicker = {
    unavailable: 'no pickers here',
    chooseFolder: async () => '/never',
    chooseFile: async () => undefined,
  };

  test('without native pickers: the configured default target, else a plain CLIENT.invalidRequest', async () => {
    expect(
      await pickFolder({ dialogs: noPicker, defaultExportTarget: '/srv/drive/' }, 'exportTarget'),
    ).toEqual({
      ok: true,
      value: '/srv/drive',
    });
    const refused = await pickFolder({ dialogs: noPicker }, 'exportTarget');
    expect(refused).toMatchObject({ ok: false, error: { code: 'CLIENT.invalidRequest' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/--export-target DIR/);
    const verify = await pickFolder({ dialogs: noPicker }, 'packageToVerify');
    expect(verify.ok).toBe(false);
  });

  test('with native pickers: the default target is ignored; a cancel is null, a relative answer refused', async () => {
    const dialogs = (answer: string | undefined) => ({
      chooseFolder: async () => answer,
      chooseFile: async () => undefined,
    });
    const deps = (answer: string | undefined) => ({
      dialogs: dialogs(answer),
      defaultExportTarget: '/srv/drive',
    });
    expect(await pickFolder(deps('/media/usb'), 'exportTarget')).toEqual({ ok: true, value: '/media/usb' });
    expect(await pickFolder(deps(undefined), 'exportTarget')).toEqual({ ok: true, value: null });
    expect((await pickFolder(deps('usb'), 'exportTarget')).ok).toBe(false);
  });
});
