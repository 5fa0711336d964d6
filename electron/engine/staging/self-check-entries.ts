// Tells the self-check files an export writes (cosign.pub, <file>.sig, verify.sh, verify.ps1,
// README.txt) from anything else lying beside a package's listed files.
import { join } from 'node:path';
import type { Manifest } from '../../shared/manifest.js';
import { parsePublicKey } from '../integrity/public-key.js';
import { KEY_FILE, keyOnDrive, selfCheckFiles } from '../self-check/kit.js';
import type { StagingFs } from './fs-adapter.js';
import { readSmallFile } from './disk-reader.js';

/** A PEM public key is far smaller; anything larger is not one. */
const MAX_KEY_BYTES = 16 * 1024;

/**
 * The entries of `names` that are Courier's own: byte for byte what an export writes for this
 * manifest, and cosign.pub only when it is the key the manifest records. Anything else under those
 * names (edited, replaced, a link, unreadable) stays unlisted: nothing vouches for a script or key
 * someone else put there, and a technician may run it.
 */
export async function ownSelfCheckEntries(
  fs: StagingFs,
  dir: string,
  manifest: Manifest,
  names: readonly string[],
): Promise<Set<string>> {
  const expected = new Map(selfCheckFiles(manifest, undefined).map((f) => [f.name, f.data]));
  const own = new Set<string>();
  for (const name of names) {
    const want = expected.get(name);
    if (want === undefined && name !== KEY_FILE) continue;
    const read = await readSmallFile(fs, join(dir, name), want?.length ?? MAX_KEY_BYTES, name);
    if (!read.ok || read.value === undefined) continue;
    if (want ? read.value.equals(want) : isRecordedKey(manifest, read.value)) own.add(name);
  }
  return own;
}

function isRecordedKey(manifest: Manifest, pem: Buffer): boolean {
  const key = parsePublicKey(pem.toString('utf8'));
  return key.ok && keyOnDrive(manifest, key.value) === 'written';
}
