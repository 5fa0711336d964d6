// Loaded with `node --import` into a `courier` process by the reliability campaign: SIGKILLs the
// process at a named crash window (fault catalogue C1) so the campaign can check the restart.
// COURIER_CRASH_AT=<window>:<n> kills at the n-th time the process reaches <window>:
//   before-rename   a verified .part was fsynced and is about to get its final name
//   after-rename    the final name was given, the manifest not yet written
//   journal-write   halfway through writing the resume journal's temp file
//   package-write   halfway through writing manifest.json, SHA256SUMS or report.html's temp file
//   log-append      halfway through appending a checkpoint record to the progress log
//   log-synced      a checkpoint record was appended and fdatasynced, before the download hears it
// Test tooling only: the product never loads it.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const [window, nth] = (process.env.COURIER_CRASH_AT ?? '').split(':');
const target = Number(nth);
let seen = 0;

/** True when this is the n-th time the chosen window is reached. */
function reached(/** @type {string} */ name) {
  if (name !== window) return false;
  seen += 1;
  return seen === target;
}

function die() {
  process.kill(process.pid, 'SIGKILL');
}

const isPart = (/** @type {unknown} */ path) =>
  /[\\/]\.courier[\\/]parts[\\/][^\\/]+\.part$/.test(String(path));
const PROGRESS_LOG = /[\\/]\.courier[\\/]progress\.log$/;
/** Writes torn by a kill: half of the bytes reach the file, then the process dies. */
const TORN_WINDOWS = [
  { window: 'journal-write', pattern: /[\\/]journal\.json\.tmp$/ },
  { window: 'package-write', pattern: /[\\/](manifest\.json|SHA256SUMS|report\.html)\.tmp$/ },
  { window: 'log-append', pattern: PROGRESS_LOG },
];

if (window && Number.isInteger(target) && target > 0) {
  const promises = fs.promises;
  const rename = promises.rename;
  promises.rename = async (from, to) => {
    if (isPart(from) && reached('before-rename')) die();
    await rename(from, to);
    if (isPart(from) && reached('after-rename')) die();
  };

  // File handles do not know their path: remember it at open for the write windows.
  /** @type {WeakMap<object, string>} */
  const paths = new WeakMap();
  const open = promises.open;
  promises.open = async (...args) => {
    const handle = await open(...args);
    paths.set(handle, String(args[0]));
    return handle;
  };
  const probe = await open(process.execPath, 'r');
  /** @type {{ write: (...args: any[]) => Promise<{ bytesWritten: number }>, datasync: () => Promise<void> }} */
  const handleProto = Object.getPrototypeOf(probe);
  await probe.close();
  const write = handleProto.write;
  handleProto.write = async function (/** @type {any[]} */ ...args) {
    const path = paths.get(this) ?? '';
    const hit = TORN_WINDOWS.find((w) => w.pattern.test(path));
    if (hit && reached(hit.window)) {
      // A torn write: half the bytes reach the file, then the process dies.
      const [buffer, offset = 0, length = buffer.length, position = null] = args;
      await write.call(this, buffer, offset, Math.floor(length / 2), position);
      die();
    }
    return write.apply(this, args);
  };
  const datasync = handleProto.datasync;
  handleProto.datasync = async function () {
    await datasync.call(this);
    if (PROGRESS_LOG.test(paths.get(this) ?? '') && reached('log-synced')) die();
  };
  syncBuiltinESMExports();
}
