// How many items of a job may transfer at once (`concurrency`). An item holds a slot while its body
// comes in and gives it back as soon as every byte is written, so the next item's transfer runs while
// this one is flushed to disk, read back and committed: a delivery of many small files overlaps each
// file's fsync with the next file's download instead of paying for them in turn (issue 9).

/**
 * Items of a job running at once per slot: one transferring and two finishing (flush, read-back,
 * commit) beside it, so open files and read buffers stay bounded. Finishing a small file takes about
 * twice as long as its transfer (the read-back and the folder fsyncs wait on the disk), so with one
 * the transfers stood idle (a delivery of 200 files of 5 MiB, issue 9).
 */
export const ITEMS_PER_SLOT = 3;

export interface TransferSlot {
  /** Gives the slot back; only the first call counts. */
  release(): void;
  /** Takes a slot again (to fetch the same item once more), when this one was given back. */
  retake(): Promise<void>;
}

export interface TransferSlots {
  /** Waits for a free slot and hands it out. */
  take(): Promise<TransferSlot>;
}

export function createTransferSlots(size: number): TransferSlots {
  let free = Math.max(1, size);
  const waiting: (() => void)[] = [];

  const acquire = async (): Promise<void> => {
    if (free > 0) {
      free -= 1;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  // Handed straight to the next in line, so a release never lets two takers through.
  const giveBack = (): void => {
    const next = waiting.shift();
    if (next) next();
    else free += 1;
  };

  return {
    async take() {
      await acquire();
      let held = true;
      return {
        release() {
          if (!held) return;
          held = false;
          giveBack();
        },
        async retake() {
          if (held) return;
          await acquire();
          held = true;
        },
      };
    },
  };
}
