// `courier fetch`: stages one or more deliveries, with live progress, and leaves verified packages
// under --out. Ctrl-C pauses (the journal keeps every byte); the same command resumes.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  createEngine,
  createStagingRoot,
  DEFAULT_OUT_FOLDER,
  ENGINE_DEFAULTS,
  type Engine,
} from '../../engine/index.js';
import { SETTINGS, SETTING_DEFAULTS } from '../../shared/settings-schema.js';
import type { JobSnapshot } from '../../shared/snapshots.js';
import { CONNECTION_HELP, CONNECTION_OPTIONS, openConnection, type Connection } from '../connection.js';
import { UsageError, usageMessage } from '../usage-error.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { exitCodeForJobs } from '../exit-status.js';
import { formatBytes, parseRate, parseSize } from '../format.js';
import { type CliIo, writeLine } from '../io.js';
import { ansiPaint, jobSummary, noPaint } from '../render/job-lines.js';
import { jsonView } from '../render/json-view.js';
import { plainView, terminalView, type View } from '../render/views.js';

export const FETCH_HELP = `courier fetch <catalogId...> [options]
  Prepares each delivery on the server, downloads and verifies every artifact, and stages a package
  folder per delivery under --out (manifest.json, SHA256SUMS, report.html).
  --out DIR                where packages go (default ./${DEFAULT_OUT_FOLDER}; DIR's parent must exist)
  --concurrency N          artifacts downloaded at once (default ${SETTING_DEFAULTS.concurrency})
  --limit-rate R           bandwidth limit for all downloads, e.g. 500K, 5M
  --stall-timeout S        a download that receives nothing for S seconds is cut and resumed
                           (default ${ENGINE_DEFAULTS.download.stallMs / 1000})
  --checkpoint SIZE        make downloads durable every SIZE, e.g. 1M (default ${ENGINE_DEFAULTS.download.checkpointBytes / 1024 ** 2}M): at most
                           this much is fetched again after a crash or a power cut
  --allow-unverified       stage files that nothing can vouch for, labelled UNVERIFIED
  --with-dependencies      stage each release's dependencies first, leaf first, each in its own folder
  --json                   NDJSON events, then one {"type":"result"} line
${CONNECTION_HELP}`;

/** The same limits as the desktop's "Parallel downloads" setting. */
const CONCURRENCY = SETTINGS.shape.concurrency.unwrap();

function paintFor(io: CliIo) {
  return io.env.NO_COLOR === undefined && io.stdout.isTTY ? ansiPaint() : noPaint;
}

/** Creates --out before any job starts (the engine never creates its root). */
async function ensureOut(dir: string): Promise<string> {
  const path = resolve(dir);
  const failed = await createStagingRoot(path);
  if (failed !== undefined)
    throw new UsageError(`cannot create the output folder ${path} (${failed}); its parent must exist`);
  return path;
}

export async function fetchCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let connection: Connection | undefined;
  let engine: Engine | undefined;
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: {
        ...CONNECTION_OPTIONS,
        out: { type: 'string', default: DEFAULT_OUT_FOLDER },
        concurrency: { type: 'string', default: String(SETTING_DEFAULTS.concurrency) },
        'limit-rate': { type: 'string' },
        'stall-timeout': { type: 'string' },
        checkpoint: { type: 'string' },
        'allow-unverified': { type: 'boolean', default: false },
        'with-dependencies': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
      allowPositionals: true,
    });
    if (positionals.length === 0)
      throw new UsageError('give at least one catalogId, e.g. courier fetch 1.field-nav@2.3.1');
    const concurrency = Number(values.concurrency);
    if (!CONCURRENCY.safeParse(concurrency).success)
      throw new UsageError(`--concurrency takes ${CONCURRENCY.minValue} to ${CONCURRENCY.maxValue}`);
    const rate = values['limit-rate'] === undefined ? undefined : parseRate(values['limit-rate']);
    if (values['limit-rate'] !== undefined && rate === undefined)
      throw new UsageError(`--limit-rate takes a rate like 500K or 5M, got "${values['limit-rate']}"`);
    const download = downloadTuning(values['stall-timeout'], values.checkpoint);
    const stagingRoot = await ensureOut(values.out);
    connection = await openConnection(values, {
      env: io.env,
      fromStdin: false,
      stdin: io.stdin,
      prompt: io.stderr,
    });
    if (connection.demo && !values.json)
      writeLine(io.stderr, `No --server given: using the built-in demo server (${connection.demo.apiUrl}).`);
    const created = createEngine({
      ...connection.config,
      stagingRoot,
      concurrency,
      allowUnverified: values['allow-unverified'],
      ...(rate !== undefined ? { bandwidthLimit: rate } : {}),
      download,
    });
    if (!created.ok) throw new UsageError(created.error.message);
    engine = created.value;
    return await runJobs(engine, positionals, io, {
      json: values.json,
      withDependencies: values['with-dependencies'],
    });
  } catch (error) {
    const message = usageMessage(error);
    if (message === undefined) throw error;
    writeLine(io.stderr, `courier fetch: ${message}`);
    return EXIT.usage;
  } finally {
    await engine?.close();
    await connection?.close();
  }
}

/** --stall-timeout and --checkpoint as engine settings (only those given). */
function downloadTuning(stallTimeout: string | undefined, checkpoint: string | undefined) {
  const tuning: { stallMs?: number; checkpointBytes?: number } = {};
  if (stallTimeout !== undefined) {
    const seconds = Number(stallTimeout);
    if (!Number.isFinite(seconds) || seconds < 1 || seconds > 3600)
      throw new UsageError(`--stall-timeout takes 1 to 3600 seconds, got "${stallTimeout}"`);
    tuning.stallMs = seconds * 1000;
  }
  if (checkpoint !== undefined) {
    const bytes = parseSize(checkpoint);
    if (bytes === undefined || bytes < 64 * 1024 || bytes > 1024 ** 3)
      throw new UsageError(`--checkpoint takes a size from 64K to 1G, like 1M or 8M, got "${checkpoint}"`);
    tuning.checkpointBytes = bytes;
  }
  return tuning;
}

/** Bytes taken from verified copies instead of the network, over every job of the command. */
function reusedBytes(jobs: readonly JobSnapshot[]): number {
  return jobs.reduce((sum, job) => sum + job.items.reduce((s, item) => s + item.reusedBytes, 0), 0);
}

/** How much a Ctrl-C kept: every byte on disk stays for the rerun. */
function pausedLine(jobs: readonly JobSnapshot[]): string {
  const paused = jobs.filter((job) => job.phase === 'paused');
  const kept = paused.reduce((sum, job) => sum + job.bytesDone, 0);
  const totals = paused.map((job) => job.bytesTotal);
  const total = totals.every((t) => t !== null) ? totals.reduce((a, b) => a! + b!, 0) : null;
  const amount = total ? `${formatBytes(kept)} of ${formatBytes(total)}` : formatBytes(kept);
  return `Paused with ${amount} kept. Run the same command again to resume from there.`;
}

/** What became of the status reports the server had not heard (it was unreachable when jobs ended). */
function reportLines(sent: number, waiting: number): string[] {
  const reports = (n: number) => `${n} status ${n === 1 ? 'report' : 'reports'}`;
  const lines: string[] = [];
  if (sent > 0) lines.push(`Sent ${reports(sent)} that earlier runs could not deliver.`);
  if (waiting > 0)
    lines.push(
      `${reports(waiting)} could not reach the server and wait in the staging folder; the next courier fetch (or the app) sends them.`,
    );
  return lines;
}

async function runJobs(
  engine: Engine,
  catalogIds: readonly string[],
  io: CliIo,
  options: { readonly json: boolean; readonly withDependencies: boolean },
): Promise<ExitCode> {
  const { json } = options;
  const paint = paintFor(io);
  const view: View = json
    ? jsonView(io.stdout)
    : io.stdout.isTTY
      ? terminalView(io.stdout, paint)
      : plainView(io.stdout, paint);
  const unsubscribe = engine.subscribe((event) => view.onEvent(event));
  // Reports earlier runs could not deliver go out alongside this one's jobs.
  const earlierReports = engine.sendPendingReports();
  const jobIds: string[] = [];
  for (const catalogId of catalogIds) {
    const started = engine.start(catalogId, undefined, { withDependencies: options.withDependencies });
    if (!started.ok) throw new UsageError(started.error.message);
    jobIds.push(started.value.jobId);
  }
  let interrupted = false;
  void io.stopRequested.then(() => {
    interrupted = true;
    for (const id of jobIds) engine.pause(id);
  });
  const roots: JobSnapshot[] = [];
  for (const id of jobIds) {
    const settled = await engine.settled(id);
    if (settled.ok) roots.push(settled.value);
  }
  const sentEarlier = interrupted ? 0 : (await earlierReports).sent;
  const reportsWaiting = await engine.reportsWaiting();
  unsubscribe();
  view.end();
  // Dependencies ran as jobs of their own, started leaf first: they are listed before their parents.
  const finals = [...engine.jobs().filter((job) => !jobIds.includes(job.jobId)), ...roots];
  const code = interrupted ? EXIT.interrupted : exitCodeForJobs(finals);
  const reused = reusedBytes(finals);
  if (json) {
    writeLine(
      io.stdout,
      JSON.stringify({
        type: 'result',
        exitCode: code,
        reusedBytes: reused,
        reportsSent: sentEarlier,
        reportsWaiting,
        jobs: finals,
      }),
    );
  } else {
    writeLine(io.stdout);
    for (const job of finals) for (const line of jobSummary(job, paint)) writeLine(io.stdout, line);
    if (reused > 0)
      writeLine(
        io.stdout,
        `Not downloaded again: ${formatBytes(reused)} were already on this disk, verified (this package or another).`,
      );
    for (const line of reportLines(sentEarlier, reportsWaiting)) writeLine(io.stdout, line);
    if (interrupted) writeLine(io.stdout, pausedLine(finals));
  }
  return code;
}
