// Export handlers: copy a staged job's package (or a History package) to a folder picked in main,
// and stop a copy. Sources are resolved here from the job or the History id, targets from the
// picker: the UI hands over ids only (E1).
import { basename, dirname, join } from 'node:path';
import { appError } from '../../shared/app-error.js';
import { MAX_PROGRESS_EVENTS_PER_SECOND, type ExportSummary } from '../../shared/ipc-contract.js';
import { PACKAGE_STATE_TEXT } from '../../shared/package-verdict.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { exportPackage, type ExportResult } from '../../engine/index.js';
import { invalidRequest, unknownJob, type ServiceContext } from '../context.js';
import type { ExportBook } from '../export-book.js';
import { createExportReporter } from '../export-progress.js';
import { pickFolder } from '../folder-pick.js';
import { packageFolder, readSummary } from '../package-history.js';
import type { InvokeHandlers } from '../types.js';

type ExportHandlers = Pick<InvokeHandlers, 'exportJob' | 'exportPackage' | 'cancelExport'>;

export function toSummary(r: ExportResult, packageId: string): ExportSummary {
  const copied = r.files.filter((f) => f.how === 'copied').length;
  return {
    catalogId: r.catalogId,
    packageId,
    targetFolder: r.folder,
    files: r.files.map(({ file, itemKey, size, sha256, how }) => ({ file, itemKey, size, sha256, how })),
    filesCopied: copied,
    filesReused: r.files.length - copied,
    bytesTotal: r.bytesTotal,
    bytesCopied: r.bytesCopied,
    verified: r.verified,
    packageState: r.packageState,
    readBackMayBeCached: r.readBackMayBeCached,
    fileSystem: r.fileSystem.type,
  };
}

/**
 * A package its manifest already says is not verified is refused before the picker opens, unless the
 * user accepted it for this request: nobody should choose a drive for a copy that will not happen.
 * The engine applies the same rule again (and refuses changed or missing files) when it copies.
 */
async function refusedBeforePicking(source: string, accepted: boolean): Promise<Result<never> | null> {
  if (accepted) return null;
  const summary = await readSummary(dirname(source), basename(source));
  if (!summary || summary.state === 'verified') return null;
  const { label, meaning } = PACKAGE_STATE_TEXT[summary.state];
  return fail(
    appError({
      code: 'CLIENT.unverified',
      message: `This package is marked "${label}": ${meaning} It is copied only when you accept that.`,
      retryable: false,
      detail: { packageState: summary.state },
    }),
  );
}

/**
 * The key to put on the drive as cosign.pub: the engine's (in demo mode, the demo server's), else the
 * stored one. The export writes it only if the package's manifest records that key.
 */
async function signingKeyPem(ctx: ServiceContext): Promise<string | undefined> {
  const engine = await ctx.slot.get();
  return engine.ok ? engine.value.publicKeyPem : ctx.settings().publicKey?.pem;
}

export function exportHandlers(ctx: ServiceContext, book: ExportBook): ExportHandlers {
  /** One export of `source`, from reserving it through the picker to the read-back. */
  const run = async (
    source: string,
    jobId: string | null,
    acceptUnverified: boolean,
  ): Promise<Result<ExportSummary | null>> => {
    const packageId = basename(source);
    // Reserved before anything is awaited, so two quick requests can never both pass.
    const entry = book.reserve(source, jobId, packageId);
    if (!entry)
      return invalidRequest(
        'This package is already being copied. Wait for that copy to finish, or stop it first.',
      );
    try {
      const refused = await refusedBeforePicking(source, acceptUnverified);
      if (refused) return refused;
      const picked = await pickFolder(ctx.deps, 'exportTarget');
      // Stopped while the picker was open: as if the picker had been cancelled.
      if (!picked.ok || picked.value === null || entry.controller.signal.aborted)
        return picked.ok ? ok(null) : picked;
      const targetRoot = picked.value;
      const reporter = createExportReporter({
        clock: ctx.deps.clock,
        perSecond: MAX_PROGRESS_EVENTS_PER_SECOND,
        base: { jobId, packageId, targetFolder: join(targetRoot, packageId) },
        emit: (payload) => ctx.push({ event: 'exportProgress', payload }),
      });
      try {
        const publicKeyPem = await signingKeyPem(ctx);
        const result = await exportPackage({
          source,
          targetRoot,
          clock: ctx.deps.clock,
          signal: entry.controller.signal,
          acceptUnverified,
          ...(publicKeyPem !== undefined ? { publicKeyPem } : {}),
          onProgress: (p) => reporter.progress(p),
        });
        if (!result.ok) {
          reporter.failed(result.error);
          return result;
        }
        reporter.done(result.value.bytesTotal);
        ctx.deps.log?.('info', `exported ${result.value.catalogId} to ${result.value.folder}`);
        return ok(toSummary(result.value, packageId));
      } catch (error) {
        // The invoke wrapper turns this into CLIENT.internal; the panel must not stay "copying" meanwhile.
        reporter.failed(
          appError({ code: 'CLIENT.internal', message: 'The copy stopped unexpectedly.', retryable: true }),
        );
        throw error;
      }
    } finally {
      book.release(entry);
    }
  };

  return {
    async exportJob({ jobId, acceptUnverified = false }) {
      const entry = ctx.jobs.get(jobId);
      if (!entry) return unknownJob();
      const { phase, folder } = entry.snapshot;
      if (phase !== 'staged' || !folder)
        return invalidRequest(
          'Only a staged package can be copied to a drive. Wait until this delivery is staged.',
        );
      return run(folder, jobId, acceptUnverified);
    },

    async exportPackage({ packageId, acceptUnverified = false }) {
      const folder = await packageFolder(ctx.stagingRoot(), packageId);
      return folder.ok ? run(folder.value, null, acceptUnverified) : folder;
    },

    async cancelExport(request) {
      // Idempotent: a stop that races the end of the copy is not an error to show.
      book.cancel(request);
      return ok(undefined);
    },
  };
}
