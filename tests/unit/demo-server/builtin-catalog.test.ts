import { createHash, verify } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { BUILTIN_IDS, buildBuiltInCatalog } from '../../../electron/demo-server/builtin-catalog.js';
import type { DemoArtifact } from '../../../electron/demo-server/catalog-model.js';
import { signingKeyFromSeed } from '../../../electron/demo-server/signing.js';
import { sha256Of } from '../../../electron/demo-server/stored-object.js';

const key = signingKeyFromSeed('courier-demo');
const catalog = buildBuiltInCatalog(key);

async function served(artifact: DemoArtifact): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of artifact.file!.object.open(0, artifact.file!.object.size - 1))
    parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

function delivery(id: string) {
  const found = catalog.deliveries.get(id);
  if (!found) throw new Error(`missing ${id}`);
  return found;
}

describe('built-in demo catalog', () => {
  test('has every documented catalogId', () => {
    expect([...catalog.deliveries.keys()].sort()).toEqual(Object.values(BUILTIN_IDS).sort());
  });

  test('the signing key is the same on every start, so a technician can pin it', () => {
    expect(signingKeyFromSeed('courier-demo').publicKeyPem).toBe(catalog.publicKeyPem);
    expect(catalog.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  });

  test('field-nav: three signed files of a few MB, no hash, one executable with arguments', async () => {
    const { artifacts } = delivery(BUILTIN_IDS.fieldNav);
    expect(artifacts).toHaveLength(3);
    for (const artifact of artifacts) {
      expect(artifact.publishedHash).toBeUndefined();
      expect(artifact.file!.object.size).toBeGreaterThan(1_000_000);
      const ok = verify(
        'sha256',
        await served(artifact),
        catalog.publicKeyPem,
        Buffer.from(artifact.signature!, 'base64'),
      );
      expect(ok).toBe(true);
    }
    expect(artifacts.filter((a) => a.isExecutable).map((a) => a.arguments)).toEqual(['/quiet /norestart']);
  });

  test('a signature from one artifact does not verify another (M8 fixtures are meaningful)', async () => {
    const [a, b] = delivery(BUILTIN_IDS.fieldNav).artifacts;
    expect(
      verify('sha256', await served(a!), catalog.publicKeyPem, Buffer.from(b!.signature!, 'base64')),
    ).toBe(false);
  });

  test('map: the sidecar carries the gpkg digest, which the server publishes as SHA256Hex', async () => {
    const [gpkg, json] = delivery(BUILTIN_IDS.map).artifacts;
    const digest = (await sha256Of(gpkg!.file!.object)).toString('hex');
    expect(gpkg!.publishedHash).toBe('SHA256Hex');
    expect(gpkg!.file!.sha256.toString('hex')).toBe(digest);
    expect(JSON.parse((await served(json!)).toString('utf8')).sha256).toBe(digest);
    expect(json!.file!.name).toBe(gpkg!.file!.name.replace(/\.gpkg$/, '.json'));
  });

  test('tampered: served bytes differ from the declared digest by one byte', async () => {
    const [artifact] = delivery(BUILTIN_IDS.tampered).artifacts;
    const bytes = await served(artifact!);
    expect(createHash('sha256').update(bytes).digest().equals(artifact!.file!.sha256)).toBe(false);
    expect(artifact!.publishedHash).toBe('SHA256Hex');
  });

  test('mixed stack: one file, one docker image and one rpm with references instead of files', () => {
    const kinds = delivery(BUILTIN_IDS.mixedStack).artifacts.map((a) => [
      a.artifactType,
      a.reference ?? a.file!.name,
    ]);
    expect(kinds).toEqual([
      ['software', 'mixed-stack-config-1.0.0.tar.gz'],
      ['docker_image', 'harbor.demo.invalid/mixed-stack/mixed-stack-api:1.0.0'],
      ['rpm', 'rpm://mixed-stack-agent'],
    ]);
  });

  test('6.field-nav@2.4.0 is not released, everything else is', () => {
    const statuses = [...catalog.deliveries.values()]
      .filter((d) => d.component)
      .map((d) => [d.catalogId, d.component!.status]);
    expect(statuses.filter(([, s]) => s !== 'released')).toEqual([[BUILTIN_IDS.notReleased, 'in_review']]);
  });
});
