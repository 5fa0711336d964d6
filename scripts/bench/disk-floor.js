// Benchmark (not a test), `npm run bench:disk-floor`: what the disk alone allows for the bench's
// delivery of many small files, with no network and no Courier. Worker threads write each file with
// direct I/O (4 MiB calls, as Courier does), fsync it and, in the second mode, read it back directly,
// as every verdict needs. Compare with `npm run bench`'s 200-file race: curl and `sync` write each
// byte once; Courier writes it and reads it back.
//   BENCH_DIR=<folder on the disk to measure> (default: the temp folder)  BENCH_MANY=200
//   BENCH_STREAMS=3,6,9  BENCH_ROUNDS=3
import { closeSync, constants, fsyncSync, mkdirSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker, isMainThread, workerData } from 'node:worker_threads';
import { median } from './timed.js';

// Courier's own aligned memory (built by `npm run build`), so the direct I/O matches the engine's.
const directIo = new URL('../../dist/engine/staging/direct-io.js', import.meta.url).href;
const { alignedBuffer } = /** @type {typeof import('../../electron/engine/staging/direct-io.js')} */ (
  await import(directIo)
);

const FILE_BYTES = 5 * 2 ** 20;
const WRITE_CALL = 4 * 2 ** 20;

/** One stream: files stream, stream + streams, ... of the delivery. */
function writeFiles(
  /** @type {{ dir: string, stream: number, streams: number, count: number, readBack: boolean }} */ job,
) {
  const memory = alignedBuffer(FILE_BYTES);
  memory.fill(0x5a);
  for (let i = job.stream; i < job.count; i += job.streams) {
    const path = join(job.dir, `file-${i}`);
    const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_DIRECT);
    for (let at = 0; at < FILE_BYTES; at += WRITE_CALL)
      writeSync(fd, memory, at, Math.min(WRITE_CALL, FILE_BYTES - at), at);
    fsyncSync(fd);
    closeSync(fd);
    if (!job.readBack) continue;
    const back = openSync(path, constants.O_RDONLY | constants.O_DIRECT);
    readSync(back, memory, 0, FILE_BYTES, 0);
    closeSync(back);
  }
}

/** Seconds to write (and maybe read back) the delivery with `streams` threads. */
async function race(
  /** @type {string} */ top,
  /** @type {number} */ streams,
  /** @type {boolean} */ readBack,
  /** @type {number} */ count,
) {
  const dir = join(top, `run-${streams}-${readBack}`);
  mkdirSync(dir);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: streams }, (_, stream) => {
      const worker = new Worker(new URL(import.meta.url), {
        workerData: { dir, stream, streams, count, readBack },
      });
      return new Promise((resolve, reject) => worker.on('exit', resolve).on('error', reject));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  rmSync(dir, { recursive: true, force: true });
  return seconds;
}

async function main() {
  const count = Number(process.env.BENCH_MANY ?? 200);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const streamCounts = (process.env.BENCH_STREAMS ?? '3,6,9').split(',').map(Number);
  const top = await mkdtemp(join(process.env.BENCH_DIR ?? tmpdir(), 'courier-disk-floor-'));
  console.log(`${count} files of 5 MiB in ${top}, direct I/O, fsync each, medians of ${rounds}:\n`);
  console.log('| streams | write + fsync (s) | write + fsync + read back (s) |\n| ---: | ---: | ---: |');
  try {
    for (const streams of streamCounts) {
      const times = { write: /** @type {number[]} */ ([]), readBack: /** @type {number[]} */ ([]) };
      for (let round = 0; round < rounds; round++) {
        times.write.push(await race(top, streams, false, count));
        times.readBack.push(await race(top, streams, true, count));
      }
      console.log(
        `| ${streams} | ${median(times.write).toFixed(2)} | ${median(times.readBack).toFixed(2)} |`,
      );
    }
  } finally {
    rmSync(top, { recursive: true, force: true });
  }
}

if (isMainThread) await main();
else writeFiles(workerData);
