// The files `courier export` writes next to SHA256SUMS so the drive checks itself without Courier:
// cosign.pub, one `<file>.sig` per signed file, verify.sh, verify.ps1 and README.txt. Everything but
// cosign.pub is rendered from the manifest alone, so `courier verify` can re-render it and recognise
// Courier's own copies byte for byte. Pure: no I/O.
import type { Manifest } from '../../shared/manifest.js';
import type { SigningKey } from '../integrity/public-key.js';
import { KEY_FILE, planSelfCheck, README_TXT, SIGNATURE_SUFFIX, VERIFY_PS1, VERIFY_SH } from './plan.js';
import { renderReadme } from './readme-txt.js';
import { renderVerifyPs1 } from './verify-ps1.js';
import { renderVerifySh } from './verify-sh.js';

export { KEY_FILE } from './plan.js';

export interface SelfCheckFile {
  readonly name: string;
  readonly data: Buffer;
  readonly mode: number;
}

/**
 * Whether the drive gets cosign.pub. written: the key given is the one the manifest records.
 * notNeeded: no file on the drive has a signature to check. notGiven: no key was given. otherKey:
 * the key given is not the recorded one (or none was recorded), so it vouches for nothing here.
 * nameTaken: a package file is called cosign.pub.
 */
export type KeyOnDrive = 'written' | 'notNeeded' | 'notGiven' | 'otherKey' | 'nameTaken';

// Windows PowerShell 5.1 reads a .ps1 without a BOM as the ANSI code page, and older Notepads do the
// same to a .txt: Hebrew text and non-ASCII file names need the BOM there. sh never sees one.
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const withBom = (text: string) => Buffer.concat([BOM, Buffer.from(text, 'utf8')]);

export function keyOnDrive(manifest: Manifest, key: SigningKey | undefined): KeyOnDrive {
  const plan = planSelfCheck(manifest);
  if (plan.signed.length === 0) return 'notNeeded';
  if (!plan.free(KEY_FILE)) return 'nameTaken';
  if (!key) return 'notGiven';
  return key.fingerprint === manifest.publicKeyFingerprint ? 'written' : 'otherKey';
}

/** In writing order; a name a package file takes is left out (the package file wins). */
export function selfCheckFiles(manifest: Manifest, key: SigningKey | undefined): SelfCheckFile[] {
  const plan = planSelfCheck(manifest);
  const files: SelfCheckFile[] = [
    // Re-exported in Courier's canonical form: the same key always gives the same bytes.
    ...(key && keyOnDrive(manifest, key) === 'written'
      ? [{ name: KEY_FILE, data: Buffer.from(spkiPem(key), 'utf8'), mode: 0o644 }]
      : []),
    ...plan.signed.map((s) => ({ name: `${s.file}${SIGNATURE_SUFFIX}`, data: s.der, mode: 0o644 })),
    { name: VERIFY_SH, data: Buffer.from(renderVerifySh(plan), 'utf8'), mode: 0o755 },
    { name: VERIFY_PS1, data: withBom(renderVerifyPs1(plan)), mode: 0o644 },
    { name: README_TXT, data: withBom(renderReadme(plan)), mode: 0o644 },
  ];
  return files.filter((f) => plan.free(f.name));
}

const spkiPem = (key: SigningKey): string => key.key.export({ type: 'spki', format: 'pem' }).toString();
