// Checking a package folder offline for the UI (verify again, Verify a package), and finding the
// package in a folder the user picked (the folder itself, or a drive holding exactly one package).
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { appError } from '../shared/app-error.js';
import type { PackageCheck } from '../shared/ipc-contract.js';
import { MANIFEST_FILE } from '../shared/manifest.js';
import { fail, ok, type Result } from '../shared/result.js';
import { verifyFolder, type FolderVerification } from '../engine/index.js';
import type { ServiceContext } from './context.js';

/** A drive root is listed, not searched: this many entries is plenty for a USB stick's top level. */
const MAX_ENTRIES = 500;

export const toCheck = (v: FolderVerification): PackageCheck => ({
  state: v.state,
  catalogId: v.catalogId,
  files: v.files.map((f) => ({
    file: f.file,
    itemKey: f.itemKey,
    status: f.status,
    expectedSha256: f.expectedSha256,
    actualSha256: f.actualSha256,
    outcome: f.outcome,
  })),
  extra: [...v.extra],
  signaturesChecked: v.signaturesChecked,
});

/** With the engine's pinned key when there is an engine; offline with the stored key otherwise. */
export async function checkFolder(ctx: ServiceContext, dir: string): Promise<Result<PackageCheck>> {
  const engine = await ctx.slot.get();
  const pem = ctx.settings().publicKey?.pem;
  const checked = engine.ok
    ? await engine.value.verifyFolder(dir)
    : await verifyFolder(dir, pem ? { publicKeyPem: pem } : {});
  return checked.ok ? ok(toCheck(checked.value)) : checked;
}

const hasManifest = (dir: string): Promise<boolean> =>
  lstat(join(dir, MANIFEST_FILE)).then(
    (info) => info.isFile(),
    () => false,
  );

const notFound = (path: string, message: string): Result<never> =>
  fail(appError({ code: 'CLIENT.notAPackage', message, retryable: false, detail: { path } }));

/**
 * The package folder for a folder the user picked: the folder itself when it holds a manifest, else
 * its one child folder that does (a technician may well pick the drive rather than the package).
 */
export async function findPackageFolder(picked: string): Promise<Result<string>> {
  if (await hasManifest(picked)) return ok(picked);
  let names: string[];
  try {
    const entries = await readdir(picked, { withFileTypes: true });
    names = entries
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .slice(0, MAX_ENTRIES)
      .map((e) => e.name);
  } catch {
    return fail(
      appError({
        code: 'CLIENT.fileSystem',
        message: `Courier could not read the folder "${picked}". Is the drive still connected?`,
        retryable: true,
        detail: { path: picked },
      }),
    );
  }
  const found: string[] = [];
  for (const name of names) if (await hasManifest(join(picked, name))) found.push(name);
  if (found.length === 1) return ok(join(picked, found[0]!));
  if (found.length === 0)
    return notFound(
      picked,
      `"${picked}" holds no Courier package (no ${MANIFEST_FILE} in it or in a folder directly inside it). Choose the package folder on the drive.`,
    );
  return notFound(
    picked,
    `"${picked}" holds ${found.length} packages (${found.slice(0, 3).join(', ')}${found.length > 3 ? ', …' : ''}). Choose the folder of the one to verify.`,
  );
}
