// Reads the resume journals of every job folder in a staging root, for the work an earlier session
// left behind: unfinished downloads to resume, and status reports the server has not heard yet.
// Reads only, without the job locks: callers that act on a journal take the lock and read it again.
import { join } from 'node:path';
import { CONTROL_DIR, MANIFEST_FILE } from '../../shared/manifest.js';
import type { StagingFs } from './fs-adapter.js';
import { readJournal, type Journal } from './journal.js';

export interface RootJournal {
  /** The job folder. */
  readonly dir: string;
  readonly controlDir: string;
  readonly journal: Journal;
  /** The folder holds a manifest: the package was staged (the journal stays for its reports). */
  readonly staged: boolean;
}

/** At most this many folders are looked at: a staging root is a handful of packages, not a disk. */
const MAX_FOLDERS = 256;

export async function readRootJournals(fs: StagingFs, stagingRoot: string): Promise<RootJournal[]> {
  let entries: string[];
  try {
    entries = (await fs.readdir(stagingRoot)).filter((name) => !name.startsWith('.')).slice(0, MAX_FOLDERS);
  } catch {
    return [];
  }
  const found: RootJournal[] = [];
  for (const entry of entries.sort()) {
    const dir = join(stagingRoot, entry);
    const controlDir = join(dir, CONTROL_DIR);
    const { journal } = await readJournal({ controlDir, fs });
    if (!journal) continue;
    const staged = await fs.stat(join(dir, MANIFEST_FILE)).then(
      () => true,
      () => false,
    );
    found.push({ dir, controlDir, journal, staged });
  }
  return found;
}
