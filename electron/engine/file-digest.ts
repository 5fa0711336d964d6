// SHA-256 (and, when asked, the cosign signature check) of a file already on disk, streamed with
// flat memory: used to re-verify a final file before reusing it instead of downloading (F7).
import { createHash, createVerify, type KeyObject } from 'node:crypto';
import { READ_NOFOLLOW, type StagingFs } from './staging/fs-adapter.js';
import { readInto } from './staging/file-io.js';

export interface FileDigest {
  readonly size: number;
  readonly sha256: Buffer;
  /** undefined when no signature was given to check. */
  readonly signatureValid: boolean | undefined;
}

/** undefined when the file cannot be read (missing, a symlink, unreadable). */
export async function digestFile(
  fs: StagingFs,
  path: string,
  signature?: { readonly key: KeyObject; readonly signatureBase64: string },
): Promise<FileDigest | undefined> {
  let handle;
  try {
    handle = await fs.open(path, READ_NOFOLLOW);
  } catch {
    return undefined;
  }
  try {
    const hash = createHash('sha256');
    const verifier = signature ? createVerify('sha256') : undefined;
    const size = await readInto(handle, verifier ? [hash, verifier] : [hash]);
    const signatureValid =
      signature && verifier
        ? safeVerify(() => verifier.verify(signature.key, signature.signatureBase64, 'base64'))
        : undefined;
    return { size, sha256: hash.digest(), signatureValid };
  } catch {
    return undefined;
  } finally {
    await handle.close().catch(() => {});
  }
}

function safeVerify(check: () => boolean): boolean {
  try {
    return check();
  } catch {
    // A malformed signature is simply not a valid one.
    return false;
  }
}
