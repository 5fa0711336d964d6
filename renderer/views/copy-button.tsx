// "Copy to drive" for a staged job or a History package: the drive is picked in main, so the button
// sends the id only. A package that is not verified is copied only after the user accepts it (the
// export panel asks); one with changed or missing files offers no copy at all. While that package
// is being copied the button is aria-disabled rather than disabled, so keyboard focus stays on it
// (a disabled button drops focus to the page start).
import { memo } from 'react';
import type { PackageState } from '../../electron/shared/ipc-contract.js';
import { Icon } from '../components/icon.js';
import { useTranslator } from '../i18n/i18n-provider.js';
import { canCopy, exportKey } from '../store/export-slice.js';
import { useCourier } from '../store/store-context.js';
import type { ExportTarget } from '../store/store-types.js';

export const CopyToDriveButton = memo(function CopyToDriveButton({
  target,
  catalogId,
  state,
  primary = false,
}: {
  target: ExportTarget;
  catalogId: string;
  /** What the package is worth as far as this window knows (its manifest, or a later check). */
  state: PackageState;
  primary?: boolean;
}) {
  const tr = useTranslator();
  const running = useCourier((s) => s.exports[exportKey(target)]?.state === 'running');
  const request = useCourier((s) => s.requestExport);
  if (!canCopy(state)) return null;
  return (
    <button
      type="button"
      className={primary ? 'button button-primary' : 'button'}
      aria-disabled={running || undefined}
      onClick={() => {
        if (!running) void request(target, state);
      }}
    >
      <Icon name="drive" /> {tr.text(running ? 'history.copying' : 'history.copyToDrive')}{' '}
      <span className="visually-hidden">{catalogId}</span>
    </button>
  );
});
