// The verdict on an artifact response before any body byte is written (T8, M7, T9, T7, U3, U5).
import { describe, expect, test } from 'vitest';
import { decideResponse } from '../../../../electron/engine/download/range-response.js';
import {
  parseContentRange,
  responseValidator,
} from '../../../../electron/engine/download/response-headers.js';
import type {
  RangeExpectation,
  ResponseDecision,
} from '../../../../electron/engine/download/range-response.js';

const ITEM = '1.field-nav@2.3.1@tool.bin';
const NOW = Date.UTC(2026, 6, 2, 8, 0, 0);

function expectation(fields: Partial<RangeExpectation> = {}): RangeExpectation {
  return {
    itemKey: ITEM,
    offset: 0,
    expectedSize: 1000,
    maxSize: 64 * 1024 ** 3,
    validator: {},
    nowMs: NOW,
    ...fields,
  };
}

function errorOf(decision: ResponseDecision) {
  if (decision.kind !== 'fail') throw new Error(`expected a failure, got ${decision.kind}`);
  return decision.error;
}

describe('full answers (200)', () => {
  test('a 200 with the declared Content-Length is written from byte 0 to the declared size', () => {
    const d = decideResponse(200, { 'content-length': '1000', etag: '"abc"' }, expectation());
    expect(d).toEqual({
      kind: 'body',
      start: 0,
      end: 1000,
      exact: true,
      fileSize: 1000,
      validator: { etag: '"abc"' },
    });
  });

  test('T8: a 200 to a Range request restarts from zero instead of appending', () => {
    const d = decideResponse(
      200,
      { 'content-length': '1000' },
      expectation({ offset: 400, validator: { etag: '"a"' } }),
    );
    expect(d).toMatchObject({ kind: 'body', start: 0, end: 1000 });
  });

  test('M7: a Content-Length that disagrees with the declared size fails before the body, not retried', () => {
    for (const length of ['999', '1001', '0', '1000000']) {
      const error = errorOf(decideResponse(200, { 'content-length': length }, expectation()));
      expect(error).toMatchObject({ code: 'CLIENT.sizeMismatch', retryable: false, itemKey: ITEM });
      expect(error.message).toContain(ITEM);
    }
  });

  test('M7: unknown size is capped by maxSize, and an EOF-delimited body is bounded by it', () => {
    const x = expectation({ expectedSize: undefined, maxSize: 5000 });
    expect(errorOf(decideResponse(200, { 'content-length': '5001' }, x)).code).toBe('CLIENT.sizeMismatch');
    expect(decideResponse(200, { 'content-length': '4000' }, x)).toMatchObject({
      end: 4000,
      exact: true,
      fileSize: 4000,
    });
    expect(decideResponse(200, {}, x)).toMatchObject({ end: 5000, exact: false, fileSize: undefined });
  });

  test('a garbage Content-Length is a bad response', () => {
    expect(errorOf(decideResponse(200, { 'content-length': '12abc' }, expectation())).code).toBe(
      'CLIENT.badResponse',
    );
  });
});

describe('T9: encodings and web pages', () => {
  test.each(['gzip', 'br', 'deflate', 'GZIP', 'identity, gzip'])(
    'Content-Encoding %s is refused',
    (encoding) => {
      const error = errorOf(
        decideResponse(200, { 'content-encoding': encoding, 'content-length': '1000' }, expectation()),
      );
      expect(error).toMatchObject({ code: 'CLIENT.badResponse', retryable: false });
    },
  );

  test('identity encoding is accepted', () => {
    expect(decideResponse(200, { 'content-encoding': 'identity' }, expectation()).kind).toBe('body');
  });

  test('text/html is flagged as a proxy or login page', () => {
    const error = errorOf(decideResponse(200, { 'content-type': 'text/html; charset=utf-8' }, expectation()));
    expect(error.code).toBe('CLIENT.badResponse');
    expect(error.message).toMatch(/web page \(proxy or login page\?\)/);
  });
});

describe('partial answers (206)', () => {
  const resume = expectation({ offset: 400, validator: { etag: '"v1"' } });

  test('a 206 starting exactly at the offset with the declared total continues the partial', () => {
    const d = decideResponse(
      206,
      { 'content-range': 'bytes 400-999/1000', 'content-length': '600', etag: '"v1"' },
      resume,
    );
    expect(d).toMatchObject({ kind: 'body', start: 400, end: 1000, exact: true, fileSize: 1000 });
  });

  test('T8: a 206 that starts elsewhere restarts', () => {
    for (const range of ['bytes 0-999/1000', 'bytes 399-999/1000', 'bytes 401-999/1000']) {
      expect(decideResponse(206, { 'content-range': range }, resume).kind).toBe('restart');
    }
  });

  test('T8: a 206 without a usable Content-Range restarts', () => {
    for (const range of [
      undefined,
      'bytes 400-999/*x',
      'bytes 400-1000/1000',
      'bytes 500-400/1000',
      'items 400-999/1000',
    ]) {
      expect(decideResponse(206, range === undefined ? {} : { 'content-range': range }, resume).kind).toBe(
        'restart',
      );
    }
  });

  test('T8: a changed ETag restarts even if the server ignored If-Range', () => {
    const d = decideResponse(206, { 'content-range': 'bytes 400-999/1000', etag: '"v2"' }, resume);
    expect(d).toMatchObject({ kind: 'restart', reason: expect.stringContaining('changed') });
  });

  test('T8: a Content-Range total other than the declared size is a size mismatch', () => {
    const error = errorOf(decideResponse(206, { 'content-range': 'bytes 400-1999/2000' }, resume));
    expect(error).toMatchObject({ code: 'CLIENT.sizeMismatch', retryable: false });
  });

  test('M7: a Content-Length that disagrees with the range fails before the body', () => {
    const error = errorOf(
      decideResponse(206, { 'content-range': 'bytes 400-999/1000', 'content-length': '500' }, resume),
    );
    expect(error.code).toBe('CLIENT.sizeMismatch');
  });

  test('a 206 to a request without Range is a bad response', () => {
    expect(errorOf(decideResponse(206, { 'content-range': 'bytes 0-999/1000' }, expectation())).code).toBe(
      'CLIENT.badResponse',
    );
  });

  test('a shorter range is accepted and says more of the file remains', () => {
    const d = decideResponse(206, { 'content-range': 'bytes 400-499/1000' }, resume);
    expect(d).toMatchObject({ kind: 'body', start: 400, end: 500, fileSize: 1000 });
  });
});

describe('416', () => {
  test('T8: 416 on a partial that already has the declared size means "verify locally"', () => {
    expect(decideResponse(416, { 'content-range': 'bytes */1000' }, expectation({ offset: 1000 })).kind).toBe(
      'complete',
    );
  });

  test('T8: 416 on a partial of any other size restarts', () => {
    expect(decideResponse(416, { 'content-range': 'bytes */300' }, expectation({ offset: 400 })).kind).toBe(
      'restart',
    );
  });

  test("unknown size: complete only when the server names the partial's size as the total", () => {
    const x = expectation({ expectedSize: undefined, offset: 700 });
    expect(decideResponse(416, { 'content-range': 'bytes */700' }, x).kind).toBe('complete');
    expect(decideResponse(416, {}, x).kind).toBe('restart');
  });
});

describe('errors, expiry and redirects', () => {
  test('U5: 403 is "URL expired"', () => {
    expect(decideResponse(403, {}, expectation()).kind).toBe('expired');
  });

  test('404 is not retryable; 5xx and 429 are', () => {
    expect(errorOf(decideResponse(404, {}, expectation()))).toMatchObject({
      retryable: false,
      httpStatus: 404,
    });
    for (const status of [500, 502, 503, 504, 429, 408]) {
      expect(errorOf(decideResponse(status, {}, expectation()))).toMatchObject({
        code: 'CLIENT.serverError',
        retryable: true,
      });
    }
  });

  test('T7: Retry-After is honoured for 429 and 503 only, capped, garbage ignored', () => {
    const retry = (status: number, value: string) => {
      const d = decideResponse(status, { 'retry-after': value }, expectation());
      return d.kind === 'fail' ? d.retryAfterMs : 'not a failure';
    };
    expect(retry(503, '7')).toBe(7000);
    expect(retry(429, '1000000000')).toBe(300_000);
    expect(retry(503, '-1')).toBeUndefined();
    expect(retry(503, 'soon')).toBeUndefined();
    expect(retry(500, '7')).toBeUndefined();
  });

  test('U3: 301/302/303/307/308 are redirects carrying their Location', () => {
    for (const status of [301, 302, 303, 307, 308]) {
      expect(decideResponse(status, { location: '/next' }, expectation())).toEqual({
        kind: 'redirect',
        location: '/next',
        status,
      });
    }
  });
});

describe('header parsing', () => {
  test('only strong ETags become validators', () => {
    expect(responseValidator({ etag: 'W/"weak"', 'last-modified': 'Sun, 21 Jun 2026 09:12:00 GMT' })).toEqual(
      {
        lastModified: 'Sun, 21 Jun 2026 09:12:00 GMT',
      },
    );
    expect(responseValidator({ etag: '"strong"' })).toEqual({ etag: '"strong"' });
  });

  test('Content-Range parsing is strict', () => {
    expect(parseContentRange('bytes 0-0/1')).toEqual({ start: 0, end: 0, total: 1 });
    expect(parseContentRange('bytes 5-9/*')).toEqual({ start: 5, end: 9, total: undefined });
    expect(parseContentRange('bytes 5-9/9')).toBeUndefined();
    expect(parseContentRange('bytes=5-9/10')).toBeUndefined();
  });
});
