// Folder fsyncs as a group commit (issue 9): files committed at once share flushes, yet no caller is
// told its rename is durable by an fsync that began before it asked.
import { describe, expect, it } from 'vitest';
import { fsyncDir } from '../../../../electron/engine/staging/file-io.js';
import type { StagingFs } from '../../../../electron/engine/staging/fs-adapter.js';

/** A file system whose folder fsyncs wait until the test lets each one finish. */
function gatedFs() {
  const syncs: { dir: string; finish: () => void; fail: (error: Error) => void }[] = [];
  const fs = {
    open: async (dir: string) => ({
      sync: () => new Promise<void>((finish, fail) => syncs.push({ dir, finish, fail })),
      close: async () => undefined,
    }),
  } as unknown as StagingFs;
  return { fs, syncs };
}

/** Lets every pending promise callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('fsyncDir', () => {
  it('callers during a flush share the next one; an fsync that began earlier answers none of them', async () => {
    const { fs, syncs } = gatedFs();
    const done: string[] = [];
    const track = (name: string, dir: string) => void fsyncDir(fs, dir).then(() => done.push(name));
    track('first', '/job');
    await settle();
    expect(syncs).toHaveLength(1);
    // Three renames while the first flush runs, and one in another folder.
    for (const name of ['second', 'third', 'fourth']) track(name, '/job');
    track('parts', '/job/parts');
    await settle();
    expect(syncs.map((s) => s.dir)).toEqual(['/job', '/job/parts']);
    syncs[0]!.finish();
    await settle();
    expect(done).toEqual(['first']);
    // The three share one flush, begun after they asked.
    expect(syncs.map((s) => s.dir)).toEqual(['/job', '/job/parts', '/job']);
    track('late', '/job');
    syncs[2]!.finish();
    await settle();
    expect(done).toEqual(['first', 'second', 'third', 'fourth']);
    // Asked while that flush ran: it gets one of its own.
    expect(syncs.map((s) => s.dir)).toEqual(['/job', '/job/parts', '/job', '/job']);
    syncs[3]!.finish();
    syncs[1]!.finish();
    await settle();
    expect(done).toEqual(['first', 'second', 'third', 'fourth', 'late', 'parts']);
  });

  it('a failed flush fails every caller that shared it, and the next caller tries again', async () => {
    const { fs, syncs } = gatedFs();
    const first = fsyncDir(fs, '/job');
    await settle();
    const shared = [fsyncDir(fs, '/job'), fsyncDir(fs, '/job')];
    syncs[0]!.finish();
    await first;
    await settle();
    syncs[1]!.fail(Object.assign(new Error('I/O error'), { code: 'EIO' }));
    const results = await Promise.allSettled(shared);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    const again = fsyncDir(fs, '/job');
    await settle();
    expect(syncs).toHaveLength(3);
    syncs[2]!.finish();
    await again;
  });
});
