// Package handlers: verify a job's package or a package from the history, open a job's folder or
// report (paths resolved here from the job, never taken from the UI: E1, E5), list the history.
// Imports shared/ and service siblings only.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { appError } from '../../shared/app-error.js';
import type { PackageCheck } from '../../shared/ipc-contract.js';
import { REPORT_FILE } from '../../shared/manifest.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { invalidRequest, type ServiceContext } from '../context.js';
import { checkFolder } from '../package-check.js';
import { listPackages, packageFolder } from '../package-history.js';
import type { InvokeHandlers } from '../types.js';

type PackageHandlers = Pick<
  InvokeHandlers,
  'verifyJob' | 'verifyPackage' | 'openJobFolder' | 'openJobReport' | 'listHistory'
>;

export function packageHandlers(ctx: ServiceContext): PackageHandlers {
  const jobFolder = (jobId: string): Result<string> => {
    const entry = ctx.jobs.get(jobId);
    if (!entry) return invalidRequest('This job is no longer in the list.');
    const { folder } = entry.snapshot;
    return folder ? ok(folder) : invalidRequest('This job has no package folder yet.');
  };

  const verify = (dir: string): Promise<Result<PackageCheck>> => checkFolder(ctx, dir);

  const open = async (path: string): Promise<Result<void>> => {
    const problem = await ctx.deps.shell.openPath(path);
    if (problem === '') return ok(undefined);
    return fail(
      appError({
        code: 'CLIENT.fileSystem',
        message: `Courier could not open "${path}": ${problem}`,
        retryable: false,
      }),
    );
  };

  return {
    async verifyJob({ jobId }) {
      const folder = jobFolder(jobId);
      return folder.ok ? verify(folder.value) : folder;
    },

    async verifyPackage({ packageId }) {
      const folder = await packageFolder(ctx.stagingRoot(), packageId);
      return folder.ok ? verify(folder.value) : folder;
    },

    async openJobFolder({ jobId }) {
      const folder = jobFolder(jobId);
      return folder.ok ? open(folder.value) : folder;
    },

    async openJobReport({ jobId }) {
      const folder = jobFolder(jobId);
      if (!folder.ok) return folder;
      const report = join(folder.value, REPORT_FILE);
      const exists = await stat(report).then(
        (info) => info.isFile(),
        () => false,
      );
      return exists
        ? open(report)
        : invalidRequest('This job has no report yet: it is written once the job is staged.');
    },

    listHistory: async () => listPackages(ctx.stagingRoot()),
  };
}
