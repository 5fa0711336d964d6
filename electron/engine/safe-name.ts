// Derives the on-disk file name of an artifact from its untrusted itemKey / URL, checks a job's names
// for collisions, and confirms containment (M1, M2, M3, F9). No I/O.
import path from 'node:path';
import { appError } from '../shared/app-error.js';
import { fail, ok } from '../shared/result.js';
import type { Result } from '../shared/result.js';
import { quoted } from './display-text.js';

/*
 * Allowlist, chosen to survive every target (ext4, APFS, NTFS, exFAT, FAT32 with long names, zip):
 * - characters: Unicode letters and combining marks, decimal digits, and `. _ - + ~ @`. Letters are
 *   not limited to ASCII so that localised release names (Hebrew, ...) can be staged at all; the
 *   collision check below over-approximates case and normalisation, so that stays unambiguous.
 * - never: `/ \` (separators), `:` (Windows drive letters and alternate data streams), `<>"|?*`,
 *   `%` (we never URL-decode, so an encoded name stays refused), `$`, controls, format
 *   characters (bidi overrides, zero-width joiners), other invisible (default-ignorable) code
 *   points such as variation selectors and Hangul fillers, superscripts, non-decimal digits.
 * - the first character is a letter, a digit or `_`: a leading `.` is hidden and could reach our
 *   own `.courier/` namespace, `..` is traversal, a leading `-` reads as an option to `tar` or `rm`,
 *   a leading `~` as a home folder in a shell, `@` as a response file to Windows tools.
 * - `~` followed by a digit is refused: it is the shape of a Windows 8.3 short-name alias
 *   (`LONGNA~1.ZIP`), which can name a different file than the one we wrote.
 * - `@` is allowed after the first character (`tool@2.1.tgz`); it is harmless on every file system.
 * - a plain space is allowed inside a name (`Field Nav Setup.msi` is a real release file name) but
 *   never at the end, where Windows silently drops it; other white space (tabs, NBSP) stays refused.
 */
const ALLOWED = /^[\p{L}\p{Nd}_][\p{L}\p{M}\p{Nd}._\-+~@ ]*$/u;
const MAX_COMPONENT_BYTES = 255;

/** Names Courier writes itself next to the artifacts; an item may not take them (M3). */
const RESERVED_NAMES = new Set(['manifest.json', 'report.html', 'sha256sums']);
/** Our partial-download suffix: an item ending in it would collide with another item's sidecar. */
const PART_SUFFIX = '.part';
// COM0 and LPT0 included on purpose: reserved on some Windows versions, and rejecting costs nothing.
const WINDOWS_DEVICES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9]|conin\$|conout\$|clock\$)$/;

/**
 * Folds a name the way the most permissive file system we may copy to could: compatibility
 * normalisation (fullwidth, ligatures, superscripts ¹²³), then upper- and lower-casing (ß, ſ, K).
 * It over-approximates NTFS, APFS and exFAT equality: a false collision only refuses a job.
 */
export function foldName(name: string): string {
  return name.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
}

/** Why a candidate file name is unsafe, or undefined when it is acceptable as a single component. */
export function unsafeNameReason(name: string): string | undefined {
  if (name === '') return 'it is empty';
  if (name === '.' || name === '..') return 'it is a relative path';
  if (/[/\\]/.test(name)) return 'it contains a path separator';
  if (name.includes('%')) return 'it contains "%" (names are never URL-decoded)';
  if (!ALLOWED.test(name)) return 'it contains characters outside the allowed set or starts with one';
  // Invisible yet allowed by category: CGJ and variation selectors (marks), Hangul fillers (letters).
  if (/\p{Default_Ignorable_Code_Point}/u.test(name)) return 'it contains an invisible character';
  if (name.endsWith('.')) return 'it ends with a dot';
  if (name.endsWith(' ')) return 'it ends with a space';
  if (/~\p{Nd}/u.test(name)) return 'it looks like a Windows short-name alias';
  if (new TextEncoder().encode(name).length > MAX_COMPONENT_BYTES) return 'it is longer than 255 bytes';
  const folded = foldName(name);
  // Re-check after folding: a compatibility form must not turn into a separator or device name.
  if (/[/\\:*?"<>|%\p{Cc}]/u.test(folded)) return 'it folds to a forbidden character';
  // Windows ignores spaces and dots between a device name and its extension: `CON .txt` (and its
  // fullwidth `Ｃｏｎ .txt`, folded above) opens the console, not a file (M2).
  const stem = (folded.split('.')[0] ?? '').replace(/[\s.]+$/u, '');
  if (WINDOWS_DEVICES.test(stem)) return 'it is a Windows device name';
  if (folded.endsWith(PART_SUFFIX)) return `it ends with "${PART_SUFFIX}", Courier's partial-file suffix`;
  if (RESERVED_NAMES.has(folded)) return 'it is the name of a file Courier writes itself';
  return undefined;
}

/**
 * The file name for one artifact. Maps (`gpkg`, `json` or artifactType `map`) are named after the
 * last segment of their URL path (protocol §4.1); every other item after its itemKey minus the exact
 * `<catalogId>@` prefix. Refuses rather than rewrites: a rewritten name could collide or mislead.
 */
export function fileNameForItem(
  itemKey: string,
  catalogId: string,
  url: string | undefined,
  artifactType: string,
): Result<string> {
  const reject = (reason: string): Result<never> =>
    fail(
      appError({
        code: 'CLIENT.unsafeName',
        message: `Item ${quoted(itemKey)} was rejected: its file name is unsafe (${reason}). Nothing was written for it.`,
        retryable: false,
        itemKey,
        detail: { reason },
      }),
    );

  let candidate: string;
  if (artifactType === 'map' || itemKey === 'gpkg' || itemKey === 'json') {
    const fromUrl = lastPathSegment(url);
    if (fromUrl === undefined) return reject('its URL has no usable file name');
    candidate = fromUrl;
  } else {
    const prefix = `${catalogId}@`;
    if (!itemKey.startsWith(prefix)) return reject(`the key does not start with ${quoted(prefix)}`);
    candidate = itemKey.slice(prefix.length);
  }
  const reason = unsafeNameReason(candidate);
  return reason === undefined ? ok(candidate) : reject(reason);
}

/** The raw (still percent-encoded) last path segment, without query or fragment. */
function lastPathSegment(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  // pathname is never decoded by the WHATWG parser, and a '%' left in it makes the name fail above.
  return parsed.pathname.slice(parsed.pathname.lastIndexOf('/') + 1);
}

export interface NamedItem {
  readonly itemKey: string;
  readonly name: string;
}

/** Groups of itemKeys whose names are equal after folding (or whose keys repeat); empty when none. */
export function findNameCollisions(items: readonly NamedItem[]): string[][] {
  const byName = new Map<string, string[]>();
  for (const { itemKey, name } of items) {
    const key = foldName(name);
    byName.set(key, [...(byName.get(key) ?? []), itemKey]);
  }
  return [...byName.values()].filter((keys) => keys.length > 1);
}

/**
 * Refuses the whole job when two items would share a file on some target file system (M3): which
 * bytes would win is ambiguous, so nothing is downloaded. The message names the colliding items.
 */
export function checkNameSet(items: readonly NamedItem[]): Result<void> {
  const groups = findNameCollisions(items);
  const first = groups[0];
  if (first === undefined) return ok(undefined);
  return fail(
    appError({
      code: 'CLIENT.unsafeName',
      message: `Items ${first.map(quoted).join(' and ')} would be saved under the same file name, so the delivery was refused before any download.`,
      retryable: false,
      ...(first[0] !== undefined ? { itemKey: first[0] } : {}),
      detail: { collidingItemKeys: JSON.stringify(groups) },
    }),
  );
}

type PathApi = Pick<typeof path, 'resolve' | 'relative' | 'isAbsolute' | 'dirname' | 'basename'>;

/**
 * The absolute path of `name` inside `root`, only if it is exactly one component directly inside it.
 * A second, independent line behind unsafeNameReason: it judges the resolved path, not the text.
 */
export function containedPath(
  root: string,
  name: string,
  options: { readonly itemKey?: string; readonly pathApi?: PathApi } = {},
): Result<string> {
  const api = options.pathApi ?? path;
  const reject = (reason: string): Result<never> =>
    fail(
      appError({
        code: 'CLIENT.unsafeName',
        message: `The file name ${quoted(name)} is unsafe (${reason}). Nothing was written for it.`,
        retryable: false,
        ...(options.itemKey !== undefined ? { itemKey: options.itemKey } : {}),
        detail: { reason },
      }),
    );
  if (!api.isAbsolute(root)) return reject('the staging folder is not an absolute path');
  // Both separators and NUL are refused on every OS: a name must also be safe on the machine the
  // package is copied to, not only on this one.
  if (name === '' || name === '.' || name === '..' || /[/\\\0]/.test(name)) {
    return reject('it is not a single file name');
  }
  const base = api.resolve(root);
  const full = api.resolve(base, name);
  const rel = api.relative(base, full);
  if (rel !== name || api.dirname(full) !== base || api.basename(full) !== name) {
    return reject('it does not stay inside the staging folder');
  }
  return ok(full);
}
