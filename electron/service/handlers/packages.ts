// Package handlers: verify a job's package or a package from the history, open a job's folder or
// report (paths resolved here from the job, never taken from the UI: E1, E5; in browser mode the
// folder is shown and the report served as a page instead), list the history.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { appError } from '../../shared/app-error.js';
import type { PackageCheck } from '../../shared/ipc-contract.js';
import { REPORT_FILE } from '../../shared/manifest.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { invalidRequest, unknownJob, type ServiceContext } from '../context.js';
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
    if (!entry) return unknownJob();
    const { folder } = entry.snapshot;
    return folder ? ok(folder) : invalidRequest('This job has no package folder yet.');
  };

  const verify = (dir: string): Promise<Result<PackageCheck>> => checkFolder(ctx, dir);

  const { shell } = ctx.deps;
  /** Opened by the system; '' is Electron's word for success. */
  const open = async (path: string): Promise<Result<{ readonly how: 'opened' }>> => {
    const problem = (await shell.openPath?.(path)) ?? 'nothing on this computer can open it.';
    if (problem === '') return ok({ how: 'opened' });
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
      if (!folder.ok) return folder;
      // Nothing here can open a folder on the user's screen (browser mode): show where it is instead.
      return shell.openPath ? open(folder.value) : ok({ how: 'showPath', path: folder.value });
    },

    async openJobReport({ jobId }) {
      const folder = jobFolder(jobId);
      if (!folder.ok) return folder;
      const report = join(folder.value, REPORT_FILE);
      const exists = await stat(report).then(
        (info) => info.isFile(),
        () => false,
      );
      if (!exists) return invalidRequest('This job has no report yet: it is written once the job is staged.');
      if (shell.openPath) return open(report);
      if (shell.reportPage) return ok({ how: 'newTab', url: shell.reportPage(report) });
      return invalidRequest(`Courier cannot open the report here. It is the file "${report}".`);
    },

    listHistory: async () => listPackages(ctx.stagingRoot()),
  };
}
