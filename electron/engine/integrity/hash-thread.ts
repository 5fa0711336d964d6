// SHA-256 on a thread of its own, for the bytes a verdict rests on: the read-back of a download (I3),
// `courier verify`, reuse checks and export's read-back. In a delivery of many files the main thread
// was the bottleneck (it runs every socket, write, journal write and snapshot), and hashing was a
// fifth of its time (issue 9); on a second core the hash runs beside all that.
//
// The bytes are not copied: disk readers read into shared memory (direct-io.ts), which the worker
// hashes in place, and a reader reads into a buffer again only once the worker is done with it
// (file-io.ts readInto). Bytes in ordinary memory are copied over. The digest is createHash's, as
// the tests check against sha256sum.
import { Worker } from 'node:worker_threads';
import type { ByteSink } from '../staging/file-io.js';

/**
 * What runs in the worker. Evaluated from this string so that it needs no file of its own next to the
 * compiled engine, in a packaged app or under the test runner. One hash per stream id; every message
 * is answered, in order, so the main side knows when a buffer is free again.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const streams = new Map();
parentPort.on('message', (m) => {
  let hash = streams.get(m.id);
  if (m.op === 'update') {
    if (!hash) streams.set(m.id, (hash = createHash('sha256')));
    hash.update(new Uint8Array(m.memory, m.offset, m.length));
    parentPort.postMessage({ id: m.id });
    return;
  }
  streams.delete(m.id);
  if (m.op === 'digest') parentPort.postMessage({ id: m.id, digest: (hash ?? createHash('sha256')).digest() });
});`;

interface Waiter {
  resolve(digest: Uint8Array | undefined): void;
  reject(error: Error): void;
}

interface Answer {
  readonly id: number;
  readonly digest?: Uint8Array;
}

let worker: Worker | undefined;
/** Per stream, the answers still to come, oldest first (the worker answers in order). */
const waiting = new Map<number, Waiter[]>();
let outstanding = 0;
let nextId = 1;

function settle(id: number, answer: (waiter: Waiter) => void): void {
  const waiters = waiting.get(id);
  const waiter = waiters?.shift();
  if (waiters?.length === 0) waiting.delete(id);
  if (!waiter) return;
  // An idle worker must not keep the process alive; a busy one must, or a verify whose only pending
  // work is a hash would end early.
  outstanding -= 1;
  if (outstanding === 0) worker?.unref();
  answer(waiter);
}

/** The thread is gone: every answer still awaited fails, and the next stream starts a new thread. */
function forget(stopped: Worker, error: Error): void {
  if (worker !== stopped) return;
  worker = undefined;
  const lost = [...waiting.values()].flat();
  waiting.clear();
  outstanding = 0;
  for (const waiter of lost) waiter.reject(error);
}

function startWorker(): Worker {
  // It allocates little (a message per read): a small young generation keeps its memory down.
  const started = new Worker(WORKER_SOURCE, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: 1 } });
  started.unref();
  started.on('message', (answer: Answer) => settle(answer.id, (w) => w.resolve(answer.digest)));
  started.on('error', (error) => forget(started, error));
  started.on('exit', (code) => forget(started, new Error(`the hashing thread stopped (exit code ${code})`)));
  return started;
}

/** Stops the hashing thread; streams it held fail. For tests (and an orderly shutdown, if one wants it). */
export async function stopHashThread(): Promise<void> {
  const running = worker;
  if (!running) return;
  forget(running, new Error('the hashing thread stopped'));
  await running.terminate();
}

function ask(
  thread: Worker,
  id: number,
  message: object,
  transfer: ArrayBuffer[] = [],
): Promise<Uint8Array | undefined> {
  return new Promise((resolve, reject) => {
    const waiters = waiting.get(id) ?? [];
    waiters.push({ resolve, reject });
    waiting.set(id, waiters);
    outstanding += 1;
    if (outstanding === 1) thread.ref();
    thread.postMessage(message, transfer);
  });
}

export interface ThreadHash extends ByteSink {
  /** Hashes `chunk`; settles once the worker no longer reads its memory. */
  update(chunk: Uint8Array): Promise<void>;
  /** The SHA-256 of every byte given to `update`, in order. Call once, after the last update. */
  digest(): Promise<Buffer>;
  /** Not needed any more (the read was abandoned): the worker forgets it. */
  discard(): void;
}

/** A SHA-256 computed on the hashing thread. */
export function createThreadHash(): ThreadHash {
  const id = nextId++;
  // The worker a stream started on: if it stopped, a new one would not hold the bytes hashed so far.
  let thread: Worker | undefined;
  let ended = false;
  const current = (): Worker => {
    if (ended) throw new Error('the hash was already finished');
    worker ??= startWorker();
    thread ??= worker;
    if (thread !== worker) throw new Error('the hashing thread stopped');
    return thread;
  };

  return {
    async update(chunk) {
      const on = current();
      if (chunk.buffer instanceof SharedArrayBuffer) {
        await ask(on, id, {
          op: 'update',
          id,
          memory: chunk.buffer,
          offset: chunk.byteOffset,
          length: chunk.length,
        });
        return;
      }
      // Ordinary memory cannot be shared: a copy of the chunk is handed over (transferred, not cloned).
      // Not chunk.slice(): a Buffer's slice is a view, and transferring it would detach the caller's memory.
      const copy = new Uint8Array(chunk).buffer;
      await ask(on, id, { op: 'update', id, memory: copy, offset: 0, length: chunk.length }, [copy]);
    },
    async digest() {
      const on = current();
      ended = true;
      const digest = await ask(on, id, { op: 'digest', id });
      if (!digest) throw new Error('the hashing thread gave no digest');
      return Buffer.from(digest.buffer, digest.byteOffset, digest.byteLength);
    },
    discard() {
      if (ended) return;
      ended = true;
      if (thread && thread === worker) thread.postMessage({ op: 'discard', id });
    },
  };
}
