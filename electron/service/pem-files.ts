// Loads a file the user picked in a native dialog (key, CA bundle, client certificate or key), or
// takes its PEM text as pasted, and checks it is what its purpose needs before anything keeps it.
// What is kept is only what the purpose needs: never a private key where a public key or a
// certificate was asked for (those are stored in the plain settings file).
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
      code: 'CLIENT.badKey',
      message: `"${fileName}" cannot be used as the ${WHAT[purpose]}: ${why}`,
      retryable: false,
    }),
  );

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const PRIVATE_KEY_BLOCK = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;

function certificates(pem: string): string[] | undefined {
  const blocks = pem.match(CERTIFICATE_BLOCK) ?? [];
  try {
    for (const block of blocks) new X509Certificate(block);
    return blocks;
  } catch {
    return undefined;
  }
}

function check(purpose: FilePurpose, fileName: string, pem: string): Result<LoadedFile> {
  switch (purpose) {
    case 'publicKey': {
      // A private key would pass (Node derives its public half), and then be kept in plain settings.
      if (PRIVATE_KEY_BLOCK.test(pem))
        return refuse(purpose, fileName, 'it holds a private key. Give the public key (cosign.pub) instead.');
      const parsed = parsePublicKey(pem);
      if (!parsed.ok) return refuse(purpose, fileName, 'it is not an ECDSA P-256 public key in PEM form.');
      const spki = parsed.value.key.export({ type: 'spki', format: 'pem' }).toString();
      return ok({ fileName, pem: spki, fingerprint: parsed.value.fingerprint });
    }
    case 'caBundle':
    case 'clientCertificate': {
      const certs = certificates(pem);
      if (!certs || certs.length === 0)
        return refuse(purpose, fileName, 'it holds no readable PEM certificate.');
      // Only the certificates: a key pasted along with them must not land in the settings file.
      return ok({ fileName, pem: `${certs.join('\n')}\n` });
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

/** PEM text as pasted in Settings (or read from a file given at start), checked like a chosen file. */
export function checkPemText(purpose: FilePurpose, fileName: string, text: string): Result<LoadedFile> {
  if (Buffer.byteLength(text) > MAX_PEM_BYTES) return refuse(purpose, fileName, 'it is larger than 1 MiB.');
  // Copied from a web page or a mail, lines come indented or with CRLF; PEM has no spaces of its own.
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  return check(purpose, fileName, `${lines.join('\n').trim()}\n`);
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
