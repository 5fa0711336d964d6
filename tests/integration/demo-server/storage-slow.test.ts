// Slow faults of the demo object store (delays, stalls, drips, T5/T6): what the client
// receives, and that a client leaving or the server closing ends every timer and socket they hold.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryObject } from '../../../electron/demo-server/stored-object.js';
import {
  get,
  LAST_MODIFIED,
  liveGet,
  openConnections,
  releasePath,
  startStorage,
  trackTimers,
  waitUntil,
  type StorageHarness,
} from '../../support/storage-harness.js';

const SIZE = 128 * 1024;
const body = randomBytes(SIZE);
const msi = releasePath('field-nav-setup-2.3.1.msi');

let storage: StorageHarness;
beforeEach(async () => {
  storage = await startStorage({ [msi]: memoryObject(body, LAST_MODIFIED) });
});
afterEach(() => storage.close());

/** The server has let go of everything a fault held: no connection, no timer still armed. */
async function serverLetGo(timers: ReturnType<typeof trackTimers>): Promise<void> {
  try {
    await waitUntil(
      async () => (await openConnections(storage.server)) === 0 && timers.pending() === 0,
      'the server has released the connection and its timers',
    );
  } finally {
    timers.stop();
  }
}

describe('delayMs', () => {
  it('holds the status line back; a client that gives up leaves no timer behind', async () => {
    storage.faults.storage('setup', { delayMs: 60_000 });
    const timers = trackTimers();
    const client = liveGet(storage.url(msi));
    let answered = false;
    void client.response.then(() => (answered = true));
    await waitUntil(() => storage.log.entries.length === 1, 'the request arrives');
    await sleep(50);
    expect([answered, storage.log.entries[0]!.status]).toEqual([false, 0]);
    expect(timers.pending()).toBe(1);
    client.destroy();
    await serverLetGo(timers);
    expect(storage.log.entries[0]!).toMatchObject({ status: 0, bytesSent: 0 });
  });

  it('then serves the object intact', async () => {
    storage.faults.storage('setup', { delayMs: 20 });
    const res = await get(storage.url(msi));
    expect(res.status).toBe(200);
    expect(res.body.equals(body)).toBe(true);
  });
});

describe('T5: stalls', () => {
  it('stallAfterBytes sends that many bytes, then nothing, with the connection left open', async () => {
    storage.faults.storage('setup', { stallAfterBytes: 4096 });
    const client = liveGet(storage.url(msi));
    await waitUntil(() => client.received() === 4096, 'the first 4096 bytes arrive');
    // A writer that ignored the stall would deliver the rest of a 128 KiB body within this pause.
    await sleep(100);
    expect(client.received()).toBe(4096);
    expect(Buffer.concat(client.chunks).equals(body.subarray(0, 4096))).toBe(true);
    expect(await openConnections(storage.server)).toBe(1);
    expect(storage.log.entries[0]).toMatchObject({ status: 200, bytesSent: 4096 });
    // Closing the server (what startDemoServer.close does) must end the stalled response.
    await storage.close();
    await client.closed;
    expect(client.received()).toBe(4096);
  });

  it('a stall at 0 bytes still sends the status line and headers', async () => {
    storage.faults.storage('setup', { stallAfterBytes: 0 });
    const timers = trackTimers();
    const client = liveGet(storage.url(msi));
    const res = await client.response;
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-length']).toBe(String(SIZE));
    await sleep(50);
    expect(client.received()).toBe(0);
    client.destroy();
    await serverLetGo(timers);
  });
});

describe('T5/T6: drips', () => {
  it('dripBytesPerSecond sends the body in small paced pieces, intact', async () => {
    const small = releasePath('drip.txt');
    await storage.close();
    storage = await startStorage({ [small]: memoryObject(body.subarray(0, 50), LAST_MODIFIED) });
    storage.faults.storage('drip', { dripBytesPerSecond: 100 });
    const res = await get(storage.url(small));
    expect(res.complete).toBe(true);
    expect(res.body.equals(body.subarray(0, 50))).toBe(true);
    // 100 B/s goes out as 10 bytes every 100 ms: never more than 10 bytes in one piece.
    expect(res.pieces.length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...res.pieces)).toBeLessThanOrEqual(10);
  });

  it('a client leaving mid-drip stops the drip and its timer', async () => {
    // One byte every 20 s: the pause after the first byte outlives the test unless it is cleared.
    storage.faults.storage('setup', { dripBytesPerSecond: 0.05 });
    const timers = trackTimers();
    const client = liveGet(storage.url(msi));
    await waitUntil(() => client.received() >= 1, 'the first byte drips out');
    client.destroy();
    await serverLetGo(timers);
    expect(storage.log.entries[0]!.bytesSent).toBe(1);
  });
});
