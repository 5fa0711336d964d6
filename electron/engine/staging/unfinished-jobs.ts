// Finds the deliveries a previous session left unfinished in a staging root: a job folder with a
// resume journal, no manifest yet, and not cancelled. The engine resumes them at the next start
// ("quitting checkpoints and the next start resumes"). Reads only; imports node:path and siblings.
import { join } from 'node:path';
import type { ItemType } from '../../shared/getapp-protocol.js';
import { CONTROL_DIR, MANIFEST_FILE } from '../../shared/manifest.js';
import type { StagingFs } from './fs-adapter.js';
import { readJournal } from './journal.js';

export interface UnfinishedJob {
  readonly catalogId: string;
  readonly itemType: ItemType;
}

/** At most this many folders are looked at: a staging root is a handful of packages, not a disk. */
const MAX_FOLDERS = 256;

export async function findUnfinishedJobs(fs: StagingFs, stagingRoot: string): Promise<UnfinishedJob[]> {
  let entries: string[];
  try {
    entries = (await fs.readdir(stagingRoot)).filter((name) => !name.startsWith('.')).slice(0, MAX_FOLDERS);
  } catch {
    return [];
  }
  const found: UnfinishedJob[] = [];
  for (const entry of entries.sort()) {
    const dir = join(stagingRoot, entry);
    const finished = await fs.stat(join(dir, MANIFEST_FILE)).then(
      () => true,
      () => false,
    );
    if (finished) continue;
    const { journal } = await readJournal({ controlDir: join(dir, CONTROL_DIR), fs });
    if (journal && journal.stopped !== 'cancelled')
      found.push({ catalogId: journal.catalogId, itemType: journal.itemType });
  }
  return found;
}
