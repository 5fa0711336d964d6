// `courier fetch`: stages one or more deliveries, with live progress, and leaves verified packages
// under --out. Ctrl-C pauses (the journal keeps every byte); the same command resumes.
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createEngine, type Engine } from '../../engine/index.js';
import type { JobSnapshot } from '../../shared/snapshots.js';
import {
  CONNECTION_HELP,
  CONNECTION_OPTIONS,
  openConnection,
  UsageError,
  usageMessage,
  type Connection,
} from '../connection.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { exitCodeForJobs } from '../exit-status.js';
import { parseRate } from '../format.js';
import { type CliIo, writeLine } from '../io.js';
import { ansiPaint, jobSummary, noPaint } from '../render/job-lines.js';
import { jsonView, plainView, terminalView, type View } from '../render/views.js';

export const FETCH_HELP = `courier fetch <catalogId...> [options]
  Prepares each delivery on the server, downloads and verifies every artifact, and stages a package
  folder per delivery under --out (manifest.json, SHA256SUMS, report.html).
  --out DIR                where packages go (default ./courier-packages; DIR's parent must exist)
  --concurrency N          artifacts downloaded at once (default 3)
  --limit-rate R           bandwidth limit for all downloads, e.g. 500K, 5M
  --allow-unverified       stage files that nothing can vouch for, labelled UNVERIFIED
  --with-dependencies      stage each release's dependencies first, leaf first, each in its own folder
  --json                   NDJSON events, then one {"type":"result"} line
${CONNECTION_HELP}`;

const DEFAULT_OUT = 'courier-packages';

function paintFor(io: CliIo) {
  return io.env.NO_COLOR === undefined && io.stdout.isTTY ? ansiPaint() : noPaint;
}

async function ensureOut(dir: string): Promise<string> {
  const path = resolve(dir);
  try {
    // One level only, before any job starts: never `mkdir -p` a staging root (fault catalogue F3).
    await mkdir(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST')
      throw new UsageError(
        `cannot create the output folder ${path} (${code ?? 'error'}); its parent must exist`,
      );
  }
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
        out: { type: 'string', default: DEFAULT_OUT },
        concurrency: { type: 'string', default: '3' },
        'limit-rate': { type: 'string' },
        'allow-unverified': { type: 'boolean', default: false },
        'with-dependencies': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
      allowPositionals: true,
    });
    if (positionals.length === 0)
      throw new UsageError('give at least one catalogId, e.g. courier fetch 1.field-nav@2.3.1');
    const concurrency = Number(values.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16)
      throw new UsageError('--concurrency takes 1 to 16');
    const rate = values['limit-rate'] === undefined ? undefined : parseRate(values['limit-rate']);
    if (values['limit-rate'] !== undefined && rate === undefined)
      throw new UsageError(`--limit-rate takes a rate like 500K or 5M, got "${values['limit-rate']}"`);
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

/** Bytes taken from verified copies instead of the network, over every job of the command. */
function reusedBytes(jobs: readonly JobSnapshot[]): number {
  return jobs.reduce((sum, job) => sum + job.items.reduce((s, item) => s + item.reusedBytes, 0), 0);
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
  unsubscribe();
  view.end();
  // Dependencies ran as jobs of their own, started leaf first: they are listed before their parents.
  const finals = [...engine.jobs().filter((job) => !jobIds.includes(job.jobId)), ...roots];
  const code = interrupted ? EXIT.interrupted : exitCodeForJobs(finals);
  const reused = reusedBytes(finals);
  if (json) {
    writeLine(
      io.stdout,
      JSON.stringify({ type: 'result', exitCode: code, reusedBytes: reused, jobs: finals }),
    );
  } else {
    writeLine(io.stdout);
    for (const job of finals) for (const line of jobSummary(job, paint)) writeLine(io.stdout, line);
    if (reused > 0)
      writeLine(io.stdout, `Reused ${(reused / 1024 ** 2).toFixed(1)} MiB from earlier packages.`);
    if (interrupted) writeLine(io.stdout, 'Paused. Run the same command again to resume where it stopped.');
  }
  return code;
}
