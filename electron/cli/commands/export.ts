// `courier export <staged-folder> <target-folder>`: copies a verified package to a drive with live
// progress, reads it back, and exits 0 only when every file on the drive matched the manifest and
// the package is verified. Any other package is copied only with --accept-unverified, labelled.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { exportPackage } from '../../engine/export/export-package.js';
import type { ExportProgress, ExportResult } from '../../engine/export/export-types.js';
import type { AppError } from '../../shared/app-error.js';
import { PACKAGE_STATE_TEXT, isPackageState } from '../../shared/package-verdict.js';
import { UsageError, usageMessage } from '../usage-error.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { EXIT_FOR_PACKAGE, exitCodeForError } from '../exit-status.js';
import { formatBytes, formatDuration, formatSpeed, percent } from '../format.js';
import { type CliIo, writeLine } from '../io.js';
import { explainForCli } from '../remedies.js';
import { cut } from '../render/fit.js';
import { ansiPaint, bar, noPaint, type Paint } from '../render/job-lines.js';

export const EXPORT_HELP = `courier export <staged-folder> <target-folder> [--public-key FILE]
                [--accept-unverified] [--json]
  Copies a staged package to a drive, as <target-folder>/<package folder>/. First checks that the
  package still verifies, that the drive has room, that its file system can hold every file (FAT32:
  none of 4 GiB or more) and that every name is valid on Windows, macOS and Linux. Then copies, reads
  every file back against the manifest, and writes manifest.json, SHA256SUMS and report.html, and for
  checking the drive without Courier: verify.sh, verify.ps1, README.txt, a <file>.sig per signed file
  and, with --public-key, the publisher key as cosign.pub.
  <target-folder> must exist: Courier never creates it. After an interruption, run the same command
  again: files already on the drive that verify are kept.
  Only a verified package is copied. A failed, unverified, incomplete or empty one is refused unless
  --accept-unverified is given; it is then copied as it is, and its report.html says what it is.
  A package with changed or missing files is never copied.
  --public-key FILE    cosign.pub the package's signatures were checked with, written to the drive
  --accept-unverified  copy a package that is not verified, labelled as such
  --json               NDJSON progress events, then one {"type":"result"} line
  Exit codes: 0 a verified package exported and read back; 1 or 7 an accepted package that is
  unverified/incomplete (1) or failed/empty (7); 3 read-back mismatch or damaged package; 6 disk
  problem (full, removed, read-only, file too large for FAT32); 2 usage; 130 stopped.
`;

const PHASE_TEXT: Record<ExportProgress['phase'], string> = {
  verifySource: 'checking package',
  checkTarget: 'checking drive',
  copy: 'copying',
  readBack: 'reading back',
};
const PLAIN_EVERY_MS = 5000;

function progressLine(p: ExportProgress): string {
  const pct = percent(p.bytesDone, p.bytesTotal);
  const files = p.filesTotal > 0 ? `  file ${Math.min(p.filesDone + 1, p.filesTotal)}/${p.filesTotal}` : '';
  return `${PHASE_TEXT[p.phase].padEnd(16)} ${bar(p.bytesDone, p.bytesTotal)} ${String(pct ?? 100).padStart(3)}%  ${formatBytes(p.bytesDone)} / ${formatBytes(p.bytesTotal)}  ${formatSpeed(p.speed)}  ETA ${formatDuration(p.etaMs)}${files}${p.file ? `  ${p.file}` : ''}`;
}

/** A live line on a terminal, a line per phase and every 5 s otherwise, NDJSON with --json. */
function progressView(io: CliIo, json: boolean, now: () => number = Date.now) {
  let live = false;
  let last = { phase: '', at: 0, ended: false };
  return {
    show(p: ExportProgress) {
      if (json) return writeLine(io.stdout, JSON.stringify({ type: 'progress', ...p }));
      if (io.stdout.isTTY) {
        // Cut to the width: a wrapped line would leave its first rows behind at every redraw.
        io.stdout.write(`\r\x1b[2K${cut(progressLine(p), (io.stdout.columns || 80) - 1)}`);
        live = true;
        return;
      }
      // A line when a phase starts, when it ends, and every 5 s in between.
      const ended = p.bytesDone === p.bytesTotal && p.filesDone === p.filesTotal;
      const fresh = last.phase !== p.phase;
      if (!fresh && (ended ? last.ended : now() - last.at < PLAIN_EVERY_MS)) return;
      last = { phase: p.phase, at: now(), ended };
      writeLine(io.stdout, progressLine(p));
    },
    end() {
      if (live) io.stdout.write('\n');
      live = false;
    },
  };
}

function summary(r: ExportResult, paint: Paint): string[] {
  const copied = r.files.filter((f) => f.how === 'copied').length;
  const speeds = [
    r.copySpeed !== null ? `copy ${formatSpeed(r.copySpeed)}` : '',
    r.readBackSpeed !== null ? `read-back ${formatSpeed(r.readBackSpeed)}` : '',
  ].filter(Boolean);
  const lines = [
    paint.ok(`Exported ${r.catalogId} to ${r.folder}`),
    `  ${r.files.length} files, ${formatBytes(r.bytesTotal)}: ${copied} copied, ${r.files.length - copied} already on the drive; ${r.files.length > 0 ? 'every file read back and matched the manifest' : 'no file to copy'}.`,
    `  File system: ${r.fileSystem.type}${speeds.length > 0 ? `; ${speeds.join(', ')}` : ''}.`,
  ];
  if (r.packageState !== 'verified') {
    const { label, meaning } = PACKAGE_STATE_TEXT[r.packageState];
    lines[0] = paint.warn(`Exported ${r.catalogId} to ${r.folder}, labelled ${label.toUpperCase()}`);
    lines.push(
      paint.warn(`  The package is not verified (${label}): ${meaning} See report.html before installing.`),
    );
  }
  if (r.readBackMayBeCached)
    lines.push(
      paint.dim(
        `  The read-back may have come from this computer's memory cache. To check the drive itself, unplug and re-plug it, then run: courier verify ${r.folder}`,
      ),
    );
  lines.push(
    '  Without Courier: sh verify.sh (Linux, macOS) or verify.ps1 (Windows) in that folder runs sha256sum -c SHA256SUMS and checks the signatures; README.txt says how.',
  );
  const keyNote = KEY_NOTE[r.selfCheck.publicKey];
  if (keyNote) lines.push(paint.warn(`  ${keyNote}`));
  return lines;
}

/** Why cosign.pub is not on the drive, when the drive has signatures to check. */
const KEY_NOTE: Record<ExportResult['selfCheck']['publicKey'], string | null> = {
  written: null,
  notNeeded: null,
  notGiven:
    'cosign.pub was not written, so the drive cannot check its signatures alone: export again with --public-key FILE, or put the publisher key in that folder as cosign.pub.',
  otherKey:
    'cosign.pub was not written: the --public-key given is not the key this package was checked with (report.html shows its fingerprint).',
  nameTaken: 'The package has its own file called cosign.pub: verify.sh checks the signatures with it.',
};

/** The export's own meaning of some codes; the rest as for every command. */
function exitFor(error: AppError): ExitCode {
  if (error.code === 'CLIENT.cancelled') return EXIT.interrupted;
  // A name that would not survive another OS means the package fails the export's checks.
  if (error.code === 'CLIENT.unsafeName') return EXIT.verificationFailed;
  const state = error.detail?.packageState;
  if (error.code === 'CLIENT.unverified' && isPackageState(state)) return EXIT_FOR_PACKAGE[state];
  return exitCodeForError(error.code);
}

export async function exportCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let json = false;
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: {
        json: { type: 'boolean', default: false },
        'accept-unverified': { type: 'boolean', default: false },
        'public-key': { type: 'string' },
      },
      allowPositionals: true,
    });
    json = values.json;
    if (positionals.length !== 2)
      throw new UsageError(
        'give the staged package folder and the target folder, e.g. courier export ./courier-packages/1.field-nav@2.3.1 /media/usb',
      );
    const keyFile = values['public-key'];
    const publicKeyPem = keyFile ? await readFile(keyFile, 'utf8').catch(() => undefined) : undefined;
    if (keyFile && publicKeyPem === undefined) throw new UsageError(`cannot read ${keyFile}`);
    const paint = io.env.NO_COLOR === undefined && io.stdout.isTTY ? ansiPaint() : noPaint;
    const view = progressView(io, json);
    const controller = new AbortController();
    void io.stopRequested.then(() => controller.abort());
    const result = await exportPackage({
      source: resolve(positionals[0]!),
      targetRoot: resolve(positionals[1]!),
      signal: controller.signal,
      acceptUnverified: values['accept-unverified'],
      ...(publicKeyPem !== undefined ? { publicKeyPem } : {}),
      onProgress: (p) => view.show(p),
    });
    view.end();
    const code = result.ok ? EXIT_FOR_PACKAGE[result.value.packageState] : exitFor(result.error);
    if (json) {
      const body = result.ok ? { ok: true, result: result.value } : { ok: false, error: result.error };
      writeLine(io.stdout, JSON.stringify({ type: 'result', exitCode: code, ...body }));
    } else if (result.ok) {
      for (const line of summary(result.value, paint)) writeLine(io.stdout, line);
    } else {
      writeLine(io.stderr, `courier export: ${paint.bad(result.error.code)}: ${result.error.message}`);
      writeLine(io.stderr, `  ${explainForCli(result.error)}`);
    }
    return code;
  } catch (error) {
    const message = usageMessage(error);
    if (message === undefined) throw error;
    if (json)
      writeLine(
        io.stdout,
        JSON.stringify({
          type: 'result',
          exitCode: EXIT.usage,
          ok: false,
          error: { code: 'CLIENT.invalidRequest', message },
        }),
      );
    writeLine(io.stderr, `courier export: ${message}`);
    return EXIT.usage;
  }
}
