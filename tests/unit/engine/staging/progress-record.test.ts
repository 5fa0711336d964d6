// The progress log's records (C1, goal 4): how a reader applies them over the journal, and which
// lines end the log (a torn or damaged one) or are passed over (another generation's).
import { describe, expect, test } from 'vitest';
import type { Journal, JournalItemProgress } from '../../../../electron/engine/staging/journal.js';
import {
  advances,
  applyProgress,
  decodeRecords,
  encodeRecords,
  type ProgressRecord,
} from '../../../../electron/engine/staging/progress-record.js';

const A = '9.tool@1.0.0@a.bin';
const B = '9.tool@1.0.0@b.bin';

/** `generation` null: a journal written by a Courier without the log. */
function journal(items: JournalItemProgress[], generation: number | null = 3): Journal {
  return {
    format: 'courier-journal/1',
    ...(generation !== null ? { generation } : {}),
    catalogId: '9.tool@1.0.0',
    itemType: 'software',
    apiOrigin: 'https://getapp.example',
    deviceId: 'laptop-7',
    startedAt: '2026-07-02T08:00:00.000Z',
    snapshot: null,
    items,
    outbox: [],
  };
}

const item = (itemKey: string, offset: number, state: JournalItemProgress['state'] = 'downloading') => ({
  itemKey,
  offset,
  validator: { etag: '"v1"' },
  state,
});

const record = (itemKey: string, offset: number, generation = 3): ProgressRecord => ({
  generation,
  itemKey,
  offset,
  validator: { etag: '"v1"' },
});

/** The journal's items after reading `bytes` as the log. */
const offsetsAfter = (base: Journal, bytes: Buffer) =>
  applyProgress(base, decodeRecords(bytes)).items.map((i) => i.offset);

describe('progress records', () => {
  test('C1: records apply in order, per item, the last one winning', () => {
    const base = journal([item(A, 1024), item(B, 0, 'pending')]);
    const log = encodeRecords([record(A, 2048), record(B, 512), record(A, 4096), record(B, 8192)]);
    expect(decodeRecords(log)).toEqual([record(A, 2048), record(B, 512), record(A, 4096), record(B, 8192)]);
    const applied = applyProgress(base, decodeRecords(log));
    expect(applied.items).toEqual([{ ...item(A, 4096) }, { ...item(B, 8192, 'pending') }]);
    // The rest of the journal is untouched.
    expect({ ...applied, items: base.items }).toEqual(base);
  });

  test('C1: a record carries its validator onto the item (If-Range on resume)', () => {
    const base = journal([{ itemKey: A, offset: 0, validator: {}, state: 'pending' }]);
    const moved = { ...record(A, 4096), validator: { lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT' } };
    expect(applyProgress(base, decodeRecords(encodeRecords([moved]))).items[0]).toEqual({
      itemKey: A,
      offset: 4096,
      validator: { lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT' },
      state: 'pending',
    });
  });

  test('C1/C2: a torn last record (killed or cut off mid-append) is ignored, the ones before it kept', () => {
    const whole = encodeRecords([record(A, 2048), record(A, 4096)]);
    const base = journal([item(A, 1024)]);
    for (let cut = 1; cut < whole.length; cut += 1) {
      const torn = whole.subarray(0, cut);
      const first = encodeRecords([record(A, 2048)]).length;
      expect(offsetsAfter(base, torn), `cut at ${cut}`).toEqual([cut < first ? 1024 : 2048]);
    }
    expect(offsetsAfter(base, whole)).toEqual([4096]);
  });

  test('C1/C2: a record whose checksum fails ends the log: it and everything after it are ignored', () => {
    const lines = encodeRecords([record(A, 2048), record(A, 4096), record(A, 8192)])
      .toString('utf8')
      .split('\n');
    // The second record's offset changed on disk (a flipped digit), its checksum left as it was.
    lines[1] = lines[1]!.replace('"offset":4096', '"offset":4097');
    const base = journal([item(A, 1024)]);
    expect(offsetsAfter(base, Buffer.from(lines.join('\n')))).toEqual([2048]);
    // Garbage of any kind counts the same: a line that is not a record ends the log.
    for (const junk of ['', 'hello', '00000000 {}', '\u0000\u0000\u0000', `${lines[0]!.slice(0, 8)} null`]) {
      const text = [lines[0], junk, lines[2], ''].join('\n');
      expect(offsetsAfter(base, Buffer.from(text)), JSON.stringify(junk)).toEqual([2048]);
    }
  });

  test('C1: records of another generation are ignored, without ending the log', () => {
    const base = journal([item(A, 1024)], 3);
    const log = encodeRecords([
      record(A, 9999, 2),
      record(A, 2048, 3),
      record(A, 8888, 4),
      record(A, 4096, 3),
    ]);
    expect(offsetsAfter(base, log)).toEqual([4096]);
    // A journal written by a Courier without the log has no generation: no record applies to it.
    expect(offsetsAfter(journal([item(A, 1024)], null), log)).toEqual([1024]);
  });

  test('goal 4: a record never moves an item back, nor one that is not a partial download', () => {
    const base = journal([
      item(A, 4096),
      item(B, 0, 'done'),
      item('9.tool@1.0.0@c.bin', 0, 'verifying'),
      item('9.tool@1.0.0@d.bin', 0, 'failed'),
      item('9.tool@1.0.0@e.bin', 100, 'paused'),
    ]);
    const log = encodeRecords([
      record(A, 2048),
      record(A, 4096),
      record(B, 10),
      record('9.tool@1.0.0@c.bin', 10),
      record('9.tool@1.0.0@d.bin', 10),
      record('9.tool@1.0.0@e.bin', 200),
      record('9.tool@1.0.0@unknown.bin', 10),
    ]);
    expect(offsetsAfter(base, log)).toEqual([4096, 0, 0, 0, 200]);
    expect(advances(item(A, 10), { offset: 11 })).toBe(true);
    expect(advances(item(A, 10), { offset: 10 })).toBe(false);
    expect(advances(item(A, 10, 'done'), { offset: 11 })).toBe(false);
  });

  test('M1/S2: only the record fields reach the line; a hostile itemKey stays data', () => {
    const leaky = {
      ...record('__proto__', 10),
      url: 'https://minio.example/x?X-Amz-Signature=s',
      token: 'CANARY',
    };
    const text = encodeRecords([leaky as ProgressRecord, record('x\n{"a":1}', 20)]).toString('utf8');
    expect(text).not.toMatch(/CANARY|X-Amz|minio|"url"|"token"/);
    expect(text.split('\n')).toHaveLength(3);
    expect(decodeRecords(Buffer.from(text)).map((r) => [r.itemKey, r.offset])).toEqual([
      ['__proto__', 10],
      ['x\n{"a":1}', 20],
    ]);
  });
});
