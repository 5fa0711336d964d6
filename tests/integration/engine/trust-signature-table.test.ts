// M8: one strictness for every path that checks a signature. Each malformed spelling of a valid
// signature is run through (a) the signature check itself, (b) a fresh fetch, (c) F7 reuse of a
// verified package, and (d) the offline folder check; a path that turns lenient (Node's base64
// decoder skips junk, accepts base64url and ignores padding bits) fails its row. The first row is
// the valid signature itself, so a path that refuses everything fails too.
import { createPublicKey, randomBytes, sign, verify } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { signingKeyFromSeed } from '../../../electron/demo-server/signing.js';
import { verifyFolder } from '../../../electron/engine/index.js';
import { startSignatureCheck } from '../../../electron/engine/integrity/signature.js';
import type { Manifest } from '../../../electron/shared/manifest.js';
import { engineHarness, type EngineHarness } from '../../support/engine-harness.js';
import {
  exists,
  fetchAgain,
  itemNamed,
  manifestEntry,
  patchArtifacts,
  readManifestJson,
  storageRequests,
} from '../../support/engine-trust.js';
import { useTempDirs } from '../../support/temp-dir.js';

const ID = '11.sig-table@1.0.0';
const FILE = 'tool.bin';
const OTHER = 'other.bin';
const BODY = randomBytes(50_000);
const tempDir = useTempDirs();

/** The demo server's signing key (signing.ts; the seed is index.ts's KEY_SEED), to craft signatures. */
const demoKey = signingKeyFromSeed('courier-demo');

/**
 * A valid signature of BODY that contains '+' or '/' and ends in '=', so its base64url and
 * non-canonical-padding spellings differ from it (ECDSA signatures are random: draw until one fits).
 */
function craftedSignature(): string {
  for (;;) {
    const sig = sign('sha256', BODY, demoKey.privateKey).toString('base64');
    if (/[+/]/.test(sig) && sig.endsWith('=')) return sig;
  }
}

/** The same bytes, with the lowest padding bit of the last data character set (decodes identically). */
function nonCanonicalPadding(sig: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const body = sig.replace(/=+$/, '');
  const last = alphabet.indexOf(body.at(-1)!);
  const spelled = body.slice(0, -1) + alphabet[last + 1] + sig.slice(body.length);
  if (Buffer.from(spelled, 'base64').compare(Buffer.from(sig, 'base64')) !== 0)
    throw new Error('not a padding-bits-only change');
  return spelled;
}

interface Row {
  readonly name: string;
  readonly variant: (valid: string, other: string) => string;
  /** What a fetch reports; null for the valid control row. */
  readonly code: 'CLIENT.signatureInvalid' | 'CLIENT.signatureMissing' | null;
  /** Node's lenient base64 decoder turns it into the valid DER: only the text check can refuse it. */
  readonly lenient?: true;
}

const ROWS: readonly Row[] = [
  { name: 'the valid signature (control)', variant: (s) => s, code: null },
  {
    name: 'a junk character appended',
    variant: (s) => `${s}!`,
    code: 'CLIENT.signatureInvalid',
    lenient: true,
  },
  { name: 'a leading space', variant: (s) => ` ${s}`, code: 'CLIENT.signatureInvalid', lenient: true },
  { name: 'a trailing newline', variant: (s) => `${s}\n`, code: 'CLIENT.signatureInvalid', lenient: true },
  {
    name: 'a space inside',
    variant: (s) => `${s.slice(0, 20)} ${s.slice(20)}`,
    code: 'CLIENT.signatureInvalid',
    lenient: true,
  },
  {
    name: 'base64url',
    variant: (s) => s.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
    code: 'CLIENT.signatureInvalid',
    lenient: true,
  },
  {
    name: 'padding stripped',
    variant: (s) => s.replace(/=+$/, ''),
    code: 'CLIENT.signatureInvalid',
    lenient: true,
  },
  {
    name: 'non-canonical padding bits',
    variant: nonCanonicalPadding,
    code: 'CLIENT.signatureInvalid',
    lenient: true,
  },
  // An empty string is no signature at all: with the key pinned that is "missing", not "invalid".
  { name: 'the empty string', variant: () => '', code: 'CLIENT.signatureMissing' },
  { name: "'AAAA'", variant: () => 'AAAA', code: 'CLIENT.signatureInvalid' },
  { name: "another item's valid signature", variant: (_s, other) => other, code: 'CLIENT.signatureInvalid' },
];

let valid: string;
/** The signature the server really sends for other.bin (set by tableHarness). */
let otherSignature = '';
beforeAll(() => {
  valid = craftedSignature();
});

let harness: EngineHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function tableHarness(): Promise<EngineHarness> {
  const dataDir = await tempDir();
  await writeFile(join(dataDir, FILE), BODY);
  await writeFile(join(dataDir, OTHER), randomBytes(20_000));
  const artifacts = [FILE, OTHER].map((file) => ({ file, hash: 'none' }));
  await writeFile(
    join(dataDir, 'courier-demo.json'),
    JSON.stringify({ deliveries: [{ catalogId: ID, artifacts }] }),
  );
  const h = await engineHarness({ server: { dataDir } });
  // The crafted signatures are only meaningful if the server signs with the same key.
  expect(h.server.publicKeyPem).toBe(demoKey.publicKeyPem);
  // "Another item's signature" is the one the server really sends for other.bin.
  otherSignature = h.server.catalog.deliveries
    .get(ID)!
    .artifacts.find((a) => a.file?.name === OTHER)!.signature!;
  return h;
}

const serveSignature = (h: EngineHarness, signature: string) =>
  patchArtifacts(
    h,
    (key) => key.endsWith(`@${FILE}`),
    (artifact) => {
      artifact.signature = signature;
    },
  );

describe('M8: every path checks a signature with the same strictness', () => {
  test('M8: the table is meaningful: every spelling differs, and the lenient ones decode to a valid signature', () => {
    expect(new Set(ROWS.map((r) => r.variant(valid, 'x'))).size).toBe(ROWS.length);
    // A path that decoded these with Buffer.from(text, 'base64') and no text check would accept them.
    for (const row of ROWS.filter((r) => r.lenient)) {
      const der = Buffer.from(row.variant(valid, 'x'), 'base64');
      expect(verify('sha256', BODY, demoKey.privateKey, der), row.name).toBe(true);
    }
  });

  for (const row of ROWS) {
    test(`M8: ${row.name}: check, fetch, reuse and offline verify agree`, async () => {
      harness = await tableHarness();
      const sig = row.variant(valid, otherSignature);
      const ok = row.code === null;

      // (a) The check itself, fed every byte: fails if signature.ts's strict text check is loosened.
      const check = startSignatureCheck(createPublicKey(harness.server.publicKeyPem), sig);
      check.sink?.update(BODY);
      expect(check.holds()).toBe(ok);

      // A verified package on disk, staged with the server's own signatures.
      const staged = await harness.fetch(ID);
      expect(staged).toMatchObject({ phase: 'staged', verified: true });
      const folder = staged.folder!;

      // (d) Offline: the manifest's signature replaced by the variant, checked with the key.
      const manifestPath = join(folder, 'manifest.json');
      const original = await readFile(manifestPath, 'utf8');
      const edited = JSON.parse(original) as Manifest;
      const artifacts = edited.artifacts.map((a) => (a.file === FILE ? { ...a, signature: sig } : a));
      await writeFile(manifestPath, JSON.stringify({ ...edited, artifacts }));
      const offline = await verifyFolder(folder, { publicKeyPem: harness.server.publicKeyPem });
      expect(offline.ok).toBe(true);
      const file = offline.ok ? offline.value.files.find((f) => f.file === FILE) : undefined;
      // Fails if verify-folder.ts decodes the text leniently (the bytes are the signed ones).
      expect(file?.status).toBe(ok ? 'verified' : 'signatureInvalid');
      expect(offline.ok && offline.value.state).toBe(ok ? 'verified' : 'changed');
      await writeFile(manifestPath, original);

      // (c) F7: re-fetch of the verified package, the delivery now carrying the variant.
      serveSignature(harness, sig);
      const servedBefore = storageRequests(harness, FILE);
      const again = await fetchAgain(harness, ID);
      const reused = itemNamed(again, FILE);
      // Fails if item-reuse.ts keeps the recorded verdict against a signature that now fails.
      expect(reused.outcome).toBe(ok ? 'verified' : 'failed');
      expect(reused.error?.code ?? null).toBe(row.code);
      expect(reused.reusedBytes).toBe(ok ? BODY.length : 0);
      // A missing signature is known before any byte, so that file is not even downloaded.
      expect(storageRequests(harness, FILE) - servedBefore).toBe(
        ok || row.code === 'CLIENT.signatureMissing' ? 0 : 2,
      );
      const after = await readManifestJson(folder);
      expect(manifestEntry(after, FILE)?.outcome).toBe(ok ? 'verified' : 'failed');

      // (b) A fresh fetch into an empty staging root with the variant.
      const fresh = await fetchAgain(harness, ID, { stagingRoot: await tempDir() });
      const item = itemNamed(fresh, FILE);
      // Fails if the download path (read-back check) accepts what the other paths refuse.
      expect(item.outcome).toBe(ok ? 'verified' : 'failed');
      expect(item.error?.code ?? null).toBe(row.code);
      expect(fresh.verified).toBe(ok);
      expect(await exists(join(fresh.folder!, FILE))).toBe(ok);
    });
  }
});
