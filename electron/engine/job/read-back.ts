// I3: a file's verdict is made on the bytes the disk gives back, not on the bytes that streamed past.
// Before commit the `.part` is flushed and read again (the two overlap: the flush runs in the thread
// pool while the read hashes), and a read-back that differs from what streamed in is a fault of its
// own, retried like a hash mismatch. Imports node:*, ../../shared/, ../integrity, ../staging.
import { appError, type AppError } from '../../shared/app-error.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { inspectFile, type FileDigest, type SignatureToCheck } from '../integrity/file-digest.js';
import { digestHex, digestsEqual } from '../integrity/hash-format.js';
import { READ_WRITE_NOFOLLOW, type StagingFs } from '../staging/fs-adapter.js';
import { fsError } from '../staging/fs-errors.js';

export interface ReadBackInput {
  readonly fs: StagingFs;
  readonly partPath: string;
  readonly itemKey: string;
  /** What streamed into the file. */
  readonly streamed: { readonly size: number; readonly sha256: Uint8Array };
  readonly signature: SignatureToCheck | undefined;
  readonly signal: AbortSignal;
}

async function flush(fs: StagingFs, path: string): Promise<void> {
  const handle = await fs.open(path, READ_WRITE_NOFOLLOW);
  try {
    await handle.sync();
  } finally {
    await handle.close().catch(() => undefined);
  }
}

export async function readBackPart(input: ReadBackInput): Promise<Result<FileDigest>> {
  const { fs, partPath, itemKey, streamed } = input;
  const [flushed, read] = await Promise.all([
    flush(fs, partPath).then(
      () => undefined,
      (error: unknown) => error,
    ),
    inspectFile(fs, partPath, input.signature, input.signal),
  ]);
  if (flushed !== undefined)
    return fail(fsError(flushed, { action: 'flushing the downloaded file', path: partPath, itemKey }));
  if (read.kind !== 'read') {
    const error = read.kind === 'error' ? read.error : Object.assign(new Error(read.kind), { code: 'EIO' });
    return fail(fsError(error, { action: 'reading back the downloaded file', path: partPath, itemKey }));
  }
  if (read.size !== streamed.size || !digestsEqual(read.sha256, streamed.sha256))
    return fail(differs(input, read));
  return ok(read);
}

function differs(input: ReadBackInput, read: FileDigest): AppError {
  const received = digestHex(input.streamed.sha256);
  const onDisk = digestHex(read.sha256);
  return appError({
    code: 'CLIENT.hashMismatch',
    message: `${input.itemKey}: the file read back from the disk is not what was received (received ${received}, ${input.streamed.size} bytes; on disk ${onDisk}, ${read.size} bytes). The disk or its driver may be failing.`,
    retryable: true,
    itemKey: input.itemKey,
    detail: { stage: 'readBack', expected: received, actual: onDisk },
  });
}
