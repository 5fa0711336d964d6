// U1-U4, A4, M12: the URL gate runs before any I/O. Only https (http when allowed) to an allowed
// origin, never credentials, never link-local or multicast, at most 5 redirects without downgrade.
import { describe, expect, test } from 'vitest';
import {
  MAX_REDIRECTS,
  checkArtifactUrl,
  checkRedirect,
  isBlockedAddress,
  isDownloadable,
  mayCarryToken,
  normalizeOrigin,
} from '../../../electron/engine/url-policy.js';
import type { UrlPolicy } from '../../../electron/engine/url-policy.js';

const ITEM = '42.field-nav@2.3.1@field-nav-setup-2.3.1.msi';
const API = 'https://getapp.example';
const policy: UrlPolicy = {
  allowedOrigins: [
    API,
    'https://minio.lan:9000',
    'https://127.0.0.1:8443',
    'https://[::1]:9443',
    'https://169.254.169.254',
  ],
  allowHttp: false,
};
const labPolicy: UrlPolicy = { allowedOrigins: ['http://10.0.0.5:9000', API], allowHttp: true };

function expectRejected(result: ReturnType<typeof checkArtifactUrl>, code = 'CLIENT.urlRejected'): string {
  expect(result.ok ? `accepted ${result.value.href}` : result.error.code).toBe(code);
  if (result.ok) return '';
  expect(result.error.itemKey).toBe(ITEM);
  expect(result.error.message).toContain(JSON.stringify(ITEM));
  expect(result.error.retryable).toBe(false);
  return result.error.message;
}

describe('U1 schemes', () => {
  test.each([
    'file:///etc/passwd',
    'data:application/octet-stream;base64,AAAA',
    'javascript:alert(1)',
    'ftp://minio.lan:9000/x',
    'blob:https://getapp.example/1234',
    'ws://getapp.example/x',
    'rpm://field-nav-agent',
    'http://getapp.example/x',
    'not a url',
    '',
    '//getapp.example/x',
  ])('%j is refused', (url) => {
    expectRejected(checkArtifactUrl(url, policy, ITEM));
  });

  test('https to an allowed origin is accepted', () => {
    const result = checkArtifactUrl('https://minio.lan:9000/getapp/x.msi?X-Amz-Signature=abc', policy, ITEM);
    expect(result.ok && result.value.pathname).toBe('/getapp/x.msi');
  });

  test('http is accepted only when the admin setting allows it, and only for allowed origins', () => {
    expect(checkArtifactUrl('http://10.0.0.5:9000/x', labPolicy, ITEM).ok).toBe(true);
    expectRejected(checkArtifactUrl('http://10.0.0.6:9000/x', labPolicy, ITEM));
    expectRejected(checkArtifactUrl('http://10.0.0.5:9000/x', { ...labPolicy, allowHttp: false }, ITEM));
  });

  test('an absurdly long URL is refused before parsing', () => {
    expectRejected(checkArtifactUrl(`${API}/${'a'.repeat(20_000)}`, policy, ITEM));
  });
});

describe('U4 credentials in the URL', () => {
  test.each(['https://u:p@minio.lan:9000/x', 'https://u@minio.lan:9000/x', 'https://:p@minio.lan:9000/x'])(
    '%s is refused and the message does not repeat the secret',
    (url) => {
      const message = expectRejected(checkArtifactUrl(url, policy, ITEM));
      expect(message).not.toContain('u:p');
      expect(message).not.toContain(':p@');
    },
  );
});

describe('U2 origin allowlist with normalised hosts', () => {
  test.each([
    ['uppercase host and explicit default port', 'https://GETAPP.Example:443/x'],
    ['decimal IPv4 for an allowed 127.0.0.1', 'https://2130706433:8443/x'],
    ['hex/short IPv4 0x7f.1', 'https://0x7f.1:8443/x'],
    ['octal IPv4 0177.0.0.1', 'https://0177.0.0.1:8443/x'],
    ['IPv6 loopback with brackets', 'https://[0:0:0:0:0:0:0:1]:9443/x'],
  ])('%s matches its normalised allowed origin', (_label, url) => {
    expect(checkArtifactUrl(url, policy, ITEM).ok).toBe(true);
  });

  test.each([
    ['another host', 'https://evil.example/x'],
    ['the right host on another port', 'https://minio.lan:9001/x'],
    ['the allowed host with a trailing dot (may resolve elsewhere)', 'https://getapp.example./x'],
    ['a subdomain of an allowed host', 'https://a.getapp.example/x'],
    ['an allowed host as a userinfo trick', 'https://getapp.example@evil.example/x'],
    ['IPv4-mapped loopback not in the list', 'https://[::ffff:127.0.0.1]/x'],
    ['decimal loopback on a port not in the list', 'https://2130706433/x'],
    ['a lookalike punycode host', 'https://getаpp.example/x'],
  ])('%s is refused', (_label, url) => {
    expectRejected(checkArtifactUrl(url, policy, ITEM));
  });

  test.each([
    ['169.254.169.254 (listed, still blocked)', 'https://169.254.169.254/latest/meta-data'],
    ['decimal form of 169.254.169.254', 'https://2852039166/x'],
    ['IPv6 link-local', 'https://[fe80::1]/x'],
    ['IPv6 link-local, upper end of fe80::/10', 'https://[febf::1]/x'],
    ['IPv4-mapped link-local', 'https://[::ffff:169.254.169.254]/x'],
    ['IPv4 multicast', 'https://224.0.0.1/x'],
    ['IPv6 multicast', 'https://[ff02::1]/x'],
    ['unspecified 0.0.0.0', 'https://0.0.0.0/x'],
  ])('%s is always blocked', (_label, url) => {
    const allowEverything: UrlPolicy = { allowedOrigins: [new URL(url).origin], allowHttp: false };
    const message = expectRejected(checkArtifactUrl(url, allowEverything, ITEM));
    expect(message).toContain('link-local, multicast or unspecified');
  });

  test('a malformed allowed-origin entry matches nothing instead of throwing', () => {
    expectRejected(
      checkArtifactUrl(
        'https://minio.lan/x',
        { allowedOrigins: ['::not a url', ''], allowHttp: false },
        ITEM,
      ),
    );
  });

  test('the error detail never carries the presigned query string', () => {
    const result = checkArtifactUrl('https://evil.example/x?X-Amz-Signature=SECRET', policy, ITEM);
    expect(JSON.stringify(result)).not.toContain('SECRET');
  });

  test('isBlockedAddress classifies raw addresses for the DNS lookup hook', () => {
    expect(
      ['169.254.0.1', 'fe80::abcd', '[fe80::1]', '::ffff:169.254.1.1', '239.1.2.3', 'ff05::2', '::'].map(
        isBlockedAddress,
      ),
    ).toEqual([true, true, true, true, true, true, true]);
    expect(
      ['127.0.0.1', '10.0.0.5', '::1', 'fec0::1', '192.168.1.1', 'example.com', ''].map(isBlockedAddress),
    ).toEqual([false, false, false, false, false, false, false]);
  });

  // U2: every IPv6 spelling that still lands on an IPv4 never-server address.
  test.each([
    ['IPv4-mapped, dotted', '::ffff:169.254.169.254'],
    ['IPv4-mapped, hex', '::ffff:a9fe:a9fe'],
    ['IPv4-compatible, hex', '::a9fe:a9fe'],
    ['IPv4-compatible, dotted', '::169.254.169.254'],
    ['IPv4-compatible, bracketed', '[::a9fe:a9fe]'],
    ['IPv4-compatible, fully written', '0:0:0:0:0:0:a9fe:1'],
    ['NAT64, hex', '64:ff9b::a9fe:a9fe'],
    ['NAT64, dotted', '64:ff9b::169.254.169.254'],
    ['NAT64, upper case', '64:FF9B::A9FE:0001'],
    ['NAT64 multicast', '64:ff9b::224.0.0.1'],
    ['NAT64 unspecified', '64:ff9b::0.0.0.0'],
    ['NAT64 broadcast', '64:ff9b::255.255.255.255'],
    ['IPv4-compatible multicast', '::239.1.2.3'],
  ])('U2 link-local in IPv6 clothing: %s (%s) is blocked', (_label, address) => {
    expect(isBlockedAddress(address)).toBe(true);
  });

  test.each([
    ['IPv4-compatible, in a URL', 'https://[::169.254.169.254]/latest/meta-data'],
    ['NAT64, in a URL', 'https://[64:ff9b::169.254.169.254]/latest/meta-data'],
    ['NAT64 hex, in a URL', 'https://[64:ff9b::a9fe:a9fe]/x'],
  ])('U2 %s is refused even when its origin is allowed', (_label, url) => {
    const allowEverything: UrlPolicy = { allowedOrigins: [new URL(url).origin], allowHttp: false };
    expect(expectRejected(checkArtifactUrl(url, allowEverything, ITEM))).toContain(
      'link-local, multicast or unspecified',
    );
  });

  test.each([
    ['IPv6 loopback (lab servers bind it)', '::1'],
    ['NAT64 of a private address', '64:ff9b::10.0.0.5'],
    ['IPv4-compatible neighbour of link-local', '::a9ff:1'],
    ['NAT64 neighbour of link-local', '64:ff9b::a9fd:ffff'],
    ['another NAT64-looking prefix', '64:ff9c::a9fe:a9fe'],
  ])('U2 %s (%s) stays allowed', (_label, address) => {
    expect(isBlockedAddress(address)).toBe(false);
  });

  test('normalizeOrigin accepts only http(s)', () => {
    expect(normalizeOrigin('HTTPS://GetApp.Example:443/a?b')).toBe('https://getapp.example');
    expect(normalizeOrigin('file:///x')).toBeUndefined();
    expect(normalizeOrigin('nope')).toBeUndefined();
  });
});

describe('U3 redirects', () => {
  const from = new URL(`${API}/api/download/x`);

  test('a relative location resolves against the current URL', () => {
    const result = checkRedirect(from, '../y?z=1', policy, 1, ITEM);
    expect(result.ok && result.value.href).toBe(`${API}/api/y?z=1`);
  });

  test('a redirect to an allowed storage origin is followed', () => {
    expect(checkRedirect(from, 'https://minio.lan:9000/b/x', policy, 1, ITEM).ok).toBe(true);
  });

  test(`hop ${MAX_REDIRECTS} is allowed, hop ${MAX_REDIRECTS + 1} is refused`, () => {
    expect(checkRedirect(from, '/a', policy, MAX_REDIRECTS, ITEM).ok).toBe(true);
    expectRejected(checkRedirect(from, '/a', policy, MAX_REDIRECTS + 1, ITEM));
  });

  test.each([
    ['another origin', 'https://evil.example/x'],
    ['file:', 'file:///etc/passwd'],
    ['data:', 'data:,hello'],
    ['credentials', 'https://u:p@minio.lan:9000/x'],
    ['link-local metadata', 'https://169.254.169.254/'],
  ])('a redirect to %s is refused', (_label, location) => {
    expectRejected(checkRedirect(from, location, policy, 1, ITEM));
  });

  test('https to http is refused even when http is allowed for the lab', () => {
    const lab: UrlPolicy = { allowedOrigins: [API, 'http://getapp.example'], allowHttp: true };
    const message = expectRejected(checkRedirect(from, 'http://getapp.example/x', lab, 1, ITEM));
    expect(message).toContain('https to http');
  });

  test('a missing Location header is a bad response', () => {
    expectRejected(checkRedirect(from, null, policy, 1, ITEM), 'CLIENT.badResponse');
    expectRejected(checkRedirect(from, '  ', policy, 1, ITEM), 'CLIENT.badResponse');
  });

  test('an invalid hop number is refused', () => {
    expectRejected(checkRedirect(from, '/a', policy, 0, ITEM));
    expectRejected(checkRedirect(from, '/a', policy, 1.5, ITEM));
  });
});

describe('A4/U3 mayCarryToken: only the exact API origin', () => {
  test.each([
    [`${API}/api/delivery/preparedDelivery/x`, true],
    ['https://GETAPP.example:443/api', true],
    [new URL(`${API}/api`), true],
    ['https://minio.lan:9000/getapp/x', false],
    ['http://getapp.example/api', false],
    ['https://getapp.example:8443/api', false],
    ['https://getapp.example./api', false],
    ['https://api.getapp.example/api', false],
    ['https://getapp.example@evil.example/', false],
    ['https://u:p@getapp.example/api', false],
    ['not a url', false],
  ])('%s -> %s', (url, expected) => {
    expect(mayCarryToken(url, API)).toBe(expected);
  });

  test('a malformed API origin grants nothing', () => {
    expect(mayCarryToken(`${API}/x`, 'garbage')).toBe(false);
  });
});

describe('M12 isDownloadable', () => {
  const base = { itemKey: ITEM, artifactType: 'software', url: 'https://minio.lan:9000/x.msi' };

  test('software and map items with an http(s) URL are downloadable', () => {
    expect(isDownloadable(base).ok).toBe(true);
    expect(isDownloadable({ ...base, itemKey: 'gpkg', artifactType: 'map' }).ok).toBe(true);
  });

  test.each([
    ['docker_image', 'harbor.getapp.example/field-nav/field-nav-api:2.3.1'],
    ['docker_image', 'https://harbor.example/v2/x'],
    ['rpm', 'rpm://mixed-stack-agent'],
    ['deb', 'deb://mixed-stack-agent'],
    ['helm_chart', 'https://minio.lan:9000/x.tgz'],
    ['software', 'rpm://field-nav-agent'],
    ['software', 'harbor.getapp.example/field-nav/api:2.3.1'],
  ])('%s %s is not downloadable, with the reference kept', (artifactType, url) => {
    const result = isDownloadable({ ...base, artifactType, url });
    expect(result.ok ? 'downloadable' : result.error.code).toBe('CLIENT.notDownloadable');
    if (result.ok) return;
    expect(result.error.itemKey).toBe(ITEM);
    expect(result.error.detail?.reference).toBe(url);
    expect(result.error.detail?.artifactType).toBe(artifactType);
  });

  test.each(['data:,x', 'file:///etc/passwd', 'javascript:alert(1)', 'ftp://h/x', 'blob:https://h/1'])(
    'a file item with %s is rejected as a hostile URL (U1)',
    (url) => {
      expectRejected(isDownloadable({ ...base, url }));
    },
  );
});
