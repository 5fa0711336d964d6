// "Copy to drive" for a staged job or a History package: the drive is picked in main, so the button
// sends the id only. While that package is being copied it is aria-disabled rather than disabled, so
// keyboard focus stays on it (a disabled button drops focus to the page start).
import { memo } from 'react';
import { Icon } from '../components/icon.js';
import { exportKey } from '../store/export-slice.js';
import { useCourier } from '../store/store-context.js';
import type { ExportTarget } from '../store/store-types.js';

export const CopyToDriveButton = memo(function CopyToDriveButton({
  target,
  catalogId,
  primary = false,
}: {
  target: ExportTarget;
  catalogId: string;
  primary?: boolean;
}) {
  const running = useCourier((s) => s.exports[exportKey(target)]?.state === 'running');
  const start = useCourier((s) => s.startExport);
  return (
    <button
      type="button"
      className={primary ? 'button button-primary' : 'button'}
      aria-disabled={running || undefined}
      onClick={() => {
        if (!running) void start(target);
      }}
    >
      <Icon name="drive" /> {running ? 'Copying…' : 'Copy to drive'}{' '}
      <span className="visually-hidden">{catalogId}</span>
    </button>
  );
});
