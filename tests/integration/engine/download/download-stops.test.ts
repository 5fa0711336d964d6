// Ending well when the download cannot go on: a full disk (F1), a pause or cancel, and a presigned
// URL that expires mid-download (U5). Each keeps the partial at a durable offset for resume.
import { readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { WRITE_BATCH } from '../../../../electron/engine/download/body-pump.js';
import { downloadArtifact } from '../../../../electron/engine/download/download-artifact.js';
import { nodeFs } from '../../../../electron/engine/staging/fs-adapter.js';
import type { StagingFs } from '../../../../electron/engine/staging/fs-adapter.js';
import { fail, ok } from '../../../../electron/shared/result.js';
import { appError } from '../../../../electron/shared/app-error.js';
import {
  FIELD_NAV,
  finalNames,
  trueBytes,
  useDownloadHarness,
  waitFor,
} from '../../../support/download-harness.js';
import type { Artifact } from '../../../support/download-harness.js';

const h = useDownloadHarness();
const CHUNK = 64 * 1024;

async function firstItem(): Promise<Artifact> {
  const [item] = await h().prepare(FIELD_NAV);
  return item!;
}

const statuses = (item: Artifact) =>
  h()
    .server.requestLog!.entries.filter((e) => e.url.includes(encodeURIComponent(item.name)))
    .map((e) => e.status);

/** The real file system, except that writes fail with ENOSPC once `capacity` bytes went to disk. */
function diskOf(capacity: number): StagingFs {
  let used = 0;
  return {
    ...nodeFs,
    async open(path, flags, mode) {
      const handle = await nodeFs.open(path, flags, mode);
      return {
        read: (buffer, offset, length, position) => handle.read(buffer, offset, length, position),
        sync: () => handle.sync(),
        datasync: () => handle.datasync(),
        truncate: (length) => handle.truncate(length),
        stat: () => handle.stat(),
        close: () => handle.close(),
        async write(buffer, offset, length, position) {
          const room = capacity - used;
          if (room <= 0)
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          const result = await handle.write(buffer, offset, Math.min(room, length), position);
          used += result.bytesWritten;
          return result;
        },
      };
    },
  };
}

describe('F1: disk full mid-write', () => {
  test('stops with CLIENT.diskFull, keeps the partial at a durable offset, says how much is missing', async () => {
    const item = await firstItem();
    const capacity = 1_234_567;
    const request = h().request(item);
    const result = await downloadArtifact(request, h().deps({ fs: diskOf(capacity) }));
    expect(!result.ok && result.error).toMatchObject({
      code: 'CLIENT.diskFull',
      retryable: false,
      itemKey: item.itemKey,
    });
    expect(!result.ok && result.error.message).toContain(item.itemKey);
    // The write that hit the wall counts for nothing: the journal offset stays on whole writes.
    const written = !result.ok ? Number(result.error.detail?.bytesWritten) : NaN;
    expect(written).toBeLessThanOrEqual(capacity);
    expect(written).toBeGreaterThan(capacity - WRITE_BATCH);
    expect(!result.ok && result.error.detail?.bytesNeeded).toBe(item.size - written);
    expect(statuses(item)).toHaveLength(1);
    expect(request.checkpoints.at(-1)?.offset).toBe(written);
    expect((await stat(request.partPath)).size).toBeGreaterThanOrEqual(written);
    expect(await finalNames(h().jobDir)).toEqual([]);

    // Space freed: the next call resumes from the journal and completes.
    const again = h().request(item, { resume: request.checkpoints.at(-1)! });
    const resumed = await downloadArtifact(again, h().deps());
    expect(resumed.ok && resumed.value).toMatchObject({
      resumedFrom: written,
      bytesFetched: item.size - written,
    });
    expect(resumed.ok && resumed.value.sha256.equals(item.sha256)).toBe(true);
  });
});

describe('F6: a planted .part', () => {
  test('a symlink in place of the .part is refused and its target left alone', async () => {
    const item = await firstItem();
    const target = join(h().jobDir, 'victim.txt');
    await writeFile(target, 'precious');
    await symlink(target, h().partPath(item));
    const result = await downloadArtifact(
      h().request(item, { resume: { offset: 4, validator: {} } }),
      h().deps(),
    );
    expect(!result.ok && result.error).toMatchObject({ code: 'CLIENT.fileSystem', itemKey: item.itemKey });
    expect(await readFile(target, 'utf8')).toBe('precious');
    expect(statuses(item)).toEqual([]);
  });
});

describe('pause and cancel', () => {
  test('a cancel mid-body returns promptly with the partial checkpointed, and a resume finishes it', async () => {
    const item = await firstItem();
    const half = Math.floor(item.size / 2);
    h().server.faults!.storage(item.name, { stallAfterBytes: half, times: 1 });
    const controller = new AbortController();
    const request = h().request(item, { signal: controller.signal });
    const pending = downloadArtifact(request, h().deps());
    await waitFor(() => request.progress.last >= half, 'half of the file');
    controller.abort();
    const result = await pending;
    expect(!result.ok && result.error).toMatchObject({ code: 'CLIENT.cancelled', itemKey: item.itemKey });
    expect(request.checkpoints.at(-1)?.offset).toBe(half);
    expect((await stat(request.partPath)).size).toBe(half);
    expect(h().clock.pending).toBe(0);

    const resumed = await downloadArtifact(
      h().request(item, { resume: request.checkpoints.at(-1)! }),
      h().deps(),
    );
    expect(resumed.ok && resumed.value).toMatchObject({ resumedFrom: half, bytesFetched: item.size - half });
    expect((await readFile(request.partPath)).equals(await trueBytes(h().server, item.itemKey))).toBe(true);
  });

  test('a cancel during a backoff wait ends the wait at once', async () => {
    const item = await firstItem();
    h().server.faults!.storage(item.name, { status: 503 });
    const controller = new AbortController();
    const pending = downloadArtifact(
      h().request(item, { signal: controller.signal }),
      h().deps({ retry: { attempts: 5, baseMs: 1000, maxMs: 16_000 } }),
    );
    await h().clock.sleepRequested(0);
    controller.abort();
    const result = await pending;
    expect(!result.ok && result.error.code).toBe('CLIENT.cancelled');
    expect(statuses(item)).toEqual([503]);
    expect(h().clock.pending).toBe(0);
  });

  test('an already cancelled call touches neither the network nor the disk', async () => {
    const item = await firstItem();
    const request = h().request(item, { signal: AbortSignal.abort() });
    const result = await downloadArtifact(request, h().deps());
    expect(!result.ok && result.error.code).toBe('CLIENT.cancelled');
    expect(statuses(item)).toEqual([]);
    await expect(stat(request.partPath)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('U5: presigned URL expiry', () => {
  test('URLs expiring mid-download: refreshUrl is called and the download resumes without refetching', async () => {
    const item = await firstItem();
    const half = Math.floor(item.size / 2);
    h().server.faults!.storage(item.name, { stallAfterBytes: half, times: 1 });
    let refreshes = 0;
    const base = h().request(item);
    const request = {
      ...base,
      refreshUrl: () => {
        refreshes += 1;
        h().advanceServer(2000);
        return base.refreshUrl!();
      },
    };
    const pending = downloadArtifact(request, h().deps());
    await waitFor(() => base.progress.last >= half, 'half of the file');
    h().server.faults!.expireUrlsNow();
    await h().clock.advance(31_000);
    const result = await pending;
    expect(result.ok && result.value.sha256.equals(item.sha256)).toBe(true);
    expect(refreshes).toBe(1);
    expect(statuses(item)).toEqual([200, 403, 206]);
    const resumed = h()
      .server.requestLog!.entries.filter((e) => e.url.includes(encodeURIComponent(item.name)))
      .at(-1)!;
    expect(resumed.headers.range).toBe(`bytes=${half}-`);
    expect(resumed.bytesSent).toBe(item.size - half);
  });

  test('a 403 that persists after a refresh is CLIENT.urlExpired, not retried further', async () => {
    const item = await firstItem();
    h().server.faults!.storage(item.name, { status: 403 });
    let refreshes = 0;
    const base = h().request(item);
    const result = await downloadArtifact(
      { ...base, refreshUrl: () => ((refreshes += 1), base.refreshUrl!()) },
      h().deps(),
    );
    expect(!result.ok && result.error).toMatchObject({
      code: 'CLIENT.urlExpired',
      retryable: false,
      itemKey: item.itemKey,
    });
    expect(refreshes).toBe(1);
    expect(statuses(item)).toEqual([403, 403]);
  });

  test('a failing refresh ends the item with the refresh error, partial kept', async () => {
    const item = await firstItem();
    h().server.faults!.storage(item.name, { status: 403 });
    const refusal = appError({ code: 'DELIVERY.notFound', message: 'gone', retryable: false });
    const request = h().request(item, { refreshUrl: async () => fail(refusal) });
    const result = await downloadArtifact(request, h().deps());
    expect(!result.ok && result.error).toMatchObject({ code: 'DELIVERY.notFound', itemKey: item.itemKey });
  });

  test('a refreshed URL outside the allowlist is refused', async () => {
    const item = await firstItem();
    h().server.faults!.storage(item.name, { status: 403, times: 1 });
    const request = h().request(item, {
      refreshUrl: async () => ok(new URL('http://169.254.169.254/latest')),
    });
    const result = await downloadArtifact(request, h().deps());
    expect(!result.ok && result.error.code).toBe('CLIENT.urlRejected');
  });
});

describe('goal 4: re-download cost', () => {
  test('a reset after several checkpoints re-fetches at most one chunk', async () => {
    const [, , big] = await h().prepare(FIELD_NAV);
    h().server.faults!.storage(big!.name, { resetAfterBytes: 3_500_000, times: 1 });
    const request = h().request(big!);
    const result = await downloadArtifact(request, h().deps({ checkpointBytes: 1024 * 1024 }));
    expect(result.ok && result.value.sha256.equals(big!.sha256)).toBe(true);
    expect(h().server.requestLog!.bytesSent(encodeURIComponent(big!.name)) - big!.size).toBeLessThanOrEqual(
      CHUNK,
    );
  });
});
