// The store over a fake bridge: subscribe before loading, apply pushes, forget removed jobs for
// good, and carry job actions and their errors. Selectors give stable derived numbers.
import { describe, expect, it } from 'vitest';
import { appError } from '../../../../electron/shared/app-error.js';
import { fail, ok } from '../../../../electron/shared/result.js';
import {
  countItems,
  jobActions,
  jobPercent,
  selectActiveCount,
} from '../../../../renderer/store/selectors.js';
import { connectStore, createCourierStore } from '../../../../renderer/store/store.js';
import { createFakeBridge } from '../../../support/renderer-fake-bridge.js';
import { makeItem, makeJob, makeSettings } from '../../../support/renderer-fixtures.js';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('connectStore', () => {
  it('subscribes to every push event before asking for snapshots', async () => {
    const fake = createFakeBridge();
    const store = createCourierStore(fake.bridge);
    connectStore(store, fake.bridge);
    const firstInvoke = fake.calls.findIndex((call) => call.kind === 'invoke');
    const subscribes = fake.calls.filter((call) => call.kind === 'subscribe').map((call) => call.event);
    expect(subscribes.sort()).toEqual(['exportProgress', 'job', 'jobRemoved', 'notice', 'settings']);
    expect(fake.calls.slice(0, firstInvoke).every((call) => call.kind === 'subscribe')).toBe(true);
    await flush();
    expect(store.getState().settings?.deviceId).toBe('TECH-LAPTOP-07');
    expect(store.getState().jobsLoaded).toBe(true);
  });

  it('keeps a push that overtook the listJobs answer', async () => {
    const fake = createFakeBridge();
    const stale = makeJob({ phase: 'downloading', updatedAt: '2026-07-02T08:00:01.000Z' });
    const fresh = {
      ...stale,
      phase: 'staged' as const,
      verified: true,
      updatedAt: '2026-07-02T08:00:09.000Z',
    };
    let answer: (value: unknown) => void = () => undefined;
    fake.respond('listJobs', () => new Promise((resolve) => (answer = () => resolve(ok([stale])))));
    const store = createCourierStore(fake.bridge);
    connectStore(store, fake.bridge);
    fake.emit('job', fresh);
    answer(undefined);
    await flush();
    expect(store.getState().jobs[stale.jobId]?.phase).toBe('staged');
  });

  it('applies settings, notices and removals pushed by the service; unsubscribes on cleanup', async () => {
    const fake = createFakeBridge();
    const store = createCourierStore(fake.bridge);
    const disconnect = connectStore(store, fake.bridge);
    await flush();
    const job = makeJob();
    fake.emit('job', job);
    fake.emit('settings', makeSettings({ mode: 'server', apiUrl: 'https://getapp.example.org/api' }));
    fake.emit('notice', { level: 'warn', message: 'Disk almost full' });
    expect(store.getState().settings?.mode).toBe('server');
    expect(store.getState().notices.map((n) => n.message)).toEqual(['Disk almost full']);
    fake.emit('jobRemoved', { jobId: job.jobId });
    fake.emit('job', { ...job, updatedAt: '2026-07-02T09:00:00.000Z' });
    expect(store.getState().jobs[job.jobId]).toBeUndefined();
    expect(store.getState().jobOrder).toEqual([]);
    disconnect();
    expect(fake.listenerCount('job')).toBe(0);
  });
});

describe('settings changes', () => {
  it('go to the service one at a time, so two quick choices end on the later one', async () => {
    const fake = createFakeBridge();
    const answers: (() => void)[] = [];
    // The service answers each change only when the test says so, the first one last.
    fake.respond(
      'updateSettings',
      (update) =>
        new Promise((resolve) => answers.push(() => resolve(ok(makeSettings({ theme: update.theme }))))),
    );
    const store = createCourierStore(fake.bridge);
    const light = store.getState().updateSettings({ theme: 'light' });
    const dark = store.getState().updateSettings({ theme: 'dark' });
    await flush();
    expect(fake.requests('updateSettings')).toEqual([{ theme: 'light' }]);
    answers[0]?.();
    await light;
    await flush();
    expect(fake.requests('updateSettings')).toEqual([{ theme: 'light' }, { theme: 'dark' }]);
    answers[1]?.();
    await dark;
    expect(store.getState().settings?.theme).toBe('dark');
  });
});

describe('job actions', () => {
  it('pauses through the bridge and applies the answer', async () => {
    const fake = createFakeBridge();
    const store = createCourierStore(fake.bridge);
    const job = makeJob();
    store.getState().applyJob(job);
    fake.respond('pauseJob', () => ok({ ...job, phase: 'paused', updatedAt: '2026-07-02T08:00:05.000Z' }));
    await store.getState().runJobAction(job.jobId, 'pause');
    expect(fake.requests('pauseJob')).toEqual([{ jobId: job.jobId }]);
    expect(store.getState().jobs[job.jobId]?.phase).toBe('paused');
    expect(store.getState().busy[job.jobId]).toBeUndefined();
  });

  it('keeps the error of a refused action for that job', async () => {
    const fake = createFakeBridge();
    const store = createCourierStore(fake.bridge);
    const job = makeJob({ phase: 'failed' });
    store.getState().applyJob(job);
    const error = appError({ code: 'CLIENT.locked', message: 'locked', retryable: true });
    fake.respond('retryJob', () => fail(error));
    await store.getState().runJobAction(job.jobId, 'retry');
    expect(store.getState().actionErrors[job.jobId]).toEqual(error);
  });

  it('removes a job and leaves its detail view', async () => {
    const fake = createFakeBridge();
    const store = createCourierStore(fake.bridge);
    const job = makeJob({ phase: 'staged' });
    store.getState().applyJob(job);
    store.getState().openJob(job.jobId);
    fake.respond('removeJob', () => ok([]));
    await store.getState().runJobAction(job.jobId, 'remove');
    expect(store.getState().jobOrder).toEqual([]);
    expect(store.getState().view).toBe('jobs');
  });

  it('records verify-again results per job', async () => {
    const fake = createFakeBridge();
    const store = createCourierStore(fake.bridge);
    const job = makeJob({ phase: 'staged' });
    const check = {
      state: 'verified' as const,
      catalogId: job.catalogId,
      files: [],
      extra: [],
      signaturesChecked: true,
    };
    fake.respond('verifyJob', () => ok(check));
    await store.getState().runJobAction(job.jobId, 'verify');
    const outcome = store.getState().jobChecks[job.jobId];
    expect(outcome?.state === 'done' && outcome.check).toEqual(check);
  });
});

describe('selectors', () => {
  it('count outcomes once per items array and name the allowed actions', () => {
    const items = [
      makeItem({ itemKey: 'a', outcome: 'verified' }),
      makeItem({ itemKey: 'b', outcome: 'failed' }),
      makeItem({ itemKey: 'c', outcome: 'notDownloadable' }),
      makeItem({ itemKey: 'd' }),
    ];
    const counts = countItems(items);
    expect(counts).toMatchObject({ total: 4, verified: 1, failed: 1, notDownloadable: 1, inProgress: 1 });
    expect(countItems(items)).toBe(counts);
    expect(jobActions(makeJob({ phase: 'paused' }))).toEqual(['resume', 'cancel']);
    expect(jobActions(makeJob({ phase: 'failed' }))).toEqual(['retry', 'remove']);
    expect(jobPercent(makeJob({ phase: 'preparing', serverProgress: 40 }))).toBe(40);
    expect(jobPercent(makeJob({ bytesDone: 6, bytesTotal: 12 }))).toBe(50);
  });

  it('counts running deliveries', () => {
    const store = createCourierStore(createFakeBridge().bridge);
    store.getState().applyJobs([makeJob(), makeJob({ phase: 'preparing' }), makeJob({ phase: 'staged' })]);
    expect(selectActiveCount(store.getState())).toBe(2);
  });
});
