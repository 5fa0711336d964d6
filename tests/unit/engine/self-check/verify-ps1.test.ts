// verify.ps1 checked statically (no PowerShell on the build machine): it runs every step verify.sh
// runs, its quoting survives any name a manifest can hold, its braces and brackets balance outside
// strings and comments, and it is written with the BOM Windows PowerShell 5.1 needs for UTF-8.
import { sign } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { parsePublicKey } from '../../../../electron/engine/integrity/public-key.js';
import { selfCheckFiles } from '../../../../electron/engine/self-check/kit.js';
import { makeArtifact, makeManifest, newSigningPair } from '../../../support/staging-package.js';

const NAMES = ['Field Nav Setup.msi', 'מפת אזור 7.gpkg', "it's.bin", 'typographic ’quote’.bin'];
const PAIR = newSigningPair();
const SIGNATURE = sign('sha256', Buffer.from('bytes'), PAIR.privateKey).toString('base64');

function renderPs1(signed: boolean): { text: string; bytes: Buffer } {
  const manifest = makeManifest(
    NAMES.map((file, i) =>
      makeArtifact({ itemKey: `9.tool@1.0.0@x${i}`, file, signature: signed ? SIGNATURE : null }),
    ),
    { publicKeyFingerprint: 'ab'.repeat(32) },
  );
  const key = parsePublicKey(PAIR.publicKeyPem);
  const file = selfCheckFiles(manifest, key.ok ? key.value : undefined).find((f) => f.name === 'verify.ps1');
  if (!file) throw new Error('no verify.ps1');
  return { text: file.data.subarray(3).toString('utf8'), bytes: file.data };
}

type Token = { kind: 'single' | 'double'; value: string } | { kind: 'code'; value: string };

/** PowerShell's strings and comments, enough to tell code from text: '' and `" are escapes. */
function tokens(script: string): Token[] {
  const out: Token[] = [];
  const single = /['\u2018\u2019\u201a\u201b]/;
  let i = 0;
  while (i < script.length) {
    const c = script[i]!;
    if (c === '#') {
      while (i < script.length && script[i] !== '\n') i += 1;
    } else if (single.test(c)) {
      let value = '';
      i += 1;
      for (;;) {
        if (i >= script.length) throw new Error('unterminated single-quoted string');
        if (single.test(script[i]!)) {
          if (single.test(script[i + 1] ?? '')) {
            value += script[i];
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        value += script[i];
        i += 1;
      }
      out.push({ kind: 'single', value });
    } else if (c === '"') {
      let value = '';
      i += 1;
      while (script[i] !== '"') {
        if (i >= script.length) throw new Error('unterminated double-quoted string');
        if (script[i] === '`') i += 1;
        value += script[i];
        i += 1;
      }
      i += 1;
      out.push({ kind: 'double', value });
    } else {
      out.push({ kind: 'code', value: c });
      i += 1;
    }
  }
  return out;
}

describe('verify.ps1', () => {
  test('starts with a UTF-8 BOM and runs the same steps as verify.sh', () => {
    const { text, bytes } = renderPs1(true);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    for (const step of [
      'Set-Location -LiteralPath $PSScriptRoot',
      "Join-Path $PSScriptRoot 'SHA256SUMS'",
      'Get-FileHash -LiteralPath $path -Algorithm SHA256',
      "Join-Path $PSScriptRoot 'cosign.pub'",
      'System.Security.Cryptography.SHA256',
      'Get-Command openssl',
      '& $openssl.Path dgst -sha256 -verify cosign.pub -signature "./$sig" "./$name"',
      'DRIVE VERIFIED: ',
      'NOT VERIFIED: ',
      'FILES INTACT, SIGNATURES NOT CHECKED: ',
      'exit 0',
      'exit 1',
      'exit 3',
    ])
      expect(text).toContain(step);
  });

  test('braces, parentheses and brackets balance outside strings and comments', () => {
    const code = tokens(renderPs1(true).text)
      .filter((t) => t.kind === 'code')
      .map((t) => t.value)
      .join('');
    const stack: string[] = [];
    const pairs: Record<string, string> = { ')': '(', '}': '{', ']': '[' };
    for (const c of code) {
      if ('({['.includes(c)) stack.push(c);
      else if (c in pairs) expect(stack.pop()).toBe(pairs[c]);
    }
    expect(stack).toEqual([]);
  });

  test('the package facts survive quoting: every signed name reads back exactly, the fingerprint too', () => {
    const { text } = renderPs1(true);
    const all = tokens(text);
    const header = text.slice(0, text.indexOf('$unstorable'));
    const signedBlock = tokens(header.slice(header.indexOf('$signed = @(')));
    expect(signedBlock.filter((t) => t.kind === 'single').map((t) => t.value)).toEqual(NAMES);
    expect(all.some((t) => t.kind === 'single' && t.value === 'ab'.repeat(32))).toBe(true);
  });

  test('every fact the header sets is used by the check', () => {
    const { text } = renderPs1(false);
    const [header, body] = [
      text.slice(0, text.indexOf('function Count')),
      text.slice(text.indexOf('function Count')),
    ];
    const set = [...header.matchAll(/^\$(\w+) = /gm)].map((m) => m[1]!);
    expect(set).toEqual([
      'package',
      'expectedFiles',
      'expectedKey',
      'label',
      'labelMeaning',
      'signed',
      'unstorable',
    ]);
    for (const name of set) expect(body).toMatch(new RegExp(`\\$${name}\\b`));
    // Unsigned: an empty list, and no openssl step is needed to pass.
    expect(header).toContain('$signed = @(\n)');
  });
});
