// The job folder's name, derived from an untrusted catalogId. Pure.
import { createHash } from 'node:crypto';

/*
 * The rule (stable: a resumed job must find its folder again):
 * 1. Keep ASCII letters, digits and `. _ - @ +`; every other UTF-16 unit becomes `_`.
 * 2. A leading `.` or `-` becomes `_` (no hidden folder, no `..`, nothing read as an option), and
 *    so does a trailing `.` (Windows drops it). An empty result is `_`.
 * 3. A Windows device stem (`con`, `nul.x`, `com1` ...) gets a `_` prefix.
 * 4. At most 80 characters are kept, leaving room under every file system's 255-byte limit.
 * 5. If anything was replaced, prefixed or cut, or the id holds an upper-case letter, the name gets
 *    `~` + the first 12 hex digits of SHA-256(catalogId as UTF-8).
 * Why it is injective: an unsuffixed name is the catalogId itself, character for character, and
 * holds no `~`, so it cannot equal a suffixed name; two suffixed names differ by their hash. Every
 * unsuffixed name is lower-case, so case-insensitive file systems (NTFS, APFS, exFAT) cannot merge
 * `Map@1` with `map@1` either: the upper-case one carries a (lower-case hex) suffix.
 */
const KEPT = /[A-Za-z0-9._\-@+]/;
const MAX_CHARS = 80;
const WINDOWS_DEVICE_STEM = /^(con|prn|aux|nul|com[0-9]|lpt[0-9]|conin\$|conout\$|clock\$)$/i;

export function jobFolderName(catalogId: string): string {
  let changed = false;
  let name = '';
  for (const unit of catalogId.split('')) {
    const keep = KEPT.test(unit);
    name += keep ? unit : '_';
    changed ||= !keep;
  }
  if (/^[.-]/.test(name)) {
    name = `_${name.slice(1)}`;
    changed = true;
  }
  if (name.endsWith('.')) {
    name = `${name.slice(0, -1)}_`;
    changed = true;
  }
  if (name === '') {
    name = '_';
    changed = true;
  }
  if (WINDOWS_DEVICE_STEM.test(name.split('.')[0] ?? '')) {
    name = `_${name}`;
    changed = true;
  }
  if (name.length > MAX_CHARS) {
    name = name.slice(0, MAX_CHARS);
    changed = true;
  }
  if (changed || /[A-Z]/.test(catalogId)) {
    const hash = createHash('sha256').update(catalogId, 'utf8').digest('hex').slice(0, 12);
    name = `${name}~${hash}`;
  }
  return name;
}
