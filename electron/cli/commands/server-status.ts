// `courier status <catalogId>`: what the server says about a delivery right now (preparing with its
// progress, ready with its artifacts, or the error), without downloading anything.
import { parseArgs } from 'node:util';
import { createEngine } from '../../engine/index.js';
import { appError } from '../../shared/app-error.js';
import { toServerErrorCode } from '../../shared/error-codes.js';
import { CONNECTION_HELP, CONNECTION_OPTIONS, openConnection, type Connection } from '../connection.js';
import { UsageError, usageMessage } from '../usage-error.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { exitCodeForError } from '../exit-status.js';
import { formatBytes } from '../format.js';
import { type CliIo, writeLine } from '../io.js';
import { explainForCli } from '../remedies.js';

export const STATUS_HELP = `courier status <catalogId> [--json] [connection options of fetch]
  Asks the server for the delivery's state: preparing (with progress), ready (with its artifacts),
  or the server's error code. Downloads nothing.
${CONNECTION_HELP}`;

export async function statusCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let connection: Connection | undefined;
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { ...CONNECTION_OPTIONS, json: { type: 'boolean', default: false } },
      allowPositionals: true,
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one catalogId');
    connection = await openConnection(values, {
      env: io.env,
      fromStdin: false,
      stdin: io.stdin,
      prompt: io.stderr,
    });
    const engine = createEngine({ ...connection.config, stagingRoot: '/' });
    if (!engine.ok) throw new UsageError(engine.error.message);
    const answer = await engine.value.deliveryStatus(positionals[0]!);
    await engine.value.close();
    if (!answer.ok) {
      writeLine(io.stderr, `${answer.error.code}: ${answer.error.message}`);
      writeLine(io.stderr, `  ${explainForCli(answer.error)}`);
      return exitCodeForError(answer.error.code);
    }
    const delivery = answer.value;
    if (values.json) {
      writeLine(io.stdout, JSON.stringify(delivery));
    } else {
      const progress = delivery.progress !== undefined ? ` ${delivery.progress}%` : '';
      writeLine(io.stdout, `${delivery.catalogId}: ${delivery.rawStatus}${progress}`);
      for (const artifact of delivery.artifacts ?? []) {
        const size = artifact.size !== undefined ? formatBytes(artifact.size) : 'size unknown';
        writeLine(io.stdout, `  ${artifact.itemKey}  ${artifact.artifactType}  ${size}`);
      }
      if (delivery.error) {
        // The server's code verbatim, then what it means and what to do, as fetch would say it.
        const code = toServerErrorCode(delivery.error.errorCode);
        const error = appError({ code, message: delivery.error.message, retryable: false });
        writeLine(io.stdout, `  ${delivery.error.errorCode}: ${delivery.error.message}`);
        writeLine(io.stdout, `    ${explainForCli(error)}`);
      }
    }
    return delivery.status === 'error'
      ? exitCodeForError(toServerErrorCode(delivery.error?.errorCode))
      : EXIT.ok;
  } catch (error) {
    const message = usageMessage(error);
    if (message === undefined) throw error;
    writeLine(io.stderr, `courier status: ${message}`);
    return EXIT.usage;
  } finally {
    await connection?.close();
  }
}
