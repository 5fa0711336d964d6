// A job's items as an earlier run's journal left them: the resume point an item may take back (only
// if the server still describes it the same way, M10) and the provisional items shown while the
// server prepares the delivery again. Reads a journal; never writes one (journal-sync.ts does).
import type { Clock } from '../clock.js';
import type { Journal } from '../staging/journal.js';
import { ItemState } from './job-state.js';
import { identityOf, sameIdentity } from './plan-items.js';

/** Takes an item's resume point from the journal only if the server still describes it the same way (M10). */
export function restoreProgress(item: ItemState, journal: Journal | undefined): ItemState {
  const before = journal?.snapshot?.find((s) => s.itemKey === item.plan.itemKey);
  const progress = journal?.items.find((p) => p.itemKey === item.plan.itemKey);
  if (!before || !progress) return item;
  const previous = {
    fileName: before.fileName,
    size: before.size,
    signature: before.signature,
    expectedHashValue: before.expectedHash?.value ?? null,
  };
  if (sameIdentity(previous, identityOf(item.plan))) {
    item.resume = { offset: progress.offset, validator: progress.validator };
    item.bytesDone = keptBytes(progress, item.plan.size);
  }
  return item;
}

/**
 * The items as the journal left them, shown while the server prepares the delivery again: a resumed
 * job shows what it kept from its first snapshot. Provisional: planning replaces them, and nothing
 * is downloaded from them (they carry no URL).
 */
export function keptItems(journal: Journal | undefined, clock: Clock): ItemState[] {
  if (!journal?.snapshot) return [];
  return journal.snapshot.map((entry) => {
    const progress = journal.items.find((p) => p.itemKey === entry.itemKey);
    const disposition = entry.reference ? 'notDownloadable' : entry.fileName ? 'download' : 'rejected';
    const item = new ItemState(
      {
        ...entry,
        disposition,
        url: null,
        expectedHash: null,
        expectedHashText: entry.expectedHash,
        error: null,
      },
      clock,
    );
    if (disposition !== 'download' || !progress) return item;
    item.moveTo(progress.state === 'done' ? 'done' : progress.offset > 0 ? 'paused' : 'pending');
    // Kept whole: a journal written before the new plan must still say where to resume.
    item.resume = { offset: progress.offset, validator: progress.validator };
    item.bytesDone = keptBytes(progress, entry.size);
    return item;
  });
}

/**
 * What an item has on disk from earlier runs, shown from the first snapshot of a run rather than
 * only once bytes move again: a staged file whole (it is re-verified before it counts), a partial
 * one up to its resume point.
 */
function keptBytes(progress: Journal['items'][number], size: number | null): number {
  return progress.state === 'done' ? (size ?? 0) : progress.offset;
}
