// Text lines for job snapshots, shared by the live terminal view, the plain line view and the
// summary. Live lines take the terminal's width (fit.ts); the summary's are as long as they need.
import type { AppError } from '../../shared/app-error.js';
import type { ItemSnapshot, JobSnapshot } from '../../shared/snapshots.js';
import { formatBytes, formatDuration, formatSpeed, percent } from '../format.js';
import { cliRemedy, explainForCli } from '../remedies.js';
import { fitRow, type Column } from './fit.js';

export interface Paint {
  ok(text: string): string;
  bad(text: string): string;
  warn(text: string): string;
  dim(text: string): string;
}

export const noPaint: Paint = { ok: (t) => t, bad: (t) => t, warn: (t) => t, dim: (t) => t };

export function ansiPaint(): Paint {
  const wrap = (code: number) => (text: string) => `\x1b[${code}m${text}\x1b[0m`;
  return { ok: wrap(32), bad: wrap(31), warn: wrap(33), dim: wrap(2) };
}

export function bar(done: number, total: number | null, width = 20): string {
  const share = total ? Math.min(1, done / total) : 0;
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

function amount(done: number, total: number | null): string {
  return total === null ? formatBytes(done) : `${formatBytes(done)} / ${formatBytes(total)}`;
}

function pct(done: number, total: number | null): string {
  return `${String(percent(done, total) ?? '--').padStart(3)}%`;
}

/** What is already on disk of a download that is not moving (paused, or resumed and waiting). */
function keptColumns(done: number, total: number | null): Column[] {
  return [
    { text: pct(done, total), keep: 8 },
    { text: `${amount(done, total)} kept`, keep: 7 },
  ];
}

/** Columns of a moving download, least useful first to go: the bar, then the time, then the speed. */
function movingColumns(done: number, total: number | null, speed: number, eta: string, barWidth: number) {
  return [
    { text: bar(done, total, barWidth), keep: 1 },
    { text: pct(done, total), keep: 8 },
    { text: amount(done, total), keep: 7 },
    { text: formatSpeed(speed), keep: 4 },
    { text: eta, keep: 3 },
  ];
}

/** What was checked, in words (never colour alone). */
export function itemVerdict(item: ItemSnapshot, paint: Paint): string {
  switch (item.outcome) {
    case 'verified': {
      const by = [
        item.hashCheck === 'verified' ? 'SHA-256' : '',
        item.signatureCheck === 'verified' ? 'signature' : '',
        item.boundTo ? `sidecar of ${item.boundTo}` : '',
      ].filter(Boolean);
      return paint.ok(`verified (${by.join(' + ')})`);
    }
    case 'unverified':
      return paint.warn('UNVERIFIED (no hash or usable signature)');
    case 'notDownloadable':
      return paint.dim(`not downloadable here: ${item.reference ?? ''}`);
    case 'rejected':
    case 'failed':
      return paint.bad(`FAILED ${item.error?.code ?? ''}`);
    default:
      return item.phase;
  }
}

function headlineColumns(job: JobSnapshot, paint: Paint): Column[] {
  const phase = (text: string): Column => ({ text, keep: 9 });
  switch (job.phase) {
    case 'preparing': {
      const progress = job.serverProgress !== null ? ` ${job.serverProgress}%` : '';
      const status = job.serverStatus ? ` (${job.serverStatus}${progress})` : '';
      // A resumed job already shows what it kept from the last run while the server prepares.
      const kept = job.bytesDone > 0 ? keptColumns(job.bytesDone, job.bytesTotal) : [];
      return [phase(`preparing on the server${status}`), ...kept];
    }
    case 'downloading':
    case 'verifying':
      return [
        phase(job.phase),
        ...movingColumns(job.bytesDone, job.bytesTotal, job.speed, `ETA ${formatDuration(job.etaMs)}`, 20),
      ];
    case 'paused':
      return [phase('paused'), ...(job.bytesDone > 0 ? keptColumns(job.bytesDone, job.bytesTotal) : [])];
    case 'staged':
      return [
        phase(job.verified ? paint.ok('staged, verified') : paint.warn('staged, not fully verified')),
        { text: job.folder ?? '', keep: 2 },
      ];
    case 'failed':
      return [phase(paint.bad(`failed: ${job.error?.code ?? ''}`))];
    default:
      return [phase(job.phase)];
  }
}

/** The job's one line; at most `width` columns (the summary passes none). */
export function jobHeadline(job: JobSnapshot, paint: Paint, width = Infinity): string {
  // A whole catalog id matters more than the bar.
  return fitRow(job.catalogId, headlineColumns(job, paint), width, { nameMin: 16, nameKeep: 2 });
}

/** The file's name as the technician knows it: the item key only when there is no file name. */
function itemName(item: ItemSnapshot, catalogId?: string): string {
  if (item.fileName) return item.fileName;
  const prefix = catalogId ? `${catalogId}@` : '';
  return prefix && item.itemKey.startsWith(prefix) ? item.itemKey.slice(prefix.length) : item.itemKey;
}

function itemColumns(item: ItemSnapshot, paint: Paint, withSize: boolean): Column[] {
  if (item.phase === 'downloading')
    return movingColumns(item.bytesDone, item.size, item.speed, formatDuration(item.etaMs), 12);
  const verdict = { text: item.outcome ? itemVerdict(item, paint) : item.phase, keep: 9 };
  if (!item.outcome && item.bytesDone > 0) return [verdict, ...keptColumns(item.bytesDone, item.size)];
  const size = withSize && item.outcome === 'verified' && item.size !== null;
  return size ? [verdict, { text: formatBytes(item.size!), keep: 2 }] : [verdict];
}

/** One item's line, under its job's; at most `width` columns (the summary passes none). */
export function itemLine(
  item: ItemSnapshot,
  paint: Paint,
  width = Infinity,
  options: { readonly catalogId?: string; readonly withSize?: boolean } = {},
): string {
  return fitRow(
    itemName(item, options.catalogId),
    itemColumns(item, paint, options.withSize ?? false),
    width,
    {
      prefix: '  ',
      nameColumn: 36,
      // The file's name matters more than its bar, time left and speed: those go first.
      nameKeep: 5,
    },
  );
}

/** Errors that share a code and a remedy: one cause, told once however many files it hit. */
interface Cause {
  readonly first: AppError;
  readonly texts: string[];
}

/** The error's message without the item it names, when the item is said elsewhere (its own line). */
function causeText(error: AppError): string {
  const reason = error.detail?.reason;
  if (error.code === 'CLIENT.urlRejected' && typeof reason === 'string')
    return `the download address was refused: ${reason}.`;
  const prefix = error.itemKey !== undefined ? `${error.itemKey}: ` : '';
  return prefix && error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

function causesOf(errors: readonly AppError[]): Cause[] {
  const causes = new Map<string, Cause>();
  for (const error of errors) {
    const key = `${error.code}\n${cliRemedy(error).text}`;
    const cause = causes.get(key) ?? { first: error, texts: [] };
    cause.texts.push(causeText(error));
    causes.set(key, cause);
  }
  return [...causes.values()];
}

function causeLine({ first, texts }: Cause, paint: Paint): string {
  if (texts.length === 1) return `  ${paint.bad(first.code)}: ${first.message}`;
  const same = texts.every((text) => text === texts[0]);
  const told = same ? texts[0]! : `${texts[0]!} (and ${texts.length - 1} more)`;
  return `  ${paint.bad(first.code)}, for each of ${texts.length} files: ${told}`;
}

/** How much of a failed job is on disk, in counts (each cause is told below it). */
function stagedLine(job: JobSnapshot): string | null {
  const files = job.items.filter((i) => i.outcome !== 'notDownloadable');
  const missing = files.filter((i) => i.outcome === 'failed' || i.outcome === 'rejected').length;
  if (job.phase !== 'failed' || missing === 0) return null;
  if (missing === files.length) return '  Nothing was staged.';
  const noun = files.length === 1 ? 'file' : 'files';
  return `  ${missing} of ${files.length} ${noun} could not be staged; the others are in ${job.folder ?? 'the package folder'}.`;
}

/** The closing account of one job: every item, then each cause of error once with its remedy. */
export function jobSummary(job: JobSnapshot, paint: Paint): string[] {
  const lines = [jobHeadline(job, paint)];
  for (const item of job.items) {
    lines.push(itemLine(item, paint, Infinity, { catalogId: job.catalogId, withSize: true }));
    if (item.isExecutable || item.arguments) {
      lines.push(
        paint.dim(
          `      executable${item.arguments ? `, arguments: ${JSON.stringify(item.arguments)}` : ''} (never run by Courier)`,
        ),
      );
    }
  }
  const itemErrors = job.items.flatMap((i) => (i.error && i.outcome !== 'notDownloadable' ? [i.error] : []));
  const staged = stagedLine(job);
  if (staged && itemErrors.length > 0) lines.push(staged);
  for (const cause of causesOf(itemErrors.length > 0 ? itemErrors : job.error ? [job.error] : [])) {
    lines.push(causeLine(cause, paint));
    lines.push(`    ${explainForCli(cause.first)}`);
  }
  return lines;
}
