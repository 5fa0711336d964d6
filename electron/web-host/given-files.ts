// The files `npm run web` is given by flag (--public-key, --ca, --cert, --key: the CLI's names):
// each read and checked like a file pasted in Settings, and kept the same way, before the page
// opens. A file that cannot be used stops the start with its flag and reason.
import { resolve } from 'node:path';
import { FILE_PURPOSE_FLAGS, type FilePurpose } from '../shared/ipc-contract.js';
import { loadChosenFile, type CourierService } from '../service/index.js';

export type GivenFiles = Partial<Record<FilePurpose, string>>;

/** parseArgs' option name of each flag ("public-key" for --public-key). */
export const optionName = (purpose: FilePurpose): string => FILE_PURPOSE_FLAGS[purpose].slice(2);

export const FILE_OPTIONS = Object.fromEntries(
  (Object.keys(FILE_PURPOSE_FLAGS) as FilePurpose[]).map((purpose) => [
    optionName(purpose),
    { type: 'string' } as const,
  ]),
) as Record<string, { type: 'string' }>;

/** The files among parseArgs' values, by purpose. */
export function givenFiles(values: Record<string, unknown>): GivenFiles {
  const files: GivenFiles = {};
  for (const purpose of Object.keys(FILE_PURPOSE_FLAGS) as FilePurpose[]) {
    const path = values[optionName(purpose)];
    if (typeof path === 'string') files[purpose] = resolve(path);
  }
  return files;
}

/** Loads every given file into the service; a problem comes back as a message naming its flag. */
export async function applyGivenFiles(
  service: CourierService,
  files: GivenFiles,
): Promise<{ readonly loaded: string[]; readonly problem?: string }> {
  const loaded: string[] = [];
  if ((files.clientCertificate === undefined) !== (files.clientKey === undefined))
    return {
      loaded,
      problem: `${FILE_PURPOSE_FLAGS.clientCertificate} and ${FILE_PURPOSE_FLAGS.clientKey} go together`,
    };
  for (const [purpose, path] of Object.entries(files) as [FilePurpose, string][]) {
    const flag = FILE_PURPOSE_FLAGS[purpose];
    const file = await loadChosenFile(path, purpose);
    const kept = file.ok
      ? await service.invoke('pastePem', { purpose, pem: file.value.pem, fileName: file.value.fileName })
      : file;
    if (!kept.ok) return { loaded, problem: `${flag} ${path}: ${kept.error.code}: ${kept.error.message}` };
    loaded.push(`${flag} ${file.ok ? file.value.fileName : path}`);
  }
  return { loaded };
}
