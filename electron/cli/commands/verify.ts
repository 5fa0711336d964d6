// `courier verify <folder>`: re-checks a staged package fully offline against its manifest, on any
// machine, prints the package verdict and exits 0 only when the package is verified.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { verifyFolder, type FolderVerification } from '../../engine/staging/verify-folder.js';
import { PACKAGE_STATE_TEXT } from '../../shared/package-verdict.js';
import { UsageError, usageMessage } from '../usage-error.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { EXIT_FOR_PACKAGE, exitCodeForError } from '../exit-status.js';
import { formatBytes } from '../format.js';
import { type CliIo, writeLine } from '../io.js';
import { explainForCli } from '../remedies.js';

export const VERIFY_HELP = `courier verify <folder> [--public-key FILE] [--json]
  Re-checks a staged package offline: every file's size and SHA-256 against manifest.json, and with
  --public-key every signature. Reports each file as verified, missing, changed or signatureInvalid,
  lists unlisted files, and gives the package's state: verified, or changed, missing, failed,
  unlisted, unverified, incomplete or empty. Exit 0 only when it is verified; otherwise 3 (changed,
  missing, unlisted), 7 (failed, empty) or 1 (unverified, incomplete).
`;

function describe(result: FolderVerification): string[] {
  const { label, meaning } = PACKAGE_STATE_TEXT[result.state];
  const count = `${result.files.length} file${result.files.length === 1 ? '' : 's'}`;
  const lines = [
    result.state === 'verified'
      ? `${result.catalogId}: VERIFIED, ${count} intact`
      : `${result.catalogId}: NOT VERIFIED (${label}): ${meaning}`,
  ];
  for (const file of result.files) {
    const detail =
      file.status === 'changed'
        ? ` (expected ${file.expectedSha256}, ${formatBytes(file.expectedSize)}; found ${file.actualSha256 ?? '?'}, ${file.actualSize === null ? '?' : formatBytes(file.actualSize)})`
        : '';
    lines.push(`  ${file.status.padEnd(16)} ${file.file}${detail}`);
  }
  for (const extra of result.extra) lines.push(`  ${'unlisted'.padEnd(16)} ${extra} (not in the manifest)`);
  lines.push(
    result.signaturesChecked
      ? '  Signatures were checked with the given public key.'
      : '  Signatures were not checked (no --public-key).',
  );
  return lines;
}

export async function verifyCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { 'public-key': { type: 'string' }, json: { type: 'boolean', default: false } },
      allowPositionals: true,
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one package folder');
    const publicKeyPem = values['public-key']
      ? await readFile(values['public-key'], 'utf8').catch(() => undefined)
      : undefined;
    if (values['public-key'] && publicKeyPem === undefined)
      throw new UsageError(`cannot read ${values['public-key']}`);
    const result = await verifyFolder(resolve(positionals[0]!), publicKeyPem ? { publicKeyPem } : {});
    if (!result.ok) {
      if (values.json) writeLine(io.stdout, JSON.stringify({ ok: false, error: result.error }));
      else {
        writeLine(io.stderr, `courier verify: ${result.error.code}: ${result.error.message}`);
        writeLine(io.stderr, `  ${explainForCli(result.error)}`);
      }
      return result.error.code === 'CLIENT.invalidRequest' ? EXIT.usage : exitCodeForError(result.error.code);
    }
    if (values.json) writeLine(io.stdout, JSON.stringify(result.value));
    else for (const line of describe(result.value)) writeLine(io.stdout, line);
    return EXIT_FOR_PACKAGE[result.value.state];
  } catch (error) {
    const message = usageMessage(error);
    if (message === undefined) throw error;
    writeLine(io.stderr, `courier verify: ${message}`);
    return EXIT.usage;
  }
}
