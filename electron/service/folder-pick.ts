// Where the export and "Verify a package" folders come from: a native picker in main, or, where none
// can open (browser mode), the host's configured defaultExportTarget. Never a path from the UI (E1).
import { isAbsolute, resolve } from 'node:path';
import { ok, type Result } from '../shared/result.js';
import { invalidRequest } from './context.js';
import type { FolderPurpose, ServiceDeps } from './types.js';

const NO_PICKER: Readonly<Record<Exclude<FolderPurpose, 'staging'>, string>> = {
  exportTarget:
    'Browser mode cannot open a folder picker, so it cannot ask which drive to copy to. Start it with --export-target DIR to copy packages into DIR.',
  packageToVerify:
    'Browser mode cannot open a folder picker to choose a package to verify. Start it with --export-target DIR to choose among the packages in DIR.',
};

type PickDeps = Pick<ServiceDeps, 'dialogs' | 'defaultExportTarget'>;

/** Where no picker can open: the configured folder standing in for the drive, or how to set one. */
export function standInFolder(deps: PickDeps, purpose: Exclude<FolderPurpose, 'staging'>): Result<string> {
  const fallback = deps.defaultExportTarget;
  return fallback !== undefined && isAbsolute(fallback)
    ? ok(resolve(fallback))
    : invalidRequest(NO_PICKER[purpose]);
}

/** The chosen folder (absolute, normalised), null when the user cancelled the picker. */
export async function pickFolder(
  deps: PickDeps,
  purpose: Exclude<FolderPurpose, 'staging'>,
): Promise<Result<string | null>> {
  if (deps.dialogs.unavailable !== undefined) return standInFolder(deps, purpose);
  const chosen = await deps.dialogs.chooseFolder(purpose);
  if (chosen === undefined) return ok(null);
  if (!isAbsolute(chosen)) return invalidRequest('The chosen folder is not an absolute path.');
  return ok(resolve(chosen));
}
