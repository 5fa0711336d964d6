// "Verify a package": a package on a drive, checked offline. Desktop: the folder comes from a native
// picker (a package folder, or a drive holding one package). Browser mode cannot open a picker: it
// lists the packages on the export target standing in for the drive, and checks the one the user
// chooses by its folder name (never a path from the UI: E1).
import { ok } from '../../shared/result.js';
import { invalidRequest, type ServiceContext } from '../context.js';
import { pickFolder, standInFolder } from '../folder-pick.js';
import { checkFolder, findPackageFolder } from '../package-check.js';
import { listPackages, packageFolder } from '../package-history.js';
import type { InvokeHandlers } from '../types.js';

type DriveCheckHandlers = Pick<InvokeHandlers, 'verifyFolderPicked' | 'verifyDrivePackage'>;

const EXPORT_TARGET = 'the export target';

export function driveCheckHandlers(ctx: ServiceContext): DriveCheckHandlers {
  const noPicker = () => ctx.deps.dialogs.unavailable !== undefined;

  const verifyIn = async (folder: string) => {
    const check = await checkFolder(ctx, folder);
    return check.ok ? ok({ ...check.value, folder }) : check;
  };

  return {
    async verifyFolderPicked() {
      if (noPicker()) {
        const root = standInFolder(ctx.deps, 'packageToVerify');
        if (!root.ok) return root;
        const found = await listPackages(root.value, EXPORT_TARGET);
        return found.ok ? ok({ folder: root.value, packages: found.value }) : found;
      }
      const picked = await pickFolder(ctx.deps, 'packageToVerify');
      if (!picked.ok || picked.value === null) return picked.ok ? ok(null) : picked;
      const folder = await findPackageFolder(picked.value);
      return folder.ok ? verifyIn(folder.value) : folder;
    },

    async verifyDrivePackage({ packageId }) {
      // With a picker, the user chooses the folder itself: no list was offered to choose from.
      if (!noPicker()) return invalidRequest('Choose the package folder with "Verify a package".');
      const root = standInFolder(ctx.deps, 'packageToVerify');
      if (!root.ok) return root;
      const folder = await packageFolder(root.value, packageId, EXPORT_TARGET);
      return folder.ok ? verifyIn(folder.value) : folder;
    },
  };
}
