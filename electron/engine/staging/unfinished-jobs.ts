// Finds the deliveries a previous session left unfinished in a staging root: a job folder with a
// resume journal, no manifest yet, and not cancelled. The engine resumes them at the next start
// ("quitting checkpoints and the next start resumes").
import type { ItemType } from '../../shared/getapp-protocol.js';
import type { StagingFs } from './fs-adapter.js';
import { readRootJournals } from './root-journals.js';

export interface UnfinishedJob {
  readonly catalogId: string;
  readonly itemType: ItemType;
}

export async function findUnfinishedJobs(fs: StagingFs, stagingRoot: string): Promise<UnfinishedJob[]> {
  const journals = await readRootJournals(fs, stagingRoot);
  return journals
    .filter(({ journal, staged }) => !staged && journal.stopped !== 'cancelled')
    .map(({ journal }) => ({ catalogId: journal.catalogId, itemType: journal.itemType }));
}
