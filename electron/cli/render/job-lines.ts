// Text lines for job snapshots, shared by the live terminal view and the plain line view.
import type { ItemSnapshot, JobSnapshot } from '../../shared/snapshots.js';
import { ERROR_TEXT } from '../../shared/error-text.js';
import { formatBytes, formatDuration, formatSpeed, percent } from '../format.js';

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

export function jobHeadline(job: JobSnapshot, paint: Paint): string {
  const name = job.catalogId;
  switch (job.phase) {
    case 'preparing': {
      const progress = job.serverProgress !== null ? ` ${job.serverProgress}%` : '';
      return `${name}  preparing on the server${job.serverStatus ? ` (${job.serverStatus}${progress})` : ''}`;
    }
    case 'downloading':
    case 'verifying': {
      const pct = percent(job.bytesDone, job.bytesTotal);
      return `${name}  ${job.phase} ${bar(job.bytesDone, job.bytesTotal)} ${pct ?? '--'}%  ${amount(job.bytesDone, job.bytesTotal)}  ${formatSpeed(job.speed)}  ETA ${formatDuration(job.etaMs)}`;
    }
    case 'staged':
      return `${name}  ${job.verified ? paint.ok('staged, verified') : paint.warn('staged, not fully verified')}  ${job.folder ?? ''}`;
    case 'failed':
      return `${name}  ${paint.bad(`failed: ${job.error?.code ?? ''}`)}`;
    default:
      return `${name}  ${job.phase}`;
  }
}

export function itemLine(item: ItemSnapshot, paint: Paint): string {
  const name = (item.fileName ?? item.itemKey).padEnd(36);
  if (item.phase === 'downloading') {
    const pct = percent(item.bytesDone, item.size);
    return `  ${name} ${bar(item.bytesDone, item.size, 12)} ${String(pct ?? '--').padStart(3)}%  ${amount(item.bytesDone, item.size)}  ${formatSpeed(item.speed)}  ${formatDuration(item.etaMs)}`;
  }
  if (item.outcome) return `  ${name} ${itemVerdict(item, paint)}`;
  return `  ${name} ${item.phase}`;
}

/** The closing account of one job: every item, and every error with its meaning and remedy. */
export function jobSummary(job: JobSnapshot, paint: Paint): string[] {
  const lines = [jobHeadline(job, paint)];
  for (const item of job.items) {
    const size = item.size !== null ? `  ${formatBytes(item.size)}` : '';
    lines.push(`${itemLine(item, paint)}${item.outcome === 'verified' ? size : ''}`);
    if (item.isExecutable || item.arguments) {
      lines.push(
        paint.dim(
          `      executable${item.arguments ? `, arguments: ${JSON.stringify(item.arguments)}` : ''} (never run by Courier)`,
        ),
      );
    }
  }
  const itemErrors = job.items.flatMap((i) => (i.error && i.outcome !== 'notDownloadable' ? [i.error] : []));
  if (job.error && itemErrors.length > 0) lines.push(`  ${job.error.message}`);
  for (const error of itemErrors.length > 0 ? itemErrors : job.error ? [job.error] : []) {
    const text = ERROR_TEXT[error.code];
    lines.push(`  ${paint.bad(error.code)}: ${error.message}`);
    lines.push(`    ${text.title}. ${text.remedy}`);
  }
  return lines;
}
