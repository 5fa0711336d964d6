// Presigned object-store URLs, shaped like MinIO/S3 ones: an issue date, an expiry and an HMAC over
// both and the object path. The storage server accepts a URL only while it is valid and untampered.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface Presigner {
  /** A fresh URL for `objectPath` (no leading slash), valid for the configured lifetime from now. */
  sign(objectPath: string): string;
  /** Checks the query of a request for `objectPath`. */
  check(objectPath: string, query: URLSearchParams): PresignCheck;
  /** Makes every URL issued up to now expired (a test fault: "expire URLs now"). */
  expireIssuedUrls(): void;
}

export type PresignCheck = 'valid' | 'expired' | 'tampered';

export interface PresignerOptions {
  /** Where the storage server listens (read at signing time: it is known only once it listens). */
  resolveBaseUrl: () => string;
  secret: Buffer;
  ttlSeconds: number;
  now: () => number;
}

function amzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function parseAmzDate(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return undefined;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

export function createPresigner(options: PresignerOptions): Presigner {
  let expiredBefore = -Infinity;
  const mac = (objectPath: string, date: string, expires: string) =>
    createHmac('sha256', options.secret).update(`GET\n/${objectPath}\n${date}\n${expires}`).digest('hex');

  return {
    sign(objectPath) {
      const date = amzDate(options.now());
      const expires = String(options.ttlSeconds);
      const query = new URLSearchParams({
        'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
        'X-Amz-Credential': `courier-demo/${date.slice(0, 8)}/us-east-1/s3/aws4_request`,
        'X-Amz-Date': date,
        'X-Amz-Expires': expires,
        'X-Amz-SignedHeaders': 'host',
        'X-Amz-Signature': mac(objectPath, date, expires),
      });
      const encodedPath = objectPath.split('/').map(encodeURIComponent).join('/');
      return `${options.resolveBaseUrl()}/${encodedPath}?${query.toString()}`;
    },
    check(objectPath, query) {
      const date = query.get('X-Amz-Date') ?? '';
      const expires = query.get('X-Amz-Expires') ?? '';
      const given = Buffer.from(query.get('X-Amz-Signature') ?? '', 'utf8');
      const wanted = Buffer.from(mac(objectPath, date, expires), 'utf8');
      if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return 'tampered';
      const issued = parseAmzDate(date);
      if (issued === undefined || !/^\d+$/.test(expires)) return 'tampered';
      if (options.now() > issued + Number(expires) * 1000 || issued <= expiredBefore) return 'expired';
      return 'valid';
    },
    expireIssuedUrls() {
      // Amz dates have one-second resolution: everything issued up to this second is now expired.
      expiredBefore = Math.floor(options.now() / 1000) * 1000;
    },
  };
}
