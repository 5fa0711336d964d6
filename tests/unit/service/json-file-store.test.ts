// The settings file store on a real folder: overlapping saves land in the order they were made, so
// what the next start reads is the last change, not whichever write happened to finish last.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJsonFileStore } from '../../../electron/service/stores.js';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'courier-store-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('createJsonFileStore', () => {
  it('keeps the last of two overlapping saves, even when the first is much slower to write', async () => {
    const store = createJsonFileStore(folder, 'settings.json');
    // The first save is ~2 MB (slow to write and flush), the second a few bytes.
    const slow = store.save({ theme: 'light', padding: 'x'.repeat(2_000_000) });
    const fast = store.save({ theme: 'dark' });
    await Promise.all([slow, fast]);
    expect(await store.load()).toEqual({ theme: 'dark' });
    expect(JSON.parse(await readFile(join(folder, 'settings.json'), 'utf8'))).toEqual({ theme: 'dark' });
    expect(await readdir(folder)).toEqual(['settings.json']);
  });
});
