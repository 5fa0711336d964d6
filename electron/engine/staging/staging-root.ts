// Creating a missing staging root: one level only, so its parent must exist. A recursive mkdir could
// recreate a removed drive's mount point, or a mistyped path, on the system disk (F3). The engine
// itself never creates its root; the faces that may (the CLI's and browser mode's --out, the
// desktop's default folder) all call this.
import { nodeFs, type StagingFs } from './fs-adapter.js';

/** The staging root of the CLI and browser mode when --out is not given (in the working folder). */
export const DEFAULT_OUT_FOLDER = 'courier-packages';

/**
 * Creates `path` unless it exists. Resolves undefined once it is there, else with the errno code
 * that stopped it (ENOENT: the parent is missing).
 */
export async function createStagingRoot(
  path: string,
  fs: Pick<StagingFs, 'mkdir'> = nodeFs,
): Promise<string | undefined> {
  try {
    await fs.mkdir(path, 0o777);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    return code === 'EEXIST' ? undefined : code;
  }
}
