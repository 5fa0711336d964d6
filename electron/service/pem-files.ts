// Loads a file the user picked in a native dialog (key, CA bundle, client certificate or key) and
// checks it is what its purpose needs before anything keeps it. node:* and shared/ only.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { appError } from '../shared/app-error.js';
import type { FilePurpose } from '../shared/ipc-contract.js';
import { fail, ok, type Result } from '../shared/result.js';
import { parsePublicKey } from '../engine/index.js';

const MAX_PEM_BYTES = 1024 * 1024;

export interface LoadedFile {
  readonly fileName: string;
  readonly pem: string;
  /** publicKey only: SHA-256 of the SPKI DER, lowercase hex (the manifest's publicKeyFingerprint). */
  readonly fingerprint?: string;
}

const WHAT: Record<FilePurpose, string> = {
  publicKey: 'signing public key (cosign.pub)',
  caBundle: 'certificate authority bundle',
  clientCertificate: 'client certificate',
  clientKey: 'client private key',
};

const refuse = (purpose: FilePurpose, fileName: string, why: string): Result<never> =>
  fail(
    appError({
      code: 'CLIENT.invalidRequest',
      message: `"${fileName}" cannot be used as the ${WHAT[purpose]}: ${why}`,
      retryable: false,
    }),
  );

/** The key's fingerprint when it is a usable signing key (the engine's one key rule), else undefined. */
export function publicKeyFingerprint(pem: string): string | undefined {
  const parsed = parsePublicKey(pem);
  return parsed.ok ? parsed.value.fingerprint : undefined;
}

function certificates(pem: string): X509Certificate[] | undefined {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  try {
    return blocks.map((block) => new X509Certificate(block));
  } catch {
    return undefined;
  }
}

function check(purpose: FilePurpose, fileName: string, pem: string): Result<LoadedFile> {
  switch (purpose) {
    case 'publicKey': {
      const fingerprint = publicKeyFingerprint(pem);
      return fingerprint
        ? ok({ fileName, pem, fingerprint })
        : refuse(purpose, fileName, 'it is not an ECDSA P-256 public key in PEM form.');
    }
    case 'caBundle':
    case 'clientCertificate': {
      const certs = certificates(pem);
      if (!certs || certs.length === 0)
        return refuse(purpose, fileName, 'it holds no readable PEM certificate.');
      return ok({ fileName, pem });
    }
    case 'clientKey':
      try {
        createPrivateKey(pem);
        return ok({ fileName, pem });
      } catch {
        return refuse(purpose, fileName, 'it is not an unencrypted private key in PEM form.');
      }
  }
}

export async function loadChosenFile(path: string, purpose: FilePurpose): Promise<Result<LoadedFile>> {
  const fileName = basename(path);
  try {
    const info = await stat(path);
    if (!info.isFile()) return refuse(purpose, fileName, 'it is not a file.');
    if (info.size > MAX_PEM_BYTES) return refuse(purpose, fileName, 'it is larger than 1 MiB.');
    return check(purpose, fileName, await readFile(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'an unknown error';
    return fail(
      appError({
        code: 'CLIENT.fileSystem',
        message: `Courier could not read "${fileName}" (${code}). Check that the file is still there.`,
        retryable: false,
      }),
    );
  }
}
