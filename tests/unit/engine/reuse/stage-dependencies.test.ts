// Staging dependencies before their parent: jobs run leaf first, each lists what it depends on, and
// the first dependency that does not stage stops the rest and is named in the parent's error.
import { describe, expect, test } from 'vitest';
import { appError } from '../../../../electron/shared/app-error.js';
import type { ManifestDependency } from '../../../../electron/shared/manifest.js';
import { ok } from '../../../../electron/shared/result.js';
import type { JobPhase, JobSnapshot } from '../../../../electron/shared/snapshots.js';
import { stageDependencies } from '../../../../electron/engine/reuse/stage-dependencies.js';

const GRAPH: Record<string, string[]> = { app: ['lib', 'tool'], lib: ['base'], tool: ['base'], base: [] };

function job(catalogId: string, phase: JobPhase, error: JobSnapshot['error'] = null): JobSnapshot {
  return { catalogId, phase, error, folder: `/root/${catalogId}-folder` } as unknown as JobSnapshot;
}

function stager(outcome: (id: string) => JobSnapshot = (id) => job(id, 'staged')) {
  const runs: { id: string; listed: readonly ManifestDependency[] }[] = [];
  return {
    runs,
    lookup: async (id: string) => ok({ id, dependencies: GRAPH[id]!.map((d) => ({ id: d })) }),
    run: async (id: string, listed: readonly ManifestDependency[]) => {
      runs.push({ id, listed });
      return ok(outcome(id));
    },
  };
}

describe('stageDependencies', () => {
  test('runs each dependency once, leaf first, and lists folders by name, leaf first', async () => {
    const s = stager();
    const listed = await stageDependencies('app', s, new AbortController().signal);
    expect(s.runs.map((r) => r.id)).toEqual(['base', 'lib', 'tool']);
    expect(s.runs[1]!.listed).toEqual([{ catalogId: 'base', folder: 'base-folder' }]);
    expect(listed).toEqual(
      ok([
        { catalogId: 'base', folder: 'base-folder' },
        { catalogId: 'lib', folder: 'lib-folder' },
        { catalogId: 'tool', folder: 'tool-folder' },
      ]),
    );
  });

  test('a failed dependency fails the parent with its code, naming it, and stops the rest', async () => {
    const cause = appError({ code: 'CLIENT.hashMismatch', message: 'bytes differ', retryable: true });
    const s = stager((id) => (id === 'lib' ? job(id, 'failed', cause) : job(id, 'staged')));
    const result = await stageDependencies('app', s, new AbortController().signal);
    expect(s.runs.map((r) => r.id)).toEqual(['base', 'lib']);
    expect(!result.ok && result.error).toMatchObject({
      code: 'CLIENT.hashMismatch',
      detail: { dependency: 'lib' },
    });
    expect(!result.ok && result.error.message).toMatch(
      /^Dependency lib of app could not be staged.*bytes differ/,
    );
  });

  test('a dependency that was paused does not count as staged', async () => {
    const s = stager((id) => job(id, 'paused'));
    const result = await stageDependencies('app', s, new AbortController().signal);
    expect(!result.ok && result.error).toMatchObject({
      code: 'CLIENT.cancelled',
      detail: { dependency: 'base' },
    });
  });

  test('nothing starts once the parent was stopped', async () => {
    const s = stager();
    const controller = new AbortController();
    controller.abort();
    const result = await stageDependencies('app', s, controller.signal);
    expect(result.ok).toBe(false);
    expect(s.runs).toEqual([]);
  });
});
