// StoredObject: the bytes behind one artifact URL, whatever holds them (memory, a seeded
// generator, a file on disk). The storage server serves any of them with the same Range logic.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { seededStream } from './seeded-bytes.js';

export interface StoredObject {
  readonly size: number;
  /** Quoted, as S3 sends it. */
  readonly etag: string;
  readonly lastModified: Date;
  readonly contentType: string;
  /** Streams bytes [start, endInclusive]. */
  open(start: number, endInclusive: number): Readable;
}

function etagOf(identity: string): string {
  return `"${createHash('md5').update(identity).digest('hex')}"`;
}

export function memoryObject(
  body: Buffer,
  lastModified: Date,
  contentType = 'application/octet-stream',
): StoredObject {
  return {
    size: body.length,
    // S3's ETag of a single-part upload is the MD5 of the body.
    etag: `"${createHash('md5').update(body).digest('hex')}"`,
    lastModified,
    contentType,
    open: (start, endInclusive) =>
      Readable.from([body.subarray(start, endInclusive + 1)], { objectMode: false }),
  };
}

export function seededObject(seed: string, size: number, lastModified: Date): StoredObject {
  return {
    size,
    etag: etagOf(`seeded:${seed}:${size}`),
    lastModified,
    contentType: 'application/octet-stream',
    open: (start, endInclusive) => seededStream(seed, start, endInclusive),
  };
}

export function fileObject(path: string, size: number, mtime: Date, contentType: string): StoredObject {
  return {
    size,
    etag: etagOf(`file:${path}:${size}:${mtime.getTime()}`),
    lastModified: mtime,
    contentType,
    open: (start, endInclusive) =>
      createReadStream(path, { start, end: endInclusive, highWaterMark: 1 << 20 }),
  };
}

/** SHA-256 of a whole object, streamed. */
export async function sha256Of(object: StoredObject): Promise<Buffer> {
  const hash = createHash('sha256');
  if (object.size > 0)
    for await (const chunk of object.open(0, object.size - 1)) hash.update(chunk as Buffer);
  return hash.digest();
}
