// Stages a release's dependencies before the release, leaf first, each as its own job in its own
// folder; the first one that does not stage stops the rest and fails the parent, naming it. Jobs are
// started through an injected runner.
import { basename } from 'node:path';
import { appError, type AppError } from '../../shared/app-error.js';
import type { ManifestDependency } from '../../shared/manifest.js';
import { fail, ok, type Result } from '../../shared/result.js';
import type { JobSnapshot } from '../../shared/snapshots.js';
import { dependencyOrder, type ComponentLookup } from './dependency-order.js';

export interface DependencyStager {
  readonly lookup: ComponentLookup;
  /**
   * Starts (or joins) the job for `catalogId`, whose manifest lists `listed`, and resolves with its
   * snapshot when that run ends. An abort of `signal` pauses it.
   */
  readonly run: (
    catalogId: string,
    listed: readonly ManifestDependency[],
    signal: AbortSignal,
  ) => Promise<Result<JobSnapshot>>;
}

function notStaged(parent: string, job: JobSnapshot): AppError {
  const cause = job.error;
  const why = cause ? cause.message : `it ended ${job.phase}`;
  return appError({
    code: cause?.code ?? (job.phase === 'failed' ? 'CLIENT.badResponse' : 'CLIENT.cancelled'),
    message: `Dependency ${job.catalogId} of ${parent} could not be staged, so ${parent} was not staged: ${why}`,
    retryable: cause?.retryable ?? true,
    detail: { dependency: job.catalogId, ...(job.folder ? { folder: job.folder } : {}) },
  });
}

/** The dependencies of `parent` as its manifest lists them, leaf first, once all are staged. */
export async function stageDependencies(
  parent: string,
  stager: DependencyStager,
  signal: AbortSignal,
): Promise<Result<ManifestDependency[]>> {
  const order = await dependencyOrder(parent, stager.lookup);
  if (!order.ok) return order;
  const folders = new Map<string, string>();
  // Every id in a closure was staged earlier in the order, so its folder is known.
  const listed = (ids: readonly string[]) => ids.map((id) => ({ catalogId: id, folder: folders.get(id)! }));
  for (const release of order.value.slice(0, -1)) {
    if (signal.aborted) {
      return fail(
        appError({ code: 'CLIENT.cancelled', message: `Staging ${parent} was stopped.`, retryable: true }),
      );
    }
    const ran = await stager.run(release.catalogId, listed(release.closure), signal);
    if (!ran.ok)
      return fail(
        appError({ ...ran.error, message: `Dependency ${release.catalogId}: ${ran.error.message}` }),
      );
    const job = ran.value;
    if (job.phase !== 'staged' || job.folder === null) return fail(notStaged(parent, job));
    folders.set(release.catalogId, basename(job.folder));
  }
  return ok(listed(order.value.at(-1)!.closure));
}
