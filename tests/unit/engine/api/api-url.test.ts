// Base URL forms and path parameters (protocol §1.1, §1.5).
import { describe, expect, test } from 'vitest';
import { endpoint, normalizeApiUrl, pathParam } from '../../../../electron/engine/api/api-url.js';

describe('normalizeApiUrl', () => {
  test.each([
    ['https://getapp.example', 'https://getapp.example/api/'],
    ['https://getapp.example/', 'https://getapp.example/api/'],
    ['https://getapp.example/api', 'https://getapp.example/api/'],
    ['https://getapp.example/api/', 'https://getapp.example/api/'],
    ['  http://10.0.0.5:3000/API//  ', 'http://10.0.0.5:3000/api/'],
    ['https://edge.example/getapp', 'https://edge.example/getapp/api/'],
    ['https://edge.example/getapp/api', 'https://edge.example/getapp/api/'],
  ])('%s -> %s', (raw, expected) => {
    const result = normalizeApiUrl(raw);
    expect(result.ok ? result.value.href : result.error.code).toBe(expected);
  });

  test.each([
    'ftp://getapp.example',
    'file:///api',
    'not a url',
    'https://u:p@getapp.example',
    'https://h/api?x=1',
  ])('%s is CLIENT.invalidRequest', (raw) => {
    const result = normalizeApiUrl(raw);
    expect(result.ok ? 'ok' : result.error.code).toBe('CLIENT.invalidRequest');
  });
});

describe('endpoints', () => {
  test('catalogIds are percent-encoded as the SDK does: @ becomes %40', () => {
    const base = normalizeApiUrl('https://getapp.example');
    const param = pathParam('42.field-nav@2.3.1', 'catalog id');
    if (!base.ok || !param.ok) throw new Error('setup');
    expect(endpoint(base.value, `delivery/preparedDelivery/${param.value}`, { source: 'cache' }).href).toBe(
      'https://getapp.example/api/delivery/preparedDelivery/42.field-nav%402.3.1?source=cache',
    );
  });

  test('separators cannot leave the path segment', () => {
    const param = pathParam('a/../../b?c#d', 'catalog id');
    expect(param.ok && param.value).toBe('a%2F..%2F..%2Fb%3Fc%23d');
  });

  test.each(['', '.', '..'])('"%s" is refused: URL parsing would turn it into another endpoint', (value) => {
    expect(pathParam(value, 'catalog id').ok).toBe(false);
  });
});
