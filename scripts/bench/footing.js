// Equal footing for every run that writes gigabytes. On a virtual machine with virtio-balloon free
// page reporting, memory freed more than about 2 s ago goes back to the host, and writing into it
// costs the guest about 2.5 s of system time per GiB (`dd` of 2 GiB: 0.4 s right after an `rm`, 6 s
// 20 s later). Which run got the memory the previous one freed then decides the race: curl starts
// writing in milliseconds, `courier fetch` signs in and prepares first. So on such machines every
// run waits until the memory freed before it has gone back; elsewhere nobody waits.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

const BALLOON_DEVICES = '/sys/bus/virtio/drivers/virtio_balloon';
/** VIRTIO_BALLOON_F_REPORTING: the features file lists bit 0 first. */
const REPORTING_BIT = 5;
/** Long enough for the reporting (every 2 s, a batch at a time) to take back a few GiB. */
const DEFAULT_SETTLE_S = 20;

/** Whether this machine hands freed memory back to its host (Linux, virtio-balloon). */
async function reportsFreePages() {
  try {
    const devices = (await readdir(BALLOON_DEVICES)).filter((name) => name.startsWith('virtio'));
    for (const device of devices) {
      const features = await readFile(join(BALLOON_DEVICES, device, 'features'), 'utf8');
      if (features[REPORTING_BIT] === '1') return true;
    }
  } catch {
    // Not Linux, or no balloon: nothing to wait for.
  }
  return false;
}

/**
 * How long to wait before each writing run, and why: BENCH_SETTLE_S when set, else 20 s on a machine
 * that reports free pages to its host and 0 elsewhere.
 * @returns {Promise<{ seconds: number, why: string }>}
 */
export async function benchFooting() {
  if (process.env.BENCH_SETTLE_S !== undefined)
    return { seconds: Number(process.env.BENCH_SETTLE_S), why: 'BENCH_SETTLE_S' };
  if (await reportsFreePages())
    return {
      seconds: DEFAULT_SETTLE_S,
      why: 'this VM hands freed memory back to its host (virtio-balloon free page reporting), so every run starts on memory the host took back; BENCH_SETTLE_S=0 to race without waiting',
    };
  return { seconds: 0, why: 'no free page reporting here' };
}

/** @param {number} seconds */
export const settle = (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));
