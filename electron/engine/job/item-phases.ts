// Where an item's phase may go next: the one table every step that moves an item reads, so a new
// step cannot invent a path (a finished file downloading again, a failure turning into success).
// Each run starts its items afresh at `pending` (or at their fixed disposition). Pure.
import type { ItemPhase } from '../../shared/snapshots.js';

export const ITEM_PHASE_MOVES: { readonly [From in ItemPhase]: readonly ItemPhase[] } = {
  // done: a verified file already there or in another package was taken instead (F7).
  pending: ['downloading', 'done', 'failed', 'paused'],
  downloading: ['verifying', 'paused', 'failed'],
  // downloading: wrong bytes are thrown away and fetched once more (I1).
  verifying: ['downloading', 'done', 'failed', 'paused'],
  // A full disk pauses the whole job instead of failing the file that hit it (F1).
  failed: ['paused'],
  paused: [],
  done: [],
  notDownloadable: [],
  rejected: [],
};

/** True when an item may go from `from` to `to`; staying where it is always may. */
export function mayMoveItem(from: ItemPhase, to: ItemPhase): boolean {
  return from === to || ITEM_PHASE_MOVES[from].includes(to);
}
