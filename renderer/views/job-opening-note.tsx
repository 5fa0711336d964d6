// What Open folder and Open report leave to show in browser mode, which cannot open anything on
// this computer: a copy button for the package folder's path, or a link to the report page the
// bridge opened in a new tab (should a pop-up blocker have stopped it). Both are data only.
import { isReportPagePath } from '../../electron/shared/ipc-contract.js';
import { CopyTextButton } from '../components/copy-text-button.js';
import { Icon } from '../components/icon.js';
import { useCourier } from '../store/store-context.js';

export function JobOpeningNote({ jobId }: { jobId: string }) {
  const opening = useCourier((s) => s.jobOpenings[jobId]);
  if (!opening) return null;
  // The folder's path is on show just above (the job's folder line): say what to do with it.
  if (opening.how === 'showPath')
    return (
      <p className="folder-line opening-note">
        <Icon name="folder" /> Browser mode cannot open folders on this computer: open the folder above in
        your file manager.
        <CopyTextButton text={opening.path} label="Copy path" what="of the package folder" />
      </p>
    );
  // Only a report page of this host is ever a link here, whatever the answer held.
  if (!isReportPagePath(opening.url)) return null;
  return (
    <p className="opening-note" role="status">
      <Icon name="file" /> The report opened in a new tab.{' '}
      <a href={opening.url} target="_blank" rel="noopener noreferrer">
        Open the report
      </a>{' '}
      if no tab appeared.
    </p>
  );
}
