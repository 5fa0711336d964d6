// report.html: self-contained, every server string escaped (E4, M9), verdict in words, and the exact
// commands to check the package without Courier.
import { describe, expect, test } from 'vitest';
import { escapeHtml, formatBytes, renderReport } from '../../../../electron/engine/staging/report-html.js';
import { makeArtifact, makeManifest } from '../../../support/staging-package.js';

const XSS = '<img src=x onerror=alert(1)>';

describe('renderReport', () => {
  test('E4/M9: itemKey, arguments, metaData, catalogId, server and errors are escaped, never markup', () => {
    const html = renderReport(
      makeManifest(
        [
          makeArtifact({
            itemKey: `9.t@1@${XSS}`,
            arguments: `; rm -rf ~ && ${XSS}`,
            metaData: `{"a":"${XSS}"}`,
            isExecutable: true,
          }),
          makeArtifact({
            itemKey: 'k2',
            file: null,
            sha256: null,
            outcome: 'failed',
            error: { code: 'CLIENT.network', message: XSS },
            reference: `docker://${XSS}`,
          }),
        ],
        { catalogId: `c${XSS}`, server: `https://x/${XSS}`, deviceId: XSS },
      ),
    );
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/<[^>]*onerror/i);
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(html).toContain('; rm -rf ~ &#38;&#38; &#60;img');
    // Every "<" in the page opens one of the report's own tags.
    const allowed = new Set(
      '!doctype html head meta title style body h1 h2 p dl dt dd code pre table thead tbody tr th td div span strong em br'.split(
        ' ',
      ),
    );
    const tags = [...html.matchAll(/<\/?([^\s>/]*)/g)].map((m) => m[1]!.toLowerCase());
    expect(tags.filter((tag) => !allowed.has(tag))).toEqual([]);
  });

  test('self-contained: no scripts, no external resources, a CSP that forbids everything but inline style', () => {
    const html = renderReport(makeManifest([makeArtifact()]));
    expect(html).not.toMatch(/<script|<link|<img|<iframe|src=|href=|@import|url\(/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).toContain('@media print');
  });

  test('verdict is in words, not colour alone; every artifact has a row with sizes, hashes and results', () => {
    const ok = renderReport(makeManifest([makeArtifact({ size: 1_572_864 })]));
    expect(ok).toContain('VERIFIED: all 1 downloadable artifact(s) passed');
    expect(ok).toContain('1.5 MiB (1,572,864 bytes)');
    expect(ok).toContain(makeArtifact().sha256!);
    const bad = renderReport(
      makeManifest([
        makeArtifact(),
        makeArtifact({ itemKey: 'x', file: 'x.bin', hashCheck: 'mismatch', outcome: 'failed' }),
      ]),
    );
    expect(bad).toContain('NOT VERIFIED (FAILED): 1 of 2 downloadable artifact(s) verified');
    expect(bad).toContain('✘ MISMATCH');
    expect(bad).toContain('✘ FAILED (not staged)');
  });

  test('a package staged by choice without checks, or with nothing in it, is never called verified', () => {
    const unverified = renderReport(
      makeManifest([makeArtifact({ outcome: 'unverified', hashCheck: 'none' })]),
    );
    expect(unverified).toContain('NOT VERIFIED (UNVERIFIED): 0 of 1');
    expect(unverified).not.toContain('✔ VERIFIED');
    const empty = renderReport(makeManifest([]));
    expect(empty).toContain('NOT VERIFIED (EMPTY)');
    expect(empty).not.toContain('✔ VERIFIED');
  });

  test('a Base64 expected hash is also shown as hex, for comparing with sha256sum output', () => {
    const html = renderReport(
      makeManifest([
        makeArtifact({
          expectedHash: { algorithm: 'SHA256Base64', value: 'ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=' },
        }),
      ]),
    );
    expect(html).toContain(
      'hex: <code>ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad</code>',
    );
  });

  test('documents how to check the package without Courier on Linux, Windows and macOS', () => {
    const html = renderReport(makeManifest([makeArtifact()]));
    for (const command of [
      'sha256sum -c SHA256SUMS',
      'Get-FileHash -Algorithm SHA256 &lt;file&gt;',
      'certutil -hashfile &lt;file&gt; SHA256',
      'shasum -a 256 -c SHA256SUMS',
    ]) {
      expect(html).toContain(command);
    }
  });

  test('escapeHtml and formatBytes', () => {
    expect(escapeHtml(`&<>"'\``)).toBe('&#38;&#60;&#62;&#34;&#39;&#96;');
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1023)).toBe('1,023 bytes');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5.0 GiB (5,368,709,120 bytes)');
  });
});
