// M4, M5, M10: the status body is untrusted text. Every malformed body becomes CLIENT.badResponse
// naming the catalog (and the item, when the fault is in one), and nothing is ever thrown.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { STATUS_MAX_BYTES, parseStatusResponse } from '../../../electron/engine/status-parse.js';

const CATALOG = '42.field-nav@2.3.1';
const ITEM_KEY = `${CATALOG}@field-nav-setup-2.3.1.msi`;
// Protocol fixture F10 (cache, done), shortened URL.
const F10 = JSON.stringify({
  catalogId: CATALOG,
  status: 'done',
  progress: 100,
  artifacts: [
    {
      catalogId: CATALOG,
      id: 77,
      itemKey: ITEM_KEY,
      metaData: '{"platform":"windows"}',
      url: 'https://s3.getapp.example/getapp/cache/software/42.field-nav%402.3.1/field-nav-setup-2.3.1.msi?X-Amz-Expires=3600',
      size: 73400320,
      artifactType: 'software',
      signature: 'MEUCIQ==',
      isExecutable: true,
      arguments: '/quiet /norestart',
    },
  ],
});

function expectBad(text: string, opts: { retryable?: boolean; itemKey?: string; catalogId?: string } = {}) {
  const result = parseStatusResponse(text, opts.catalogId ?? CATALOG);
  expect(result.ok ? 'accepted' : result.error.code).toBe('CLIENT.badResponse');
  if (result.ok) return undefined;
  expect(result.error.message).toContain(JSON.stringify(opts.catalogId ?? CATALOG));
  if (opts.retryable !== undefined) expect(result.error.retryable).toBe(opts.retryable);
  expect(result.error.itemKey).toBe(opts.itemKey);
  return result.error;
}

describe('parseStatusResponse: valid documents', () => {
  test('F10 parses with its artifact intact', () => {
    const result = parseStatusResponse(F10, CATALOG);
    expect(result.ok && result.value.status).toBe('done');
    expect(result.ok && result.value.artifacts?.[0]?.itemKey).toBe(ITEM_KEY);
  });

  test('F8/F9 in-progress bodies, with surrounding whitespace', () => {
    const result = parseStatusResponse(
      `\n {"catalogId":"${CATALOG}","status":"inProgress","progress":37} \n`,
      CATALOG,
    );
    expect(result.ok && result.value.progress).toBe(37);
  });

  test('an unknown status is returned flagged, not refused (protocol §2.3)', () => {
    const result = parseStatusResponse(`{"catalogId":"${CATALOG}","status":"paused"}`, CATALOG);
    expect(result.ok && [result.value.status, result.value.rawStatus]).toEqual(['unknown', 'paused']);
  });
});

describe('M4 not JSON', () => {
  test.each([
    ['truncated JSON', F10.slice(0, F10.length / 2), true],
    ['an HTML error page', '<!DOCTYPE html><html><body>502 Bad Gateway</body></html>', true],
    ['a proxy login page after whitespace', '\r\n  <html><form action="/login">', true],
    ['an empty body', '', true],
    ['whitespace only', '  \n', true],
    ['a bare word', 'OK', true],
    ['a byte-order mark before valid JSON', `\ufeff${F10}`, false],
    ['nesting 10^5 levels deep', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, false],
    [
      'nesting 40 levels inside a field',
      `{"catalogId":"${CATALOG}","status":"done","x":${'['.repeat(40)}${']'.repeat(40)}}`,
      false,
    ],
  ])('%s is CLIENT.badResponse', (_label, text, retryable) => {
    expectBad(text, { retryable });
  });

  test('brackets inside strings do not count as nesting', () => {
    const deepString = JSON.stringify({ catalogId: CATALOG, status: 'start', note: '[{'.repeat(1000) });
    expect(parseStatusResponse(deepString, CATALOG).ok).toBe(true);
  });

  test('a body over 1 MiB is refused even when it is valid JSON', () => {
    const big = JSON.stringify({ catalogId: CATALOG, status: 'start', pad: 'x'.repeat(STATUS_MAX_BYTES) });
    expectBad(big, { retryable: false });
  });

  test('the cap counts UTF-8 bytes, not characters', () => {
    // 400 Ki three-byte characters: under 1 Mi characters, over 1 MiB of UTF-8.
    const big = JSON.stringify({ catalogId: CATALOG, status: 'start', pad: '字'.repeat(400 * 1024) });
    expect(big.length).toBeLessThan(STATUS_MAX_BYTES);
    expectBad(big, { retryable: false });
  });

  test('property: mutations of a valid document never throw and either parse or are badResponse', () => {
    const mutation = fc.oneof(
      fc.nat(F10.length).map((cut) => F10.slice(0, cut)),
      fc.nat(F10.length - 1).map((i) => F10.slice(0, i) + F10.slice(i + 1)),
      fc.nat(F10.length - 1).map((i) => F10.slice(0, i) + F10[i]! + F10.slice(i)),
      fc.string().map((s) => `<html>${s}${F10}</html>`),
    );
    fc.assert(
      fc.property(mutation, (text) => {
        const result = parseStatusResponse(text, CATALOG);
        return result.ok ? result.value.catalogId === CATALOG : result.error.code === 'CLIENT.badResponse';
      }),
      { numRuns: 3000 },
    );
  });

  test('property: any JSON value never throws and is refused unless it is a valid status', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = parseStatusResponse(JSON.stringify(value) ?? 'null', CATALOG);
        return !result.ok && result.error.code === 'CLIENT.badResponse';
      }),
      { numRuns: 3000 },
    );
  });
});

describe('M5 schema and identity checks', () => {
  test('catalogId different from the requested one is refused, naming both', () => {
    const error = expectBad(
      F10.replace(
        /"catalogId":"42\.field-nav@2\.3\.1","status"/,
        '"catalogId":"42.field-nav@2.3.0","status"',
      ),
    );
    expect(error?.message).toContain('"42.field-nav@2.3.0"');
    expect(error?.retryable).toBe(false);
  });

  test('duplicate keys: the last one wins and is what gets checked', () => {
    const text = `{"catalogId":"${CATALOG}","catalogId":"other@1","status":"start"}`;
    expectBad(text);
    const fine = `{"catalogId":"other@1","catalogId":"${CATALOG}","status":"start"}`;
    expect(parseStatusResponse(fine, CATALOG).ok).toBe(true);
  });

  test('an artifact of another catalog is refused, naming the item (M10)', () => {
    const doc = JSON.parse(F10) as { artifacts: { catalogId: string }[] };
    doc.artifacts[0]!.catalogId = '99.other@1.0.0';
    expectBad(JSON.stringify(doc), { itemKey: ITEM_KEY });
  });

  test('a bad field inside an artifact names that item', () => {
    const error = expectBad(F10.replace('"size":73400320', '"size":"73400320"'), { itemKey: ITEM_KEY });
    expect(error?.detail?.field).toBe('artifacts.0.size');
  });

  test.each([
    ['size 1e309', '"size":1e309'],
    ['size -1', '"size":-1'],
    ['size 1.5', '"size":1.5'],
    ['size 2^53', '"size":9007199254740992'],
  ])('%s is refused', (_label, replacement) => {
    expectBad(F10.replace('"size":73400320', replacement), { itemKey: ITEM_KEY, retryable: false });
  });

  test('done without artifacts is refused', () => {
    expectBad(`{"catalogId":"${CATALOG}","status":"done"}`);
    expectBad(`{"catalogId":"${CATALOG}","status":"done","artifacts":[]}`);
  });

  test('progress above 100 is refused', () => {
    expectBad(`{"catalogId":"${CATALOG}","status":"inProgress","progress":101}`);
  });

  test('__proto__ keys never pollute prototypes and never survive into the result', () => {
    const text = `{"__proto__":{"polluted":true},"catalogId":"${CATALOG}","status":"done","artifacts":[{"__proto__":{"isExecutable":true},"catalogId":"${CATALOG}","itemKey":"gpkg","artifactType":"map","url":"https://h/x.gpkg"}]}`;
    const result = parseStatusResponse(text, CATALOG);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
    expect(Object.hasOwn(result.value, '__proto__')).toBe(false);
    const artifact = result.value.artifacts![0]!;
    expect(Object.getPrototypeOf(artifact)).toBe(Object.prototype);
    expect(artifact.isExecutable).toBeUndefined();
  });

  test('a hostile catalogId is escaped in the message', () => {
    const hostile = 'x\u001b[2J\u202e';
    const result = parseStatusResponse('<html>', hostile);
    expect(result.ok ? '' : result.error.message).not.toMatch(/[\p{Cc}\u202e]/u);
  });
});
